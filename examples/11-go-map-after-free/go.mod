module example.com/gomapafterfree

go 1.19
