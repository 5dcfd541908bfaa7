module example.com/gofreestwicefixed

go 1.19
