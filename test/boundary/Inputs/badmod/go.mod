module example.com/badmod

go 1.19

require (
	example.com/dep v1.0.0
