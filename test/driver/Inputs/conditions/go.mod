module conditions

go 1.19
