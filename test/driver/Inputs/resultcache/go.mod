module example.com/resultcache

go 1.19
