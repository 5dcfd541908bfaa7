// A package whose C functions have each kind of summary, and the cross-call
// bug: session_open hands s->user to GoTrackSession, which keeps it in a map;
// session_close frees it without calling GoUntrackSession first.
package main

/*
#include <stdlib.h>
#include "sessions.h"
*/
import "C"

import "unsafe"

var sessions = map[unsafe.Pointer]int{}

//export GoTrackSession
func GoTrackSession(p unsafe.Pointer) {
	sessions[p]++
}

//export GoUntrackSession
func GoUntrackSession(p unsafe.Pointer) {
	delete(sessions, p)
}

func main() {
	s := C.session_new()
	C.session_open(s, unsafe.Pointer(C.CString("me")))
	C.session_close(s)
	var r C.struct_rec
	C.rec_rename(&r, C.CString("x"))
	_ = C.rec_name(&r)
	var b C.struct_buf
	C.buf_append(&b, 'x')
	p := C.alloc_int(1)
	C.free_int(p)
	C.keep_global(C.CString("kept"))
}
