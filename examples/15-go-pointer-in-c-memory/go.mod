module example.com/gopointerincmemory

go 1.19
