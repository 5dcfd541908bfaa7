module example.com/interfacemap-fixed

go 1.19
