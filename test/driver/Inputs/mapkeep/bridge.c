#include <stdlib.h>
#include "_cgo_export.h"

void register_and_free(void) {
	char *p = malloc(16);
	GoRegister(p);
	free(p);
}

void register_forget_free(void) {
	char *p = malloc(16);
	GoRegister(p);
	GoForget(p);
	free(p);
}

void peek_and_free(void) {
	char *p = calloc(1, 16);
	GoPeek(p);
	free(p);
}
