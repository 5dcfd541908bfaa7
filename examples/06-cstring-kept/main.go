// Example 6: Go passes a C.CString to C and frees it with defer C.free; C kept
// the pointer in a global, and a later C call reads the freed string.
package main

/*
#include <stdlib.h>
#include "name.h"
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func setName(n string) {
	cs := C.CString(n)
	defer C.free(unsafe.Pointer(cs))
	C.set_name(cs)
}

func main() {
	setName("gopher")
	fmt.Println("name length:", C.name_len()) // heap-use-after-free in C's strlen
}
