// Example 2, fixed: the map owns its C buffers. Removing an entry and freeing
// the buffer happen in one place, in that order, so no entry ever dangles.
package main

/*
#include "buf.h"
*/
import "C"

import "fmt"

var buffers = map[string]*C.char{}

// release deletes the entry, then frees the buffer it held.
func release(name string) {
	b, ok := buffers[name]
	if !ok {
		return
	}
	delete(buffers, name)
	C.buf_free(b)
}

func main() {
	buffers["greeting"] = C.buf_new()
	fmt.Println("first byte:", *buffers["greeting"]) // read while it is alive
	release("greeting")

	if b, ok := buffers["greeting"]; ok { // the entry is gone: nothing to read
		fmt.Println("first byte:", *b)
	}
	fmt.Println("entries left:", len(buffers))
}
