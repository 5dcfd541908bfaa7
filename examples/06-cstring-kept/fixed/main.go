// Example 6, fixed: set_name copies the string (strdup), so Go may free its
// C.CString as soon as the call returns.
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
	fmt.Println("name length:", C.name_len())
}
