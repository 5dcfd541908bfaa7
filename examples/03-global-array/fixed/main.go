// Example 3, fixed: clear_items sets each freed slot to NULL before control
// returns to Go, so Go finds nil instead of a dangling pointer.
package main

/*
#include "items.h"
*/
import "C"

import "fmt"

func main() {
	C.load_items()
	fmt.Println("first byte:", *C.g_items[0])

	C.clear_items()
	if p := C.g_items[0]; p != nil { // nil now: nothing to read
		fmt.Println("first byte:", *p)
	}
}
