// Example 16, fixed: runtime.KeepAlive(b) after the C call keeps b reachable
// until C is done with b.p, so its finalizer cannot run during the call.
package main

/*
#include <stdlib.h>
#include "buf.h"
*/
import "C"

import (
	"fmt"
	"runtime"
	"time"
	"unsafe"
)

// Buf owns a C copy of a string.
type Buf struct {
	p *C.char
}

func NewBuf(s string) *Buf {
	b := &Buf{p: C.CString(s)}
	runtime.SetFinalizer(b, (*Buf).free)
	return b
}

func (b *Buf) free() {
	C.free(unsafe.Pointer(b.p))
	close(finalized)
}

// Len returns the length of the string, counted by C.
func (b *Buf) Len() int {
	n := C.slow_len(b.p)
	runtime.KeepAlive(b) // b, and so b.p, lives until C is done
	return int(n)
}

// finalized is closed when a Buf's finalizer has run.
var finalized = make(chan struct{})

// goCollect is called by slow_len before it reads its argument: it runs the
// collector and gives a finalizer up to a second to run.
//
//export goCollect
func goCollect() {
	for i := 0; i < 10; i++ {
		runtime.GC()
		select {
		case <-finalized:
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func main() {
	fmt.Println(NewBuf("hello, world").Len())
}
