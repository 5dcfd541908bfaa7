module example.com/gofreestwice

go 1.19
