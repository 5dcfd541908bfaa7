module example.com/werror

go 1.19
