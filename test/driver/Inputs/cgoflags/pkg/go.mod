module example.com/cgoflags

go 1.19
