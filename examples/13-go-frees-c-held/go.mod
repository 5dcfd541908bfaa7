module example.com/gofreescheld

go 1.19
