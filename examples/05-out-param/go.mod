module example.com/outparam

go 1.19
