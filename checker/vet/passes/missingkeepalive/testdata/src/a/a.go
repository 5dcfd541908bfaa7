package a

/*
#include <stdlib.h>
static int *alloc_int(int v) { int *p = malloc(sizeof *p); *p = v; return p; }
static void free_int(int *p) { free(p); }
static int read_int(int *p) { return *p; }
*/
import "C"

import "runtime"

// File's finalizer frees its C handle.
type File struct {
	h *C.int
	n int
}

func Open() *File {
	f := &File{h: C.alloc_int(1)}
	runtime.SetFinalizer(f, func(f *File) { C.free_int(f.h) })
	return f
}

// f is not used after the C call: the finalizer may run during it.
func (f *File) Read() int {
	return int(C.read_int(f.h)) // want `f may be collected while C.read_int runs: its finalizer frees f.h, and f is not used after the call; add runtime.KeepAlive\(f\) after it`
}

// Fixed twin.
func (f *File) ReadKept() int {
	n := C.read_int(f.h)
	runtime.KeepAlive(f)
	return int(n)
}

// Fixed twin: a deferred KeepAlive.
func (f *File) ReadDeferred() int {
	defer runtime.KeepAlive(f)
	return int(C.read_int(f.h))
}

// KeepAlive applied to a copy does not keep f alive.
func (f *File) ReadCopy() int {
	c := *f
	n := C.read_int(f.h) // want `f may be collected while C.read_int runs`
	runtime.KeepAlive(c)
	return int(n)
}

// Silent: f is used after the call, so it is reachable during it.
func (f *File) ReadCount() int {
	n := C.read_int(f.h)
	f.n++
	return int(n)
}

// A local value with a cleanup (runtime.AddCleanup).
type Handle struct{ p *C.int }

func useLocal() int {
	h := &Handle{p: C.alloc_int(2)}
	runtime.AddCleanup(h, func(p *C.int) { C.free_int(p) }, h.p)
	return int(C.read_int(h.p)) // want `h may be collected while C.read_int runs: its finalizer frees h.p`
}

func useLocalKept() int {
	h := &Handle{p: C.alloc_int(2)}
	runtime.AddCleanup(h, func(p *C.int) { C.free_int(p) }, h.p)
	n := C.read_int(h.p)
	runtime.KeepAlive(h)
	return int(n)
}

// Silent: a global is always reachable.
var shared = Open()

func readShared() int {
	return int(C.read_int(shared.h))
}

// Silent: no finalizer on this type.
type Plain struct{ h *C.int }

func (p *Plain) Read() int { return int(C.read_int(p.h)) }

// Silent: f is used after the call on the success path, which keeps it
// alive during the call on every path (mendersoftware/openssl's hmac.go,
// docs/realworld.md).
func (f *File) ReadChecked() (int, bool) {
	n := C.read_int(f.h)
	if n < 0 {
		return 0, false
	}
	runtime.KeepAlive(f)
	return int(n), true
}

// Not used after the call on any path: reported once.
func (f *File) ReadEither(twice bool) int {
	n := C.read_int(f.h) // want `f may be collected while C.read_int runs`
	if twice {
		return int(n) * 2
	}
	return int(n)
}

// Silent: a constructor's error path, before the finalizer is set on the
// new value (mendersoftware/openssl's NewHMAC).
func OpenChecked() *File {
	f := &File{h: C.alloc_int(1)}
	if C.read_int(f.h) < 0 {
		C.free_int(f.h)
		return nil
	}
	runtime.SetFinalizer(f, func(f *File) { C.free_int(f.h) })
	return f
}
