module example.com/freedreturn

go 1.19
