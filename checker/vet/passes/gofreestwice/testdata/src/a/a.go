package a

/*
#include <stdlib.h>
static int *alloc_int(int v) { int *p = malloc(sizeof *p); *p = v; return p; }
static void free_int(int *p) { free(p); }
typedef struct obj { int n; } obj;
typedef struct diskerr { char *disk; int code; } diskerr;
static obj *obj_new(void) { return calloc(1, sizeof(obj)); }
static void obj_destroy(obj *o) { free(o); }
static int work(const char *s) { return s[0] == 'x'; }
*/
import "C"

import (
	"errors"
	"runtime"
	"unsafe"
)

// defer C.free plus an explicit C.free on the error path.
func deferAndExplicit(s string) error {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs)) // want `C memory cs \(from C.CString\) is freed twice: the deferred C.free frees it again when deferAndExplicit returns, after C.free freed it`
	if C.work(cs) != 0 {
		C.free(unsafe.Pointer(cs))
		return errors.New("bad")
	}
	return nil
}

// Fixed twin: only the deferred free.
func deferOnly(s string) error {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	if C.work(cs) != 0 {
		return errors.New("bad")
	}
	return nil
}

// A modelled destroy function called twice.
func destroyTwice() {
	o := C.obj_new()
	C.obj_destroy(o)
	C.obj_destroy(o) // want `C memory o \(from C.obj_new\) is freed twice: C.obj_destroy frees it again after C.obj_destroy freed it`
}

func destroyOnce() {
	o := C.obj_new()
	C.obj_destroy(o)
}

// A finalizer plus a Close that does not clear the field.
type Res struct{ p *C.int }

func NewRes() *Res {
	r := &Res{p: C.alloc_int(1)}
	runtime.SetFinalizer(r, (*Res).finalize)
	return r
}

func (r *Res) finalize() { C.free_int(r.p) }

func (r *Res) Close() {
	C.free_int(r.p) // want `r.p is freed by C.free_int but left set, and the finalizer of r frees it again`
}

// Fixed twins: Close clears the field, or the finalizer.
type Res2 struct{ p *C.int }

func NewRes2() *Res2 {
	r := &Res2{p: C.alloc_int(1)}
	runtime.SetFinalizer(r, func(r *Res2) {
		if r.p != nil {
			C.free_int(r.p)
		}
	})
	return r
}

func (r *Res2) Close() {
	C.free_int(r.p)
	r.p = nil
}

func (r *Res2) CloseForGood() {
	C.free_int(r.p)
	runtime.SetFinalizer(r, nil)
}

// Close called twice.
type Buf struct{ p *C.int }

func (b *Buf) Close() { C.free_int(b.p) }

func closeTwice() {
	b := &Buf{p: C.alloc_int(1)}
	b.Close()
	b.Close() // want `is freed twice: \(\*Buf\).Close frees it again after \(\*Buf\).Close freed it`
}

func closeOnce() {
	b := &Buf{p: C.alloc_int(1)}
	b.Close()
}

// Silent: each element of a slice freed once in a loop.
func freeAll(ps []*C.int) {
	for _, p := range ps {
		C.free_int(p)
	}
}

// Silent: freed on two different paths.
func freeOnEachPath(fail bool) {
	p := C.alloc_int(1)
	if fail {
		C.free_int(p)
		return
	}
	C.free_int(p)
}

// Silent: reassigned between the frees.
func freeReassigned() {
	p := C.alloc_int(1)
	C.free_int(p)
	p = C.alloc_int(2)
	C.free_int(p)
}

// Silent: a C string per round of a loop, each freed by its own deferred
// call (libvirt-go's typedparams.go, docs/realworld.md).
func deferInLoop(names map[string]int) error {
	for n := range names {
		cs := C.CString(n)
		defer C.free(unsafe.Pointer(cs)) // no-warning
		if C.work(cs) != 0 {
			return errors.New("failed")
		}
	}
	return nil
}

// A C string per round, freed by its deferred call and on the spot: each
// block is freed twice.
func deferAndExplicitInLoop(names []string) {
	for _, n := range names {
		cs := C.CString(n)
		defer C.free(unsafe.Pointer(cs)) // want `C memory cs \(from C.CString\) is freed twice: the deferred C.free frees it again when deferAndExplicitInLoop returns, after C.free freed it`
		C.free(unsafe.Pointer(cs))
	}
}

// Silent: each element's field freed once, read through a range copy
// (libvirt-go's GetDiskErrors, docs/realworld.md).
func freeFieldOfEach(errs []C.diskerr) []string {
	var out []string
	for _, e := range errs {
		out = append(out, C.GoString(e.disk))
		C.free(unsafe.Pointer(e.disk)) // no-warning
	}
	return out
}
