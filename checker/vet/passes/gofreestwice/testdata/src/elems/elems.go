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
