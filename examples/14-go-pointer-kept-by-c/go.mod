module example.com/gopointerkeptbyc

go 1.19
