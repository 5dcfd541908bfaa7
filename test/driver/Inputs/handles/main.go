package main

// #include "handles.h"
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

type state struct{ n int }

func main() {
	h := cgo.NewHandle(&state{n: 1})
	defer h.Delete()
	C.set_ud(unsafe.Pointer(h))
	C.set_ud(unsafe.Pointer(uintptr(cgo.NewHandle(2))))

	id := 7
	name := C.CString("x")
	defer C.free(unsafe.Pointer(name))
	C.set_ud_name(unsafe.Pointer(uintptr(id)), name)

	var s state
	C.set_ctx(unsafe.Pointer(uintptr(id)))
	C.set_ctx(unsafe.Pointer(&s))
}
