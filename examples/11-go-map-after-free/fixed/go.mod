module example.com/gomapafterfree/fixed

go 1.19
