module example.com/takename

go 1.19
