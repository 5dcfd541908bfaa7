// The headline bug: a Go map keeps a raw C pointer after C frees it.
package main

/*
#include <stdlib.h>
void register_and_free(void);
void register_forget_free(void);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

var seen = map[unsafe.Pointer]int{}

//export GoRegister
func GoRegister(p unsafe.Pointer) {
	seen[p]++
}

//export GoForget
func GoForget(p unsafe.Pointer) {
	delete(seen, p)
}

//export GoPeek
func GoPeek(p *C.char) C.int {
	return C.int(*p)
}

func main() {
	C.register_and_free()
	C.register_forget_free()
	fmt.Println(len(seen))
}
