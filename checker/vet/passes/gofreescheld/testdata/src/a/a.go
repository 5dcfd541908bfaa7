package a

/*
#include <stdlib.h>
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
