// The allocator and the free wrapper live in pool.c, the bug in bridge.c.
package main

/*
void hand_over(void);
*/
import "C"

import "unsafe"

var kept []unsafe.Pointer

//export GoKeep
func GoKeep(p unsafe.Pointer) {
	kept = append(kept, p)
}

func main() {
	C.hand_over()
}
