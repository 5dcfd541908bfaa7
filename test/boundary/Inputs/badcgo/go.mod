module example.com/badcgo

go 1.19
