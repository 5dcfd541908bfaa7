// Example 15, fixed: the payload is copied into C memory (C.CBytes), which C
// memory may point to; Go frees both blocks when the request is done.
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
	payload := C.CBytes(data) // C memory: the request may point to it
	defer C.free(payload)
	req.payload = payload
	req.len = C.size_t(len(data))
	fmt.Println("sum:", C.request_sum(req))
}
