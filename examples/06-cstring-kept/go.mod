module example.com/cstringkept

go 1.19
