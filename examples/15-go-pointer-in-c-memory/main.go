// Example 15: Go stores a Go pointer into C memory. The request block comes
// from C.malloc, and its payload field is set to a Go slice's backing array:
// the garbage collector does not scan C memory, so it may free or move the
// slice while the request still points to it. GOEXPERIMENT=cgocheck2 panics
// at the store.
package main

/*
#include <stdio.h>
#include <stdlib.h>

struct request {
	void *payload;
	size_t len;
};

static size_t request_sum(const struct request *r) {
	const unsigned char *p = r->payload;
	size_t sum = 0;
	for (size_t i = 0; i < r->len; i++)
		sum += p[i];
	return sum;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	data := []byte("hello, world")
	req := (*C.struct_request)(C.malloc(C.sizeof_struct_request))
	defer C.free(unsafe.Pointer(req))
	req.payload = unsafe.Pointer(&data[0]) // BUG: a Go pointer stored into C memory
	req.len = C.size_t(len(data))
	fmt.Println("sum:", C.request_sum(req))
}
