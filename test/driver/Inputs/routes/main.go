// Freed memory reaching Go through a result, an out-parameter and a global;
// and C keeping a C.CString that Go frees.
package main

/*
#include <stdlib.h>
#include <string.h>

char *g_last;

static char *make_label(int fail) {
	char *b = malloc(32);
	if (b == NULL)
		return NULL;
	strcpy(b, "label");
	if (fail) {
		free(b);
		return b;
	}
	return b;
}

static void remember(char *name) {
	g_last = name;
}

void fill(char **out);
void drop_last(void);
*/
import "C"

import "unsafe"

func main() {
	l := C.make_label(0)
	C.free(unsafe.Pointer(l))
	cs := C.CString("x")
	C.remember(cs)
	C.free(unsafe.Pointer(cs))
	var out *C.char
	C.fill(&out)
	C.drop_last()
	_ = C.g_last
}
