module example.com/cstringkept-fixed

go 1.19
