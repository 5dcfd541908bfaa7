// Package nocgo has no cgo at all.
package nocgo

// F does nothing.
func F() {}
