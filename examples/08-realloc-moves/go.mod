module example.com/reallocmoves

go 1.19
