package main

// A type error: `go build` stops before Go's escape analysis.
func label() int {
	return "not an int"
}
