// The package of test/vet/summaries-hook.test: free_int is defined in the
// package's own hook.c, so only the summaries computed from it say that it
// frees its argument.
package main

/*
#include "hook.h"
*/
import "C"

import "fmt"

func main() {
	p := C.alloc_int(42)
	C.free_int(p)
	fmt.Println(*(*C.int)(p))
}
