package a

/*
#include <stdint.h>
#include <stdlib.h>
typedef struct box { void *data; uintptr_t id; struct box *next; } box;
static box *box_new(void) { return calloc(1, sizeof(box)); }
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

type payload struct{ n int }

// A Go pointer in a field of a C struct from C.malloc.
func storeMalloc() *C.box {
	b := (*C.box)(C.malloc(C.sizeof_box))
	p := &payload{}
	b.data = unsafe.Pointer(p) // want `Go pointer p is stored into C memory b.data; the garbage collector does not see it there, and GOEXPERIMENT=cgocheck2 panics on it`
	return b
}

// Fixed twin: a handle.
func storeHandle() *C.box {
	b := (*C.box)(C.malloc(C.sizeof_box))
	b.id = C.uintptr_t(cgo.NewHandle(&payload{}))
	return b
}

// C.calloc, and a C allocator described by a summary.
func storeCalloc() {
	b := (*C.box)(C.calloc(1, C.sizeof_box))
	x := 3
	b.data = unsafe.Pointer(&x) // want `Go pointer &x is stored into C memory b.data`
}

func storeAllocator() {
	b := C.box_new()
	x := 3
	b.data = unsafe.Pointer(&x) // want `Go pointer &x is stored into C memory b.data`
}

// Fixed twin: C memory in C memory.
func storeCInC() {
	b := C.box_new()
	b.data = C.malloc(8)
	b.next = C.box_new()
}

// Hidden in an integer.
func storeHidden() {
	b := C.box_new()
	x := 3
	b.id = C.uintptr_t(uintptr(unsafe.Pointer(&x))) // want `Go pointer &x \(hidden in an integer\) is stored into C memory b.id`
}

// Through a pointer read from C memory.
func storeNested() {
	b := C.box_new()
	b.next = C.box_new()
	x := 3
	b.next.data = unsafe.Pointer(&x) // want `Go pointer &x is stored into C memory b.next.data`
}

// The backing array of a slice converted from a string (found in the
// real-world corpus's shape, examples/15).
func storeConverted() {
	b := C.box_new()
	data := []byte("hello")
	b.data = unsafe.Pointer(&data[0]) // want `Go pointer &data\[i\] is stored into C memory b.data`
}

// Silent: a struct value copied into C memory is not a pointer to the Go
// value it was copied from (go-gir's generated code, docs/realworld.md).
func storeCopy(items []C.box) {
	arr := (*C.box)(C.malloc(C.size_t(len(items)) * C.sizeof_box))
	for i, e := range items {
		(*(*[1 << 20]C.box)(unsafe.Pointer(arr)))[i] = *(*C.box)(unsafe.Pointer(&e)) // no-warning
	}
	C.free(unsafe.Pointer(arr))
}

// Silent: a C struct in Go memory may hold Go pointers.
func storeGoStruct() C.box {
	var b C.box
	x := 3
	b.data = unsafe.Pointer(&x)
	return b
}
