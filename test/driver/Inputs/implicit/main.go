// C that gcc accepts with warnings only (cgo's default compiler) and clang 16
// and later reject: a call to a function declared nowhere, implicit int, an
// int converted to a pointer. `go build` builds it.
package main

/*
void hand_over(void);
*/
import "C"

//export GoUse
func GoUse(p *C.char) {}

func main() { C.hand_over() }
