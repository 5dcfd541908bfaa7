module example.com/globalarray

go 1.19
