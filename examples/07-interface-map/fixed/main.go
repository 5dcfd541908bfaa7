// Example 7, fixed: a "safe map" owns the C blocks it holds. C hands a block
// over and never frees it; the map frees it when the entry is deleted or
// replaced, and a finalizer frees it if the entry's value is dropped some
// other way.
package main

/*
#include <stdlib.h>
void cache_and_hand_over(void);
*/
import "C"

import (
	"fmt"
	"runtime"
	"sync"
	"unsafe"
)

// cBlock owns one C block. free is idempotent, so Delete and the finalizer
// can never free a block twice.
type cBlock struct {
	mu sync.Mutex
	p  unsafe.Pointer
}

func newCBlock(p unsafe.Pointer) *cBlock {
	b := &cBlock{p: p}
	runtime.SetFinalizer(b, (*cBlock).free)
	return b
}

func (b *cBlock) free() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.p != nil {
		C.free(b.p)
		b.p = nil
	}
	runtime.SetFinalizer(b, nil)
}

// SafeMap maps names to C blocks it owns.
type SafeMap struct {
	mu sync.Mutex
	m  map[string]*cBlock
}

func NewSafeMap() *SafeMap { return &SafeMap{m: map[string]*cBlock{}} }

// Set takes ownership of p; a block it replaces is freed.
func (s *SafeMap) Set(key string, p unsafe.Pointer) {
	s.mu.Lock()
	old := s.m[key]
	s.m[key] = newCBlock(p)
	s.mu.Unlock()
	if old != nil {
		old.free()
	}
}

// With calls f with the block while the map still owns it (f must not keep p).
func (s *SafeMap) With(key string, f func(p unsafe.Pointer)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.m[key]
	if !ok {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	f(b.p)
	return true
}

// Delete removes the entry and frees its block.
func (s *SafeMap) Delete(key string) {
	s.mu.Lock()
	b := s.m[key]
	delete(s.m, key)
	s.mu.Unlock()
	if b != nil {
		b.free()
	}
}

var values = NewSafeMap()

//export GoPut
func GoPut(key *C.char, v unsafe.Pointer) {
	values.Set(C.GoString(key), v) // Go takes ownership of v
}

func main() {
	C.cache_and_hand_over()
	values.With("key", func(p unsafe.Pointer) {
		fmt.Println("first byte:", *(*byte)(p)) // alive: the map owns it
	})
	values.Delete("key") // frees the block
	fmt.Println("still there:", values.With("key", func(unsafe.Pointer) {}))
}
