module example.com/reallocmoves-fixed

go 1.19
