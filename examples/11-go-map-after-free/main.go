// Example 11: the source material's program. Go gets a block from a C
// allocator, keeps the pointer as a map key, frees the block with the C
// deallocator, and goes on using the map: the entry outlived the memory.
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
	C.free_int(ptr) // the C memory is freed
	_ = m[ptr]      // Go still holds it; any later use reads freed memory

	for k, v := range m {
		fmt.Println(v, *(*C.int)(k)) // heap-use-after-free
	}
}
