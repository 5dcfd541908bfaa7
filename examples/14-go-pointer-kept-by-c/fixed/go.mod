module example.com/gopointerkeptbycfixed

go 1.19
