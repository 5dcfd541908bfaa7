// A package whose C functions nothing in the package describes: a models
// file must say that obj_release frees its argument.
package main

/*
#include <stdlib.h>
typedef struct obj { int n; } obj;
static obj *obj_make(void) { return calloc(1, sizeof(obj)); }
static void obj_drop(obj *o) { free(o); }
static int obj_get(obj *o) { return o->n; }
*/
import "C"

func main() {
	o := C.obj_make()
	C.obj_drop(o)
	println(C.obj_get(o))
}
