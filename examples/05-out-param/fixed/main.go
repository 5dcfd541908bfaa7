// Example 5, fixed: the error path sets *out to NULL after freeing, so Go finds
// nil and reads nothing.
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
	if name != nil { // nil on the error path
		fmt.Println("status", rc, "first byte:", *name)
		C.free(unsafe.Pointer(name))
	}
}
