module example.com/retain

go 1.19
