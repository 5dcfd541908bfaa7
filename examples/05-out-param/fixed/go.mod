module example.com/outparam-fixed

go 1.19
