module example.com/nocallback

go 1.24
