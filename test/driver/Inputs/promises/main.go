// The C side of '#cgo noescape' and '#cgo nocallback' promises (Go 1.24+).
package main

/*
#cgo noescape hash_update
#cgo noescape hash_keep
#cgo nocallback fast_sum
#cgo nocallback fast_notify
#include <stddef.h>

int hash_update(const char *buf, size_t n);
void hash_keep(char *buf);
int fast_sum(int a, int b);
void fast_notify(int e);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

//export GoNotify
func GoNotify(e C.int) {
	fmt.Println("event", e)
}

func main() {
	buf := []byte("hello")
	p := (*C.char)(unsafe.Pointer(&buf[0]))
	fmt.Println(C.hash_update(p, C.size_t(len(buf))))
	C.hash_keep(p)
	fmt.Println(C.fast_sum(1, 2))
	C.fast_notify(0)
}
