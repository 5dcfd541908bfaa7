module example.com/globalarray-fixed

go 1.19
