// Package main exports Go functions to C that keep, borrow and release the
// pointers C hands them. Line numbers are checked by ../../retain.test.
package main

/*
#include <stdint.h>
#include "bridge.h"
*/
import "C"

import "unsafe"

var registry = map[unsafe.Pointer]int{}
var handles = map[uintptr]int{}
var keep []uintptr
var last uintptr
var names = map[uintptr]string{}

//export GoRegister
func GoRegister(p unsafe.Pointer, n C.int) {
	registry[p] = int(n)
}

//export GoPeek
func GoPeek(p *C.char) C.int {
	return C.int(*p)
}

//export GoKeep
func GoKeep(p unsafe.Pointer) {
	handles[uintptr(p)] = 1
}

//export GoKeepSlice
func GoKeepSlice(p *C.char) {
	keep = append(keep, uintptr(unsafe.Pointer(p)))
}

//export GoKeepLast
func GoKeepLast(p unsafe.Pointer) {
	key := uintptr(p)
	last = key
}

//export GoForget
func GoForget(p unsafe.Pointer) {
	delete(registry, p)
}

//export GoForgetName
func GoForgetName(buf *C.char) {
	delete(names, uintptr(unsafe.Pointer(buf)))
}

//export GoEcho
func GoEcho(p *C.char) *C.char {
	return p
}

//export GoTwo
func GoTwo(a unsafe.Pointer,
	b unsafe.Pointer) {
	registry[b] = 2
	_ = *(*byte)(a)
}

//export GoHandle
func GoHandle(h C.uintptr_t, n C.int) C.int {
	handles[uintptr(h)] = int(n)
	return n
}

func main() {}
