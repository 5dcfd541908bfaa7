// Example 4, fixed: the error path returns NULL, and Go checks for nil before
// it reads.
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
	fmt.Println("first byte:", *rec)
	C.free(unsafe.Pointer(rec))
}
