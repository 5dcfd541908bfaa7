module example.com/mapkeep

go 1.19
