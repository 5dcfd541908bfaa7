// Package calls calls C functions and reads C globals.
package calls

/*
#cgo CFLAGS: -DCALLS_LEVEL=2 -I${SRCDIR}/include
#include <stdlib.h>
#include <string.h>
#include "pool.h"
*/
import "C"

import "unsafe"

// Name returns a C string that C allocated.
func Name() string {
	p := C.get_name()
	defer C.free(unsafe.Pointer(p))
	return C.GoString(p)
}

// Cache reads a C global.
func Cache() int {
	return int(C.g_cache) + int(C.strlen(C.g_label))
}

// Store hands C a Go-allocated C string.
func Store(s string) {
	cs := C.CString(s)
	C.pool_store(cs)
}
