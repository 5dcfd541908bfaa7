module example.com/gopointerincmemoryfixed

go 1.19
