// Example 14, fixed: the user data C keeps is C memory, which Go allocates
// with C.malloc and frees only after it has unregistered the handler.
package main

/*
#include <stdio.h>
#include <stdlib.h>

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

//go:noinline
func register() *C.int {
	count := (*C.int)(C.malloc(C.sizeof_int))
	*count = 42
	C.on_tick((*[0]byte)(C.print_count), unsafe.Pointer(count)) // C memory: C may keep it
	return count
}

func main() {
	count := register()
	runtime.GC()
	C.tick()
	C.on_tick(nil, nil) // the library lets go of the user data
	C.free(unsafe.Pointer(count))
}
