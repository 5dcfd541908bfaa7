// A handle whose finalizer frees C memory, read without runtime.KeepAlive.
package keepalive

/*
#include <stdlib.h>
static int *counter_new(void) { return calloc(1, sizeof(int)); }
static void counter_free(int *p) { free(p); }
static int counter_get(int *p) { return *p; }
static void counter_add(int *p, int n) { *p += n; }
*/
import "C"

import "runtime"

type Counter struct{ c *C.int }

func New() *Counter {
	c := &Counter{c: C.counter_new()}
	runtime.SetFinalizer(c, func(c *Counter) { C.counter_free(c.c) })
	return c
}

func (c *Counter) Get() int {
	return int(C.counter_get(c.c))
}

func (c *Counter) Add(n int) {
	C.counter_add(c.c, C.int(n))
}
