#include <stdlib.h>
#include "_cgo_export.h"

void hand_over(void) {
	char *p = malloc(4);
	free(p);
	GoUse(p);
}

void register_and_free(void) {
	char *p = malloc(16);
	GoRegister(p);
	free(p);
}
