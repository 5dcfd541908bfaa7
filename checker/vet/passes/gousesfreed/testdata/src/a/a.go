package a

/*
#include <stdlib.h>
#include <stdint.h>
typedef struct rec { char *name; } rec;
static int *alloc_int(int v) { int *p = malloc(sizeof *p); *p = v; return p; }
static void free_int(int *p) { free(p); }
static int read_int(int *p) { return *p; }
static rec *rec_new(void) { rec *r = calloc(1, sizeof *r); r->name = calloc(1, 8); return r; }
static char *rec_name(rec *r) { return r->name; }
static void rec_rename(rec *r, const char *s) { free(r->name); r->name = calloc(1, 8); }
typedef struct stmt { char text[8]; } stmt;
static char *row_text(stmt *s) { return s->text; }
static int row_step(stmt *s) { return 0; }
static void row_finalize(stmt *s) { free(s); }
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

// The source material's program: the map keeps the pointer as a key.
func headline() {
	m := make(map[unsafe.Pointer]int)
	ptr := C.alloc_int(42)
	m[unsafe.Pointer(ptr)] = 100
	C.free_int(ptr)
	_ = m[unsafe.Pointer(ptr)] // want `C memory ptr \(from C.alloc_int\) is used after C.free_int freed it: map m still holds it as a key`
}

// Fixed twin: the entry is deleted before the free.
func headlineFixed() {
	m := make(map[unsafe.Pointer]int)
	ptr := C.alloc_int(42)
	m[unsafe.Pointer(ptr)] = 100
	delete(m, unsafe.Pointer(ptr))
	C.free_int(ptr)
	_ = m[unsafe.Pointer(ptr)] // no entry holds it any more
}

func mapValue() {
	m := map[string]*C.int{}
	m["k"] = C.alloc_int(1)
	C.free_int(m["k"])
	C.read_int(m["k"]) // want `used after C.free_int freed it: passes it to C.read_int \(Go kept it in map m\)`
}

func mapValueFixed() {
	m := map[string]*C.int{}
	m["k"] = C.alloc_int(1)
	p := m["k"]
	delete(m, "k")
	C.free_int(p)
	for _, v := range m {
		C.read_int(v) // the entry was deleted before the free
	}
}

func mapRange() {
	m := map[int]*C.int{}
	p := C.alloc_int(1)
	m[1] = p
	C.free_int(p)
	for _, v := range m {
		C.read_int(v) // want `used after C.free_int freed it: passes it to C.read_int \(Go kept it in map m\)`
	}
}

type box struct{ p *C.int }

func field() {
	p := C.alloc_int(1)
	b := &box{p: p}
	C.free_int(p)
	C.read_int(b.p) // want `used after C.free_int freed it: passes it to C.read_int \(Go kept it in field b.p\)`
}

func fieldFixed() {
	p := C.alloc_int(1)
	b := &box{p: p}
	C.free_int(p)
	b.p = nil
	if b.p != nil {
		C.read_int(b.p) // the field was set to nil
	}
}

func slice() {
	p := C.alloc_int(1)
	s := []*C.int{p}
	C.free_int(p)
	C.read_int(s[0]) // want `used after C.free_int freed it: passes it to C.read_int \(Go kept it in an element of`
}

var appended []*C.int

// The note names the slice append's result is kept in, not SSA's array of
// variadic arguments ("an element of varargs").
func appendGlobal() {
	p := C.alloc_int(1)
	appended = append(appended, p)
	C.free_int(p)
	for _, q := range appended {
		C.read_int(q) // want `used after C.free_int freed it: passes it to C.read_int \(Go kept it in global appended \(by append\)\)`
	}
}

func appendLocal() []*C.int {
	p := C.alloc_int(1)
	var s []*C.int
	s = append(s, p)
	C.free_int(p)
	C.read_int(s[0]) // want `passes it to C.read_int \(Go kept it in the slice append returns\)`
	return s
}

func iface() {
	p := C.alloc_int(1)
	var i any = p
	C.free_int(p)
	C.read_int(i.(*C.int)) // want `used after C.free_int freed it: passes it to C.read_int \(Go kept it in an interface value\)`
}

var g *C.int

func global() {
	g = C.alloc_int(1)
	C.free_int(g)
	C.read_int(g) // want `used after C.free_int freed it: passes it to C.read_int`
}

func globalFixed() {
	g = C.alloc_int(1)
	C.free_int(g)
	g = nil
}

func closure() int {
	p := C.alloc_int(1)
	f := func() int {
		return int(C.read_int(p)) // want `used after C.free_int freed it: passes it to C.read_int \(Go kept it in variable p, captured by a closure\)`
	}
	C.free_int(p)
	return f()
}

func deref() int {
	p := C.alloc_int(1)
	C.free_int(p)
	return int(*p) // want `used after C.free_int freed it: reads it`
}

func goString() string {
	cs := C.CString("hello")
	C.free(unsafe.Pointer(cs))
	return C.GoString(cs) // want `C memory cs \(from C.CString\) is used after C.free freed it: copies it with C.GoString`
}

// Copied into Go memory before the free: silent.
func goStringFixed() string {
	cs := C.CString("hello")
	s := C.GoString(cs)
	C.free(unsafe.Pointer(cs))
	return s
}

func unsafeSlice() []C.int {
	p := C.alloc_int(1)
	C.free_int(p)
	return unsafe.Slice(p, 1) // want `used after C.free_int freed it: converts it with unsafe.Slice`
}

// A borrowed pointer, freed by the call that renames.
func borrowed() string {
	r := C.rec_new()
	n := C.rec_name(r)
	C.rec_rename(r, nil)
	return C.GoString(n) // want `C memory n \(from C.rec_name\) is used after C.rec_rename freed it: copies it with C.GoString`
}

func borrowedFixed() string {
	r := C.rec_new()
	n := C.GoString(C.rec_name(r))
	C.rec_rename(r, nil)
	return n
}

// Renamed before the borrowed pointer is returned: rec_name returns what
// rec_rename left in the field, not the name it freed.
func renameThenName() string {
	r := C.rec_new()
	C.rec_rename(r, nil)
	return C.GoString(C.rec_name(r))
}

// Renamed twice: the second rename ends the second name.
func renameNameRename() string {
	r := C.rec_new()
	C.rec_rename(r, nil)
	n := C.rec_name(r)
	C.rec_rename(r, nil)
	return C.GoString(n) // want `C memory n \(from C.rec_name\) is used after C.rec_rename freed it: copies it with C.GoString`
}

// Go frees the name itself: rec_name returns the block Go freed.
func freeThenName() string {
	r := C.rec_new()
	C.free(unsafe.Pointer(r.name))
	return C.GoString(C.rec_name(r)) // want `is used after C.free freed it: copies it with C.GoString`
}

// A model: row_step invalidates what row_text returned.
func rows(s *C.stmt) string {
	t := C.row_text(s)
	C.row_step(s)
	return C.GoString(t) // want `C memory t \(from C.row_text\) is used after C.row_step invalidated it: copies it with C.GoString`
}

func rowsFixed(s *C.stmt) string {
	t := C.GoString(C.row_text(s))
	C.row_step(s)
	return t
}

func rowsOtherStmt(s, other *C.stmt) string {
	t := C.row_text(s)
	C.row_step(other) // another statement: t stays valid
	return C.GoString(t)
}

// Helpers of the package that free or use.
func release(p *C.int) { C.free_int(p) }

func helper() {
	p := C.alloc_int(1)
	release(p)
	C.read_int(p) // want `used after release freed it`
}

type Buf struct{ p *C.int }

func (b *Buf) Close()   { C.free_int(b.p) }
func (b *Buf) Get() int { return int(C.read_int(b.p)) }

func method() int {
	b := &Buf{p: C.alloc_int(1)}
	b.Close()
	return b.Get() // want `C memory returned by C.alloc_int is used after \(\*Buf\).Close freed it: \(\*Buf\).Get uses it \(passes it to C.read_int at a.go:\d+\) \(Go kept it in field b.p\)`
}

// Silent: the use is on another path than the free.
func unrelatedPath(cond bool) {
	p := C.alloc_int(1)
	if cond {
		C.free_int(p)
	} else {
		C.read_int(p)
	}
}

// Silent: reassigned after the free.
func reassigned() {
	p := C.alloc_int(1)
	C.free_int(p)
	p = C.alloc_int(2)
	C.read_int(p)
	C.free_int(p)
}

// Silent: set to nil after the free.
func setNil() {
	p := C.alloc_int(1)
	C.free_int(p)
	p = nil
	if p != nil {
		C.read_int(p)
	}
}

// Silent: a loop that allocates, uses and frees on each round.
func loop() {
	for i := 0; i < 3; i++ {
		p := C.alloc_int(C.int(i))
		C.read_int(p)
		C.free_int(p)
	}
}

// Silent: a runtime/cgo.Handle is an integer, not memory; copied out of C
// memory before the free it stays valid.
func handle(v *int) any {
	p := (*C.uintptr_t)(C.malloc(C.size_t(unsafe.Sizeof(C.uintptr_t(0)))))
	*p = C.uintptr_t(cgo.NewHandle(v))
	h := cgo.Handle(*p)
	C.free(unsafe.Pointer(p))
	defer h.Delete()
	return h.Value()
}

// NewBuf is used by package b.
func NewBuf() *Buf { return &Buf{p: C.alloc_int(1)} }
