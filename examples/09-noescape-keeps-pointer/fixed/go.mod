module example.com/noescape

go 1.24
