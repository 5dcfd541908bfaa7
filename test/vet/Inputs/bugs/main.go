// A cgo package with one bug for each Go-side checker.
package main

/*
#include <stdlib.h>
#include <stdint.h>
static void *alloc_int(int v) { int *p = malloc(sizeof *p); *p = v; return p; }
static void free_int(void *p) { free(p); }
static void *saved;
static void keep(void *p) { saved = p; }
typedef struct box { void *data; } box;
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

type res struct{ p unsafe.Pointer }

func newRes() *res {
	r := &res{p: C.alloc_int(1)}
	runtime.SetFinalizer(r, func(r *res) { C.free_int(r.p) })
	return r
}

func (r *res) get() int { return int(*(*C.int)(r.p)) }

func (r *res) peek() { C.keep(r.p) }

func main() {
	m := make(map[unsafe.Pointer]int)
	ptr := C.alloc_int(42)
	m[ptr] = 100
	C.free_int(ptr)
	_ = m[ptr]

	cs := C.CString("x")
	defer C.free(unsafe.Pointer(cs))
	C.free(unsafe.Pointer(cs))

	held := C.malloc(8)
	C.keep(held)
	C.free(held)

	x := 1
	C.keep(unsafe.Pointer(&x))

	b := (*C.box)(C.malloc(C.sizeof_box))
	b.data = unsafe.Pointer(&x)

	r := newRes()
	fmt.Println(r.get())
	r.peek() // r is not used after the call (cgo.MissingKeepAlive in peek)
}
