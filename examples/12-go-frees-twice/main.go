// Example 12: a deferred C.free plus an explicit C.free on an error path.
// The error path frees the C string, returns, and the deferred call frees it
// again: a double free.
package main

/*
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int print_label(const char *s) { return printf("label: %s\n", s); }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

const maxLabel = 8

func printLabel(label string) error {
	cs := C.CString(label)
	defer C.free(unsafe.Pointer(cs))
	if C.strlen(cs) > maxLabel {
		C.free(unsafe.Pointer(cs)) // BUG: the deferred C.free frees it again at the return
		return errors.New("label too long")
	}
	C.print_label(cs)
	return nil
}

func main() {
	fmt.Println(printLabel("ok"))
	fmt.Println(printLabel("a label that is too long"))
}
