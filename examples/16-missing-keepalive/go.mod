module example.com/missingkeepalive

go 1.19
