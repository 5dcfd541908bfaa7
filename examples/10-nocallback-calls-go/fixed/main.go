// The promise kept: count_items no longer calls into Go; Go records the
// progress itself after the call returns.
package main

/*
#cgo nocallback count_items
#include "count.h"
*/
import "C"

import "fmt"

var progress int

func main() {
	total := C.count_items(3)
	progress = 3
	fmt.Println("items:", total, "progress:", progress)
}
