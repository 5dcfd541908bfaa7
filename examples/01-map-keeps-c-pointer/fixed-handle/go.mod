module example.com/mapkeep-fixed-handle

go 1.19
