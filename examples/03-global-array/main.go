// Example 3: C fills a global array of pointers that Go reads, frees the
// blocks, and Go reads through the array again.
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
	if p := C.g_items[0]; p != nil { // still non-nil: C left it dangling
		fmt.Println("first byte:", *p) // heap-use-after-free
	}
}
