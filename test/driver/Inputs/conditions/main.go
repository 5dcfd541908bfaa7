// Conditions on computed effects, and ownership given away through a field:
// sock_close frees on success only; res_fill hands the caller a fresh
// out->name; node_fill's n->label is the node's own (node_clear frees it).
package main

/*
#include <stdlib.h>
#include "conds.h"
*/
import "C"

import "unsafe"

func main() {
	var r C.struct_res
	if C.res_fill(&r) == 0 {
		C.free(unsafe.Pointer(r.name))
	}
	var n C.struct_node
	C.node_fill(&n)
	C.node_clear(&n)
	s := (*C.struct_sock)(C.calloc(1, C.size_t(unsafe.Sizeof(C.struct_sock{}))))
	if C.sock_close(s) != 0 {
		C.free(unsafe.Pointer(s))
	}
}
