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
typedef struct pages { int *pgs; } pages;
static int pages_commit(pages *p) { if (p->pgs[0]) { free(p->pgs); return 0; } p->pgs = realloc(p->pgs, 8); return 1; }
typedef struct cbuf { char *data; } cbuf;
static cbuf *cbuf_new(void) { return calloc(1, sizeof(cbuf)); }
static void cbuf_resize(cbuf *b, int n) { free(b->data); b->data = malloc(n); }
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

// Silent: the helper that frees the fields also clears them, and the function
// that calls it through Close frees nothing twice (lmdb-go's Env.close, called
// from its tests' clean, docs/realworld.md).
type Env struct {
	h   *C.obj
	key *C.int
}

func NewEnv() *Env {
	e := &Env{h: C.obj_new(), key: C.alloc_int(1)}
	runtime.SetFinalizer(e, (*Env).Close)
	return e
}

func (e *Env) close() bool {
	if e.h == nil {
		return false
	}
	C.obj_destroy(e.h)
	e.h = nil
	C.free_int(e.key)
	e.key = nil
	return true
}

func (e *Env) Close() error {
	if e.close() {
		runtime.SetFinalizer(e, nil)
		return nil
	}
	return errors.New("already closed")
}

func cleanEnv(e *Env) {
	_ = e.Close() // no-warning
}

// The same helper without the clearing: the caller's free is reported.
type Env2 struct{ key *C.int }

func NewEnv2() *Env2 {
	e := &Env2{key: C.alloc_int(1)}
	runtime.SetFinalizer(e, (*Env2).release)
	return e
}

func (e *Env2) release() { C.free_int(e.key) }

func cleanEnv2(e *Env2) {
	e.release() // want `e.key is freed by \(\*Env2\).release but left set, and the finalizer of e frees it again`
}

// Silent: commit frees the handle and a helper clears the field; the deferred
// abort checks the field and frees nothing (lmdb-go's Txn.runOpTerm).
type Txn struct{ h *C.obj }

func (t *Txn) clear() { t.h = nil }

func (t *Txn) commit() {
	C.obj_destroy(t.h)
	t.clear()
}

func (t *Txn) abort() {
	if t.h == nil {
		return
	}
	C.obj_destroy(t.h)
	t.clear()
}

func runOpTerm(t *Txn, fail bool) {
	defer t.abort() // no-warning
	if fail {
		return
	}
	t.commit()
}

// The same without the helper's clearing: freed twice.
type Txn2 struct{ h *C.obj }

func (t *Txn2) commit() { C.obj_destroy(t.h) }

func (t *Txn2) abort() {
	if t.h == nil {
		return
	}
	C.obj_destroy(t.h)
}

func runOpTerm2(t *Txn2) {
	defer t.abort() // want `t.h is freed twice: the deferred \(\*Txn2\).abort frees it again when runOpTerm2 returns, after \(\*Txn2\).commit freed it`
	t.commit()
}

// Silent: one call whose summary frees a field on one of its paths and moves
// it on another frees it once (lmdb's mdb_txn_commit and mt_free_pgs).
func commitPages(p *C.pages) C.int {
	return C.pages_commit(p) // no-warning
}

// Silent: a C function that frees what its own struct holds and stores a new
// block in its place, called twice (lmdb's mdb_env_set_mapsize in a retry
// loop): the summary says it frees b->data, not that it sets it again.
func resizeTwice() {
	b := C.cbuf_new()
	C.cbuf_resize(b, 8)
	C.cbuf_resize(b, 16) // no-warning
}
