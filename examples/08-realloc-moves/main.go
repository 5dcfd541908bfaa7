// Example 8: C hands a buffer to a Go export that keeps it, then grows the
// buffer with realloc, which moves it; Go reads the old address.
package main

/*
void log_grow(void);
void log_free(void);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// watched holds the C buffers Go prints.
var watched = map[unsafe.Pointer]bool{}

//export GoWatch
func GoWatch(p unsafe.Pointer) {
	watched[p] = true
}

func main() {
	C.log_grow()
	for p := range watched {
		fmt.Println("first byte:", *(*byte)(p)) // heap-use-after-free
	}
	C.log_free()
}
