// Example 1, fixed: C asks Go to drop its map entry before it frees the block.
package main

/*
void register_use_forget_free(void);
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

//export GoUse
func GoUse() {
	for p := range seen {
		fmt.Println("first byte:", *(*byte)(p)) // the block is still alive
	}
}

//export GoForget
func GoForget(p unsafe.Pointer) {
	delete(seen, p)
}

func main() {
	C.register_use_forget_free()
	fmt.Println("entries left:", len(seen))
}
