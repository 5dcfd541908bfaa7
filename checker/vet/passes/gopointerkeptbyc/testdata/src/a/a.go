package a

/*
#include <stdint.h>
#include <stdlib.h>
static void *saved;
static uintptr_t saved_id;
static void keep_ptr(void *p) { saved = p; }
static void keep_id(uintptr_t id) { saved_id = id; }
static int read_int(int *p) { return *p; }
typedef void (*callback)(void *);
static void set_callback(callback cb, void *data) { (void)cb; saved = data; }
static void on_event(void *data) { (void)data; }
typedef struct item { int n; } item;
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

type state struct{ n int }

// &x kept as callback user data (the shape rule callback-userdata: no
// summary describes set_callback).
func register() {
	st := &state{}
	C.set_callback(C.callback(C.on_event), unsafe.Pointer(st)) // want `Go pointer st is passed to C.set_callback, which keeps its 2nd argument beyond the call \(shape rule callback-userdata\); use runtime/cgo.Handle or C memory`
}

// Fixed twin: a cgo.Handle.
func registerHandle() {
	h := cgo.NewHandle(&state{})
	C.set_callback(C.callback(C.on_event), unsafe.Pointer(uintptr(h)))
}

// &s[0] of a Go slice, kept by a computed summary.
func keepSlice() {
	buf := make([]byte, 16)
	C.keep_ptr(unsafe.Pointer(&buf[0])) // want `Go pointer &buf\[i\] is passed to C.keep_ptr, which keeps its 1st argument`
}

// Fixed twin: C memory.
func keepCMemory() {
	buf := C.malloc(16)
	C.keep_ptr(buf)
}

// A Go pointer hidden in a uintptr.
func keepHidden() {
	x := 5
	C.keep_id(C.uintptr_t(uintptr(unsafe.Pointer(&x)))) // want `Go pointer &x, hidden in an integer, is passed to C.keep_id`
}

// Fixed twin: the handle is an integer, not Go memory.
func keepHandle() {
	x := 5
	C.keep_id(C.uintptr_t(cgo.NewHandle(&x)))
}

// A Go slice parameter: the wrapper is where Go memory goes to C.
func Keep(b []byte) {
	C.keep_ptr(unsafe.Pointer(&b[0])) // want `Go pointer &b\[i\] is passed to C.keep_ptr, which keeps its 1st argument`
}

// A wrapper of the package whose parameter C keeps: known to its callers
// through its summary.
func Register(p unsafe.Pointer) { C.keep_ptr(p) }

func viaWrapper() {
	x := 1
	Register(unsafe.Pointer(&x)) // want `Go pointer &x is passed to Register, which keeps its 1st argument beyond the call \(C.keep_ptr at a.go:\d+`
}

func viaWrapperFixed() {
	Register(C.malloc(8))
}

// Silent: a Go pointer given to a C function that does not keep it.
func borrowOnly() int {
	n := C.int(3)
	return int(C.read_int(&n))
}

// A composite literal written as a C call's argument: named as written, not
// after cgo's temporary.
func keepLiteral() {
	C.keep_ptr(unsafe.Pointer(&C.item{n: 1})) // want `Go pointer &C.item\{…\} is passed to C.keep_ptr, which keeps its 1st argument`
}
