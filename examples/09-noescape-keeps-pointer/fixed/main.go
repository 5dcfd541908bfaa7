// A C function declared '#cgo noescape' keeps the Go pointer it was given.
package main

/*
#cgo noescape remember_key
#cgo noescape key_digest
#include "key.h"
*/
import "C"

import "fmt"

//go:noinline
func setKey() {
	var key [32]C.char
	for i := range key {
		key[i] = C.char('a' + i%26)
	}
	// The promise lets Go keep key on this goroutine's stack.
	C.remember_key(&key[0], C.int(len(key)))
}

func main() {
	setKey()
	// key's frame is gone; C still reads through the pointer it kept.
	fmt.Println("digest:", C.key_digest())
}
