module example.com/mapingo-fixed

go 1.19
