// A package whose header is found only through the environment, as for a
// library installed under a prefix: CGO_CFLAGS=-I.../include and
// CGO_CPPFLAGS=-DVENDOR_RECORD_SIZE=..., which `go build` honours.
package main

/*
#include "vendorlib.h"
void hand_over(void);
*/
import "C"

//export GoUse
func GoUse(r *C.vendor_record) {}

func main() { C.hand_over() }
