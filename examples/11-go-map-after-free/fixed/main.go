// Example 11, fixed: the map gives up the pointer before the C memory is
// freed, so no entry ever points at freed memory.
package main

/*
#include <stdlib.h>

static void *alloc_int(int v) {
	int *p = malloc(sizeof *p);
	*p = v;
	return p;
}

static void free_int(void *p) { free(p); }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	m := make(map[unsafe.Pointer]int)
	ptr := C.alloc_int(42)
	m[ptr] = 100
	for k, v := range m {
		fmt.Println(v, *(*C.int)(k))
	}
	delete(m, ptr) // release Go's reference first
	C.free_int(ptr)
	_ = m[ptr] // no entry: the lookup finds nothing
	fmt.Println(len(m), "entries left")
}
