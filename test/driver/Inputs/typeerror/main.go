// Two lifetime bugs, as in the integration tests, in a package whose Go code
// does not type-check (broken.go): C hands freed memory to Go (found with no
// configuration), and C frees memory a Go map keeps (needs escape analysis).
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
