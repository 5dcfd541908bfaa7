package a

/*
#include <stdlib.h>
#include <string.h>
typedef struct obj { const char *name; } obj;
static obj *obj_new(void) { return calloc(1, sizeof(obj)); }
static void obj_set_name(obj *o, const char *s) { o->name = s; }
static void obj_clear_name(obj *o) { o->name = 0; }
typedef struct rec { char *name; } rec;
static char *rec_name(rec *r) { return r->name; }
static const char *version_str(void) { return "1.0"; }
typedef struct lib { void *buf; } lib;
static void lib_attach(lib *l, void *buf) { l->buf = buf; }
static void lib_detach(lib *l) { l->buf = 0; }
static void rec_rename(rec *r, const char *s) { free(r->name); r->name = s ? strdup(s) : 0; }
typedef struct session { void *user; } session;
static session *session_new(void) { return calloc(1, sizeof(session)); }
static void session_open(session *s, void *user) { s->user = user; }
static void session_close(session *s) { free(s->user); s->user = 0; }
static char *g_saved;
static void keep_global(char *p) { g_saved = p; }
static char **make_strings(int n) { return malloc(sizeof(char *) * n); }
static void destroy_strings(char **s) { free(s); }
static void set_string(char **s, int i, char *p) { s[i] = p; }
static int run_args(int argc, char **argv) { return argc > 0 && argv[0][0]; }
typedef struct res { char *name; } res;
static void res_fill(res *out) { out->name = calloc(1, 16); }
static char *res_name(res *r) { return r->name; }
*/
import "C"

import "unsafe"

// defer C.free while the C object still keeps the string.
func setName(o *C.obj, name string) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs)) // want `C memory cs \(from C.CString\) is freed by the deferred C.free when setName returns, while C.obj_set_name still keeps it`
	C.obj_set_name(o, cs)
}

// Fixed twin: the object lets go of the string before the free.
func setNameFixed(o *C.obj, name string) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	C.obj_set_name(o, cs)
	C.obj_clear_name(o)
}

// A model keeps the buffer until lib_detach.
func attach(l *C.lib) {
	buf := C.malloc(64)
	C.lib_attach(l, buf)
	C.free(buf) // want `C memory buf \(from C.malloc\) is freed by C.free while C.lib_attach still keeps it`
}

func attachFixed(l *C.lib) {
	buf := C.malloc(64)
	C.lib_attach(l, buf)
	C.lib_detach(l)
	C.free(buf)
}

// Detaching another object does not end the keeping.
func attachOther(l, other *C.lib) {
	buf := C.malloc(64)
	C.lib_attach(l, buf)
	C.lib_detach(other)
	C.free(buf) // want `freed by C.free while C.lib_attach still keeps it`
}

// Memory C owns and lent to Go.
func freeBorrowed(r *C.rec) {
	n := C.rec_name(r)
	C.free(unsafe.Pointer(n)) // want `C memory n \(from C.rec_name\) is freed by C.free, but C owns it: C.rec_name returned it borrowed`
}

func copyBorrowed(r *C.rec) string {
	return C.GoString(C.rec_name(r))
}

func freeStatic() {
	v := C.version_str()
	C.free(unsafe.Pointer(v)) // want `C memory v \(from C.version_str\) is freed by C.free, but C owns it: C.version_str returned it static`
}

// Silent: Go's own block, never given to a keeping function.
func freeOwn() {
	cs := C.CString("x")
	C.free(unsafe.Pointer(cs))
}

// A C function that frees the place where another one stored the pointer
// ends the keeping: session_close releases what session_open kept.
func sessionClose() {
	s := C.session_new()
	C.session_open(s, unsafe.Pointer(C.CString("me")))
	C.session_close(s)
}

// Through a Go wrapper of the releasing function.
func closeSession(s *C.session) {
	C.session_close(s)
}

func sessionCloseWrapped(p *C.char) {
	s := C.session_new()
	C.session_open(s, unsafe.Pointer(p))
	closeSession(s)
}

// Go frees the string itself while the session keeps it.
func sessionFreeKept() {
	s := C.session_new()
	p := C.CString("me")
	C.session_open(s, unsafe.Pointer(p))
	C.free(unsafe.Pointer(p)) // want `C memory p \(from C.CString\) is freed by C.free while C.session_open still keeps it`
}

// Go reads the field and frees it: still Go freeing what C keeps (named as
// written, not after cgo's temporary).
func sessionFreeField() {
	s := C.session_new()
	C.session_open(s, unsafe.Pointer(C.CString("me")))
	C.free(s.user) // want `C memory C.CString\("me"\) is freed by C.free while C.session_open still keeps it`
}

// A free through a field Go stored the pointer in does not end another
// keeping.
func sessionFreeOtherKeep() {
	s := C.session_new()
	p := C.CString("kept")
	C.keep_global(p)
	s.user = unsafe.Pointer(p)
	C.session_close(s) // want `C memory p \(from C.CString\) is freed by C.session_close while C.keep_global still keeps it`
}

// A free before the borrowed pointer was returned cannot free it.
func renameThenName() {
	var r C.rec
	C.rec_rename(&r, C.CString("x"))
	_ = C.rec_name(&r)
}

// A C function that frees a field of its own struct manages its memory: the
// borrowed pointer ends (cgo.GoUsesFreed reports uses of n after it), but Go
// frees nothing.
func nameThenRename(r *C.rec) {
	n := C.rec_name(r)
	C.rec_rename(r, nil)
	_ = n
}

// Through a Go wrapper of the renaming function.
func rename(r *C.rec) {
	C.rec_rename(r, nil)
}

func nameThenRenameWrapped(r *C.rec) {
	_ = C.rec_name(r)
	rename(r)
}

// Go hands the borrowed pointer to a function that frees it: Go asked for
// the free of memory C owns.
func sessionFreesBorrowed(r *C.rec) {
	s := C.session_new()
	s.user = unsafe.Pointer(C.rec_name(r))
	C.session_close(s) // want `C memory s.user \(from C.rec_name\) is freed by C.session_close, but C owns it: C.rec_name returned it borrowed`
}

// A Go function that frees the field itself is Go freeing C's memory.
func freeName(r *C.rec) {
	C.free(unsafe.Pointer(r.name))
}

func nameThenFreeName(r *C.rec) {
	_ = C.rec_name(r)
	freeName(r) // want `C memory returned by C.rec_name is freed by freeName, but C owns it: C.rec_name returned it borrowed`
}

// Silent: an argv Go builds in C memory it owns; each string is freed by a
// deferred call before the array, which is freed unread (gotk3/glib's
// Application.Run, docs/realworld.md).
func runArgs(args []string) int {
	cargs := C.make_strings(C.int(len(args)))
	defer C.destroy_strings(cargs)
	for i, arg := range args {
		cstr := C.CString(arg)
		defer C.free(unsafe.Pointer(cstr)) // no-warning
		C.set_string(cargs, C.int(i), cstr)
	}
	return int(C.run_args(C.int(len(args)), cargs))
}

// The same array handed back to the caller: it still holds the strings the
// deferred calls free.
func buildArgs(args []string) **C.char {
	cargs := C.make_strings(C.int(len(args)))
	for i, arg := range args {
		cstr := C.CString(arg)
		defer C.free(unsafe.Pointer(cstr)) // want `C memory cstr \(from C.CString\) is freed by the deferred C.free when buildArgs returns, while C.set_string still keeps it`
		C.set_string(cargs, C.int(i), cstr)
	}
	return cargs
}

// Ownership the package's C gave away (issue 20, pattern 5): res_fill callocs
// out->name for its caller to free (computed: returns fresh $1->name), and
// res_name lends it back; Go frees what it owns.
func fillThenFree() {
	var r C.res
	C.res_fill(&r)
	n := C.res_name(&r)
	C.free(unsafe.Pointer(n)) // no-warning
}

func fillThenFreeField() {
	var r C.res
	C.res_fill(&r)
	_ = C.res_name(&r)
	C.free(unsafe.Pointer(r.name)) // no-warning
}

// Not filled on this path: what res_name lends is C's.
func nameThenFree(r *C.res) {
	n := C.res_name(r)
	C.free(unsafe.Pointer(n)) // want `C memory n \(from C.res_name\) is freed by C.free, but C owns it: C.res_name returned it borrowed`
}
