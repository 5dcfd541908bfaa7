// Package badcgo's preamble includes a header that does not exist, so
// `go tool cgo` fails.
package badcgo

// #include "no_such_header.h"
import "C"

// F calls C.
func F() { C.nothing() }
