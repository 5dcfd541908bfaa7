module example.com/mapingo

go 1.19
