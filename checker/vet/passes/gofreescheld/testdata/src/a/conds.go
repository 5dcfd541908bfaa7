package a

// A keep that happens only on success (issue 20, pattern 8, on the Go side):
// the model's condition says link_new keeps table only when it returns
// non-NULL.

/*
#include <stdlib.h>
typedef struct link { char *table; } link;
static link *link_new(char *table) { link *l = calloc(1, sizeof *l); if (l != NULL) l->table = table; return l; }
*/
import "C"

import "unsafe"

// Silent: the table is freed on the NULL path, where nothing keeps it.
func linkOrFree() *C.link {
	t := C.CString("t")
	l := C.link_new(t)
	if l == nil {
		C.free(unsafe.Pointer(t)) // no-warning
		return nil
	}
	return l
}

// Reported: freed on the path where the link keeps it.
func linkAndFree() *C.link {
	t := C.CString("t")
	l := C.link_new(t)
	if l != nil {
		C.free(unsafe.Pointer(t)) // want `C memory t \(from C.CString\) is freed by C.free while C.link_new still keeps it`
	}
	return l
}
