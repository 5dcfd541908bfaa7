// A package that calls a C library whose functions only a user's models file
// describes (uobj_finish frees its argument: no shape rule says so, and the
// package has no C code to summarise).
package main

/*
typedef struct uobj { int n; } uobj;
uobj *uobj_new(void);
void uobj_finish(uobj *o);
*/
import "C"

func main() {
	o := C.uobj_new()
	C.uobj_finish(o)
	C.uobj_finish(o)
}
