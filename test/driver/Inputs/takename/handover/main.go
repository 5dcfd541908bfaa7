// take_name keeps the name it is given for good: it frees the previous one
// and keeps the new one. Go hands each C.CString over and never frees it.
package main

/*
#include <stdlib.h>
#include <string.h>

static char *cur_name;

// Takes the name: frees the previous one and keeps the new one.
static void take_name(char *name) {
	free(cur_name);
	cur_name = name;
}

static size_t name_len(void) { return cur_name ? strlen(cur_name) : 0; }
*/
import "C"

import "fmt"

func setName(s string) {
	C.take_name(C.CString(s)) // no-warning: handed over for good
}

func main() {
	setName("gopher")
	setName("gopher2")
	fmt.Println(C.name_len())
}
