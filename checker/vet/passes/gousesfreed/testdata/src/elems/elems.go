// Package elems: the elements of a slice and the entries of a map are blocks
// of their own (issue 20, pattern 4).
package elems

/*
#include <stdlib.h>
static int work(const char *s) { return s[0] == 'x'; }
*/
import "C"

import "unsafe"

// Silent: each element used, then freed; the next round uses the next one.
func useThenFreeEach(names []string) {
	arr := make([]*C.char, len(names))
	for i, n := range names {
		arr[i] = C.CString(n)
	}
	for i := range arr {
		C.work(arr[i]) // no-warning
		C.free(unsafe.Pointer(arr[i]))
	}
}

// An element used after it was freed in the same round.
func freeThenUseEach(arr []*C.char) {
	for i := range arr {
		C.free(unsafe.Pointer(arr[i]))
		C.work(arr[i]) // want `used after C.free freed it`
	}
}

// Silent: the old entry is freed and replaced; the new one is used.
func replaceAndUse(kv map[string]string) {
	m := map[string]*C.char{}
	for k, v := range kv {
		if old, ok := m[k]; ok {
			C.free(unsafe.Pointer(old))
		}
		m[k] = C.CString(v)
		C.work(m[k]) // no-warning
	}
	for _, v := range m {
		C.work(v) // no-warning
		C.free(unsafe.Pointer(v))
	}
}

// The entry freed and not replaced, then used.
func freeEntryThenUse(m map[string]*C.char, k string) {
	C.free(unsafe.Pointer(m[k]))
	C.work(m[k]) // want `used after C.free freed it`
}

// An entry freed and left in the map, then every entry used.
func freeEntryThenUseAll(kv map[string]string) {
	m := map[string]*C.char{}
	for k, v := range kv {
		m[k] = C.CString(v)
	}
	C.free(unsafe.Pointer(m["a"]))
	for _, v := range m {
		C.work(v) // want `used after C.free freed it`
	}
}

// A variable declared in the loop (captured by cgo's wrapper, so a block of
// its own each round) that a round sets only on some paths: the next round's
// variable is not the one the earlier round freed (godror's setTraceTag).
func declaredInLoop(vals []string) {
	for _, v := range vals {
		var s *C.char
		if v != "" {
			s = C.CString(v)
		}
		C.work(s) // no-warning
		if s != nil {
			C.free(unsafe.Pointer(s))
		}
	}
}

// The buggy look-alike: freed, then used in the same round.
func declaredInLoopUsedAfterFree(vals []string) {
	for _, v := range vals {
		var s *C.char
		if v != "" {
			s = C.CString(v)
		}
		C.free(unsafe.Pointer(s))
		C.work(s) // want `used after C.free freed it`
	}
}
