// Package elems: the elements of a slice, of a C array and of a map are blocks
// of their own (issue 20, pattern 4).
package elems

/*
#include <stdlib.h>
static char **strs_new(int n) { return calloc(n, sizeof(char *)); }
*/
import "C"

import "unsafe"

// Silent: a deferred free of each element, each freed once when the function
// returns.
func deferEach(arr []*C.char) {
	for i := range arr {
		defer C.free(unsafe.Pointer(arr[i])) // no-warning
	}
}

// The same element freed by a deferred call and on the spot in one round.
func deferAndFreeEach(arr []*C.char) {
	for i := range arr {
		defer C.free(unsafe.Pointer(arr[i])) // want `freed twice`
		C.free(unsafe.Pointer(arr[i]))
	}
}

// Silent: the same through a field.
type strs struct{ arr []*C.char }

func (s *strs) deferEach() {
	for i := range s.arr {
		defer C.free(unsafe.Pointer(s.arr[i])) // no-warning
	}
}

// The same element deferred twice in one round.
func deferEachTwice(arr []*C.char) {
	for i := range arr {
		p := arr[i]
		defer C.free(unsafe.Pointer(p)) // want `freed twice`
		defer C.free(unsafe.Pointer(p))
	}
}

// Silent: one free per element, by index.
func freeEachIndex(ev []*C.char, n int) {
	for i := 0; i < n; i++ {
		C.free(unsafe.Pointer(ev[i])) // no-warning
	}
}

// Silent: one free per element of a C array.
func freeEachCArray(n int) {
	arr := C.strs_new(C.int(n))
	ev := unsafe.Slice(arr, n)
	for i := 0; i < n; i++ {
		C.free(unsafe.Pointer(ev[i])) // no-warning
	}
	C.free(unsafe.Pointer(arr))
}

// The same element freed twice in one round.
func freeEachTwice(ev []*C.char, n int) {
	for i := 0; i < n; i++ {
		C.free(unsafe.Pointer(ev[i]))
		C.free(unsafe.Pointer(ev[i])) // want `freed twice`
	}
}

// A loop that frees one element again and again.
func freeFirstInLoop(ev []*C.char, n int) {
	for i := 0; i < n; i++ {
		C.free(unsafe.Pointer(ev[0])) // want `freed twice`
	}
}

// Silent: one free per element of a C array walked by pointer arithmetic.
func freeEachByOffset(p **C.char, n int) {
	for i := 0; i < n; i++ {
		q := (**C.char)(unsafe.Pointer(uintptr(unsafe.Pointer(p)) + uintptr(i)*unsafe.Sizeof(*p)))
		C.free(unsafe.Pointer(*q)) // no-warning
	}
}

// The same element freed twice in one round.
func freeByOffsetTwice(p **C.char, n int) {
	for i := 0; i < n; i++ {
		q := (**C.char)(unsafe.Pointer(uintptr(unsafe.Pointer(p)) + uintptr(i)*unsafe.Sizeof(*p)))
		C.free(unsafe.Pointer(*q))
		C.free(unsafe.Pointer(*q)) // want `freed twice`
	}
}

// Silent: a slice of C strings made in a loop, each freed once by its
// deferred call, or by a loop over its indexes.
func deferEachMade(names []string) {
	arr := make([]*C.char, len(names))
	for i, n := range names {
		arr[i] = C.CString(n)
	}
	for i := range arr {
		defer C.free(unsafe.Pointer(arr[i])) // no-warning
	}
}

func freeEachMade(names []string) {
	arr := make([]*C.char, len(names))
	for i, n := range names {
		arr[i] = C.CString(n)
	}
	for i := 0; i < len(arr); i++ {
		C.free(unsafe.Pointer(arr[i])) // no-warning
	}
}

// Silent: a C array of C strings filled and freed element by element.
func freeEachCArrayMade(names []string) {
	n := len(names)
	carr := C.strs_new(C.int(n))
	ev := unsafe.Slice(carr, n)
	for i, s := range names {
		ev[i] = C.CString(s)
	}
	for i := 0; i < n; i++ {
		C.free(unsafe.Pointer(ev[i])) // no-warning
	}
	C.free(unsafe.Pointer(carr))
}

// Each string is freed when it is made and again through the slice.
func freeMadeTwice(names []string) {
	arr := make([]*C.char, len(names))
	for i, n := range names {
		cs := C.CString(n)
		arr[i] = cs
		C.free(unsafe.Pointer(cs))
	}
	for i := range arr {
		C.free(unsafe.Pointer(arr[i])) // want `freed twice`
	}
}

// Element 0 freed before the loop that frees them all.
func freeFirstThenEach(names []string) {
	arr := make([]*C.char, len(names))
	for i, n := range names {
		arr[i] = C.CString(n)
	}
	C.free(unsafe.Pointer(arr[0]))
	C.free(unsafe.Pointer(arr[0])) // want `freed twice`
	for i := 1; i < len(arr); i++ {
		C.free(unsafe.Pointer(arr[i]))
	}
}

// A helper that frees every element, called twice: a double free the
// analysis gives up (docs/checkers/GoFreesTwice.md, "What it assumes about
// elements"): the helper frees on the paths where its loop runs, some of its
// paths only, and such a free is never reported as certain.
func freeAllOf(arr []*C.char) {
	for _, p := range arr {
		C.free(unsafe.Pointer(p))
	}
}

func freeAllTwice(names []string) {
	arr := make([]*C.char, len(names))
	for i, n := range names {
		arr[i] = C.CString(n)
	}
	freeAllOf(arr)
	freeAllOf(arr) // missed (see above)
}

// Silent: the old entry is freed before it is replaced, and every entry is
// freed once at the end.
type cache struct{ m map[string]*C.char }

func (c *cache) set(k, v string) {
	if old, ok := c.m[k]; ok {
		C.free(unsafe.Pointer(old)) // no-warning
	}
	c.m[k] = C.CString(v)
}

func (c *cache) close() {
	for _, v := range c.m {
		C.free(unsafe.Pointer(v)) // no-warning
	}
}

func useCache(kv map[string]string) {
	c := &cache{m: map[string]*C.char{}}
	for k, v := range kv {
		c.set(k, v)
	}
	c.set("x", "y")
	c.set("x", "z")
	c.close() // no-warning
}

func replaceLocal(kv map[string]string) {
	m := map[string]*C.char{}
	for k, v := range kv {
		if old, ok := m[k]; ok {
			C.free(unsafe.Pointer(old)) // no-warning
		}
		m[k] = C.CString(v)
	}
	for _, v := range m {
		C.free(unsafe.Pointer(v)) // no-warning
	}
}

// Silent: the same on a map the function did not make.
func (c *cache) replaceAll(kv map[string]string) {
	m := c.m
	for k, v := range kv {
		if old, ok := m[k]; ok {
			C.free(unsafe.Pointer(old)) // no-warning
		}
		m[k] = C.CString(v)
	}
	for _, v := range m {
		C.free(unsafe.Pointer(v)) // no-warning
	}
}

// Silent: a map of C strings made in a loop, each entry freed once.
func freeEachEntry(kv map[string]string) {
	m := map[string]*C.char{}
	for k, v := range kv {
		m[k] = C.CString(v)
	}
	for _, v := range m {
		C.free(unsafe.Pointer(v)) // no-warning
	}
}

// One entry freed and left in the map: the range frees it again.
func freeEntryThenAll(kv map[string]string) {
	m := map[string]*C.char{}
	for k, v := range kv {
		m[k] = C.CString(v)
	}
	C.free(unsafe.Pointer(m["a"]))
	for _, v := range m {
		C.free(unsafe.Pointer(v)) // want `freed twice`
	}
}

// Silent: the entry freed is deleted before the range.
func freeEntryDelete(kv map[string]string, k string) {
	m := map[string]*C.char{}
	for k, v := range kv {
		m[k] = C.CString(v)
	}
	C.free(unsafe.Pointer(m[k]))
	delete(m, k)
	for _, v := range m {
		C.free(unsafe.Pointer(v)) // no-warning
	}
}

// The same entry freed twice.
func freeEntryTwice(m map[string]*C.char, k string) {
	C.free(unsafe.Pointer(m[k]))
	C.free(unsafe.Pointer(m[k])) // want `freed twice`
}

// The old entry freed and left in the map: the final loop frees it again.
func freeNotReplaced(m map[string]*C.char, k string) {
	if old, ok := m[k]; ok {
		C.free(unsafe.Pointer(old))
	}
	for _, v := range m {
		C.free(unsafe.Pointer(v)) // want `freed twice`
	}
}
