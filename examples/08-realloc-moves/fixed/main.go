// Example 8, fixed: C asks Go to forget the buffer before realloc may move it,
// and hands Go the new address afterwards.
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

var watched = map[unsafe.Pointer]bool{}

//export GoWatch
func GoWatch(p unsafe.Pointer) {
	watched[p] = true
}

//export GoUnwatch
func GoUnwatch(p unsafe.Pointer) {
	delete(watched, p)
}

func main() {
	C.log_grow()
	for p := range watched {
		fmt.Println("log:", C.GoString((*C.char)(p)))
	}
	C.log_free()
	fmt.Println("entries left:", len(watched))
}
