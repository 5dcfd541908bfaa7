#include <stdlib.h>
#include "_cgo_export.h"

void hand_over(void) {
	char *p = malloc(4);
	GoUse(p);
	free(p);
}

/* The map bug alone: found only with Go's escape analysis (GoRegister keeps p). */
void register_and_free(void) {
	char *p = malloc(16);
	GoRegister(p);
	free(p);
}
