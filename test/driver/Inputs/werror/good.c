#include <stdlib.h>
#include "_cgo_export.h"

void ok(void) {
	int unused;
	char *p = malloc(4);
	free(p);
	GoUse(p);
}
