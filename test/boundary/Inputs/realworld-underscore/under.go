// Package under calls a C helper of its own whose name starts with '_', as
// gotk3 does (C._g_closure_new, defined in glib.go.h).
package under

/*
#include <stdlib.h>
#include "under.go.h"
*/
import "C"

import "unsafe"

// New calls the package's own helper and cgo's helpers.
func New(s string) int {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return int(C._u_len(cs))
}
