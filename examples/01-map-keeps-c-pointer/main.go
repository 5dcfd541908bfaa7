// Example 1: a Go export keeps a C pointer in a map; C frees the block after
// the call; Go reads through the map later.
package main

/*
void register_and_free(void);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// seen counts the C buffers Go has been shown. The key is a raw C pointer.
var seen = map[unsafe.Pointer]int{}

//export GoRegister
func GoRegister(p unsafe.Pointer) {
	seen[p]++
}

func main() {
	C.register_and_free()
	for p := range seen {
		fmt.Println("first byte:", *(*byte)(p)) // heap-use-after-free
	}
}
