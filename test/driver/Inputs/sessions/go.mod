module sessions

go 1.19
