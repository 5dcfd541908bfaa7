module example.com/usermodels

go 1.19
