module example.com/mapkeep-fixed

go 1.19
