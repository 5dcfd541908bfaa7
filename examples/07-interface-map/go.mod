module example.com/interfacemap

go 1.19
