// Example 7: a Go export keeps a C pointer inside an interface{} in a map;
// C frees the block; Go later takes the pointer out of the interface and reads it.
package main

/*
void cache_and_free(void);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// values caches anything by name. An interface{} hides what it holds: here, a
// raw C pointer whose lifetime Go does not control.
var values = map[string]interface{}{}

//export GoPut
func GoPut(key *C.char, v unsafe.Pointer) {
	values[C.GoString(key)] = v
}

func main() {
	C.cache_and_free()
	if p, ok := values["key"].(unsafe.Pointer); ok {
		fmt.Println("first byte:", *(*byte)(p)) // heap-use-after-free
	}
}
