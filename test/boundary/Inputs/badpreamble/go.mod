module example.com/badpreamble

go 1.19
