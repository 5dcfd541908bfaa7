module example.com/under

go 1.19
