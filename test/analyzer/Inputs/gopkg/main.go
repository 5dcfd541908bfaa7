package main

/*
#include <stdlib.h>
#include <string.h>

extern void GoRegister(void *p);
void c_keep(void *p) __attribute__((ownership_holds(cgo, 1)));

char *g_name;

static char *get_buf(int fail) {
	char *b = malloc(32);
	if (b == NULL)
		return NULL;
	strcpy(b, "hello");
	if (fail) {
		free(b);
		return b;
	}
	return b;
}

static void set_name(char *s) {
	g_name = s;
}

static char *get_ok(void) {
	return strdup("fine");
}

void register_and_free(void);
void keep_in_c(void);
void freed_to_go(void);
*/
import "C"

import "unsafe"

var kept = map[unsafe.Pointer]int{}

//export GoRegister
func GoRegister(p unsafe.Pointer) {
	kept[p]++
}

func main() {
	b := C.get_buf(1)
	_ = b
	ok := C.get_ok()
	C.free(unsafe.Pointer(ok))
	cs := C.CString("x")
	C.set_name(cs)
	C.free(unsafe.Pointer(cs))
	C.register_and_free()
	C.keep_in_c()
	C.freed_to_go()
}
