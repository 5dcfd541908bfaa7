// Example 5: an out-parameter (**C.char) is left pointing at freed memory on an
// error path; Go trusts the pointer rather than the status code.
package main

/*
#include <stdlib.h>
#include "fetch.h"
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	var name *C.char
	rc := C.fetch_name(-1, &name)
	if name != nil { // non-nil, so Go reads it
		fmt.Println("status", rc, "first byte:", *name) // heap-use-after-free
		C.free(unsafe.Pointer(name))
	}
}
