package main

/*
#include <stdlib.h>
#include <string.h>

extern void GoName(char *s);
extern void GoWrite(char *buf, int n);
extern void GoMaybe(char *s);
extern void GoPass(char *s);
extern void GoKeep(char *s);
extern void GoLater(char *s);
extern int GoLen(char *s);

static void consume(const char *s, int n) { (void)s; (void)n; }

static void produce(void) {
	char *b = malloc(16);
	memcpy(b, "hello", 6);
	GoName(b);
	GoWrite(b, 5);
	GoMaybe(b);
	GoPass(b);
	GoKeep(b);
	GoLen(b);
	free(b);
}

static void produce_later(void) {
	char *b = malloc(16);
	memcpy(b, "later", 6);
	GoLater(b);
	free(b);
}
*/
import "C"

import (
	"time"
	"unsafe"
)

var (
	name string
	last []byte
	kept *C.char
)

// C.GoString and C.GoBytes copy: Go keeps nothing.
//
//export GoName
func GoName(s *C.char) {
	name = C.GoString(s)
}

//export GoWrite
func GoWrite(buf *C.char, n C.int) {
	last = C.GoBytes(unsafe.Pointer(buf), n)
}

// Compared with nil, then copied.
//
//export GoMaybe
func GoMaybe(s *C.char) {
	if s == nil {
		return
	}
	name = C.GoStringN(s, 3)
}

// Handed to another C function (two arguments: a call, not a conversion).
//
//export GoPass
func GoPass(s *C.char) {
	C.consume(s, 1)
}

// Kept: reported.
//
//export GoKeep
func GoKeep(s *C.char) {
	kept = (*C.char)(unsafe.Pointer(s))
}

// A one-argument C call whose result Go keeps: C.strlen is a function
// (_cgo_gotypes.go says so), not a conversion to a C type.
//
//export GoLen
func GoLen(s *C.char) C.int {
	n := C.strlen(s)
	return C.int(n)
}

// Read by a goroutine after the export returned: kept, reported.
//
//export GoLater
func GoLater(s *C.char) {
	go func() { name = C.GoString(s) }()
}

func main() {
	C.produce()
	C.produce_later()
	time.Sleep(time.Millisecond)
}
