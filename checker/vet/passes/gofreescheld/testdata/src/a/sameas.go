package a

/*
#include <stdlib.h>
typedef struct hlib { char *ud; } hlib;
static hlib *hl_new(char *ud) { hlib *l = calloc(1, sizeof *l); l->ud = ud; return l; }
static void hl_close(hlib *l) { free(l); }
*/
import "C"

import "unsafe"

// hl_new keeps its userdata until hl_close of the state it returns (an
// 'until' entry with "same_as": "$ret", as the shipped Lua model's
// lua_newstate): closing the state ends the keeping.
func keepUntilClosed() {
	ud := C.CString("x")
	l := C.hl_new(ud)
	C.hl_close(l)
	C.free(unsafe.Pointer(ud)) // no-warning: hl_close(l) ended the keeping
}

func keepStillOpen() {
	ud := C.CString("x")
	l := C.hl_new(ud)
	C.free(unsafe.Pointer(ud)) // want `C memory ud \(from C.CString\) is freed by C.free while C.hl_new still keeps it`
	C.hl_close(l)
}

// Another state's close does not end this one's keeping.
func keepOtherClosed() {
	ud := C.CString("x")
	l := C.hl_new(ud)
	other := C.hl_new(nil)
	C.hl_close(other)
	C.free(unsafe.Pointer(ud)) // want `C memory ud \(from C.CString\) is freed by C.free while C.hl_new still keeps it`
	C.hl_close(l)
}
