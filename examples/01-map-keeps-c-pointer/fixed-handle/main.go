// Example 1, fixed with runtime/cgo.Handle: Go copies the bytes into Go memory
// and gives C an integer handle; Go never keeps the C pointer, so C may free
// its buffer whenever it likes.
package main

/*
#include <stdint.h>
void register_and_free(void);
*/
import "C"

import (
	"fmt"
	"runtime/cgo"
	"unsafe"
)

//export GoRegister
func GoRegister(p unsafe.Pointer, n C.int) C.uintptr_t {
	// A Go copy: C's block is not referenced after the call returns.
	data := append([]byte(nil), unsafe.Slice((*byte)(p), int(n))...)
	return C.uintptr_t(cgo.NewHandle(data))
}

//export GoPrint
func GoPrint(h C.uintptr_t) {
	data := cgo.Handle(h).Value().([]byte)
	fmt.Printf("kept by Go: %q\n", data)
}

//export GoRelease
func GoRelease(h C.uintptr_t) {
	cgo.Handle(h).Delete()
}

func main() {
	C.register_and_free()
}
