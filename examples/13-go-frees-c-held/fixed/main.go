// Example 13, fixed: the prefix belongs to the logger for as long as the
// logger uses it. Go frees an old prefix only after log_set_prefix has
// replaced it.
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

// logPrefix is the C string the logger holds now.
var logPrefix *C.char

func setLogPrefix(prefix string) {
	old := logPrefix
	logPrefix = C.CString(prefix)
	C.log_set_prefix(logPrefix)
	if old != nil {
		C.free(unsafe.Pointer(old)) // the logger no longer holds it
	}
}

func logLine(msg string) {
	cs := C.CString(msg)
	defer C.free(unsafe.Pointer(cs))
	C.log_line(cs)
}

func main() {
	setLogPrefix("app: ")
	logLine("started")
	setLogPrefix("app[2]: ")
	logLine("restarted")
}
