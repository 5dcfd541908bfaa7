module example.com/gofreescheldfixed

go 1.19
