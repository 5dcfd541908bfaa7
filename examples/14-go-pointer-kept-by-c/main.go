// Example 14: Go hands a Go pointer to a C library that keeps it as the user
// data of a callback. The cgo pointer rules forbid it: the garbage collector
// does not see C's copy, frees the Go value, and the next tick calls the
// handler with a dangling pointer.
package main

/*
#include <stdio.h>

typedef void (*handler_fn)(void *data);

static handler_fn tick_handler;
static void *tick_data;

// Registers a handler and its user data; both are kept for every later tick.
static void on_tick(handler_fn fn, void *data) {
	tick_handler = fn;
	tick_data = data;
}

static void tick(void) {
	if (tick_handler != NULL)
		tick_handler(tick_data);
}

// Not static: Go takes its address (C.print_count).
void print_count(void *data) {
	const int *count = data;
	printf("count: %d\n", *count);
	fflush(stdout);
}
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type counter struct {
	n C.int
}

//go:noinline
func register() {
	c := &counter{n: 42}
	C.on_tick((*[0]byte)(C.print_count), unsafe.Pointer(c)) // BUG: C keeps the Go pointer
}

func main() {
	register()
	runtime.GC() // nothing in Go refers to the counter any more: the collector frees it
	C.tick()     // print_count reads the freed Go memory
}
