// Example 2: the map bug done entirely in Go. Go gets a block from a C
// allocator, keeps it in a map, calls the C deallocator, then reads through
// the map. The C side is correct; no C-side tool can see this bug.
package main

/*
#include "buf.h"
*/
import "C"

import "fmt"

// buffers maps a name to a C buffer that Go got from buf_new.
var buffers = map[string]*C.char{}

func main() {
	buffers["greeting"] = C.buf_new()
	C.buf_free(buffers["greeting"]) // freed, but the map entry stays

	fmt.Println("first byte:", *buffers["greeting"]) // heap-use-after-free
}
