module example.com/missingkeepalivefixed

go 1.19
