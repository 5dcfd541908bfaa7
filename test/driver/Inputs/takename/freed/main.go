// The look-alike: Go frees the C.CString with defer while take_name keeps it.
package main

/*
#include <stdlib.h>
#include <string.h>

static char *cur_name;

// Takes the name: frees the previous one and keeps the new one.
static void take_name(char *name) {
	free(cur_name);
	cur_name = name;
}

static size_t name_len(void) { return cur_name ? strlen(cur_name) : 0; }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func setName(s string) {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs)) // BUG: take_name keeps cs
	C.take_name(cs)
}

func main() {
	setName("gopher")
	fmt.Println(C.name_len())
}
