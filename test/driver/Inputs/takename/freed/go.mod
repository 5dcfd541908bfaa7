module example.com/takenamefreed

go 1.19
