// A package with a finding on each side, for results-cache.test: the C side's
// (bridge.c frees what GoRegister kept) and the Go side's (uobj_finish frees
// twice, by the models file in models/ only).
package main

/*
typedef struct uobj { int n; } uobj;
uobj *uobj_new(void);
void uobj_finish(uobj *o);
void register_and_free(void);
*/
import "C"

import "unsafe"

var seen = map[unsafe.Pointer]int{}

//export GoRegister
func GoRegister(p unsafe.Pointer) {
	seen[p]++
}

func main() {
	C.register_and_free()
	o := C.uobj_new()
	C.uobj_finish(o)
	C.uobj_finish(o) // the second free: results-cache.test removes this line
}
