package main

/*
#include <stdlib.h>
*/
import "C"

import "unsafe"

// branches: 2^18 paths, each holding a different set of C blocks, so that no
// two paths merge; more than the analysis budget of one function.
func branches(c []bool) {
	var p0 unsafe.Pointer
	var p1 unsafe.Pointer
	var p2 unsafe.Pointer
	var p3 unsafe.Pointer
	var p4 unsafe.Pointer
	var p5 unsafe.Pointer
	var p6 unsafe.Pointer
	var p7 unsafe.Pointer
	var p8 unsafe.Pointer
	var p9 unsafe.Pointer
	var p10 unsafe.Pointer
	var p11 unsafe.Pointer
	var p12 unsafe.Pointer
	var p13 unsafe.Pointer
	var p14 unsafe.Pointer
	var p15 unsafe.Pointer
	var p16 unsafe.Pointer
	var p17 unsafe.Pointer
	if c[0] {
		p0 = C.malloc(8)
	}
	if c[1] {
		p1 = C.malloc(8)
	}
	if c[2] {
		p2 = C.malloc(8)
	}
	if c[3] {
		p3 = C.malloc(8)
	}
	if c[4] {
		p4 = C.malloc(8)
	}
	if c[5] {
		p5 = C.malloc(8)
	}
	if c[6] {
		p6 = C.malloc(8)
	}
	if c[7] {
		p7 = C.malloc(8)
	}
	if c[8] {
		p8 = C.malloc(8)
	}
	if c[9] {
		p9 = C.malloc(8)
	}
	if c[10] {
		p10 = C.malloc(8)
	}
	if c[11] {
		p11 = C.malloc(8)
	}
	if c[12] {
		p12 = C.malloc(8)
	}
	if c[13] {
		p13 = C.malloc(8)
	}
	if c[14] {
		p14 = C.malloc(8)
	}
	if c[15] {
		p15 = C.malloc(8)
	}
	if c[16] {
		p16 = C.malloc(8)
	}
	if c[17] {
		p17 = C.malloc(8)
	}
	C.free(p0)
	C.free(p1)
	C.free(p2)
	C.free(p3)
	C.free(p4)
	C.free(p5)
	C.free(p6)
	C.free(p7)
	C.free(p8)
	C.free(p9)
	C.free(p10)
	C.free(p11)
	C.free(p12)
	C.free(p13)
	C.free(p14)
	C.free(p15)
	C.free(p16)
	C.free(p17)
}

// small: one path, well inside the budget.
func small() {
	p := C.malloc(8)
	C.free(p)
	C.free(p)
}

func main() {
	branches(make([]bool, 18))
	small()
}
