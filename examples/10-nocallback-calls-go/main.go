// A C function declared '#cgo nocallback' calls back into Go: Go panics.
package main

/*
#cgo nocallback count_items
#include "count.h"
*/
import "C"

import "fmt"

var progress int

//export GoProgress
func GoProgress(done C.int) {
	progress = int(done)
}

func main() {
	total := C.count_items(3)
	fmt.Println("items:", total, "progress:", progress)
}
