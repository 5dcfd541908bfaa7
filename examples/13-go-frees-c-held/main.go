// Example 13: Go frees a C string that the C logger keeps. log_set_prefix
// stores the pointer it is given (it does not copy it), and the deferred
// C.free releases the block as soon as setLogPrefix returns: every later
// log_line reads freed memory.
package main

/*
#include <stdio.h>
#include <stdlib.h>

static const char *log_prefix = "";

// The logger keeps the prefix it is given; it does not copy it.
static void log_set_prefix(const char *prefix) { log_prefix = prefix; }

static void log_line(const char *msg) {
	size_t n = 0;
	while (log_prefix[n] != '\0')
		n++;
	printf("%.*s%s\n", (int)n, log_prefix, msg);
	fflush(stdout);
}
*/
import "C"

import "unsafe"

func setLogPrefix(prefix string) {
	cs := C.CString(prefix)
	defer C.free(unsafe.Pointer(cs)) // BUG: log_set_prefix keeps cs beyond the call
	C.log_set_prefix(cs)
}

func logLine(msg string) {
	cs := C.CString(msg)
	defer C.free(unsafe.Pointer(cs))
	C.log_line(cs)
}

func main() {
	setLogPrefix("app: ")
	logLine("started") // log_line reads the freed prefix
}
