module example.com/keepalive

go 1.19
