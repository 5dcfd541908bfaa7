module example.com/freedreturn-fixed

go 1.19
