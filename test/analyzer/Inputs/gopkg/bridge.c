#include <stdlib.h>
#include "_cgo_export.h"

void c_keep(void *p) { (void)p; }

void register_and_free(void) {
	char *p = malloc(16);
	GoRegister(p);
	free(p);
}

void keep_in_c(void) {
	char *p = malloc(16);
	c_keep(p);
	free(p);
}

void freed_to_go(void) {
	char *p = malloc(16);
	free(p);
	GoRegister(p);
}
