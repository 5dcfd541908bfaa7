// Example 12, fixed: the deferred C.free is the only one; the error path
// just returns.
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
		return errors.New("label too long")
	}
	C.print_label(cs)
	return nil
}

func main() {
	fmt.Println(printLabel("ok"))
	fmt.Println(printLabel("a label that is too long"))
}
