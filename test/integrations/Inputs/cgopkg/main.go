// A small cgo package with two lifetime bugs: C hands freed memory to Go
// (found with no configuration), and C frees memory a Go map keeps (found
// with the companion's manifest, from Go's escape analysis).
package main

/*
void hand_over(void);
void register_and_free(void);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

var seen = map[unsafe.Pointer]int{}

//export GoUse
func GoUse(p *C.char) {}

//export GoRegister
func GoRegister(p unsafe.Pointer) {
	seen[p]++
}

func main() {
	C.hand_over()
	C.register_and_free()
	fmt.Println(len(seen))
}
