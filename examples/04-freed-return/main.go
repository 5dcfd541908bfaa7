// Example 4: a C function that Go calls frees its buffer on an error path and
// returns it anyway; Go reads the freed buffer.
package main

/*
#include <stdlib.h>
#include "load.h"
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	rec := C.load_record(-1)
	if rec == nil {
		fmt.Println("no record")
		return
	}
	fmt.Println("first byte:", *rec) // heap-use-after-free
	C.free(unsafe.Pointer(rec))
}
