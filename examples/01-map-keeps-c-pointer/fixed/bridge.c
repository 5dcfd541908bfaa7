#include <stdlib.h>
#include <string.h>
#include "_cgo_export.h"

void register_use_forget_free(void) {
	char *p = malloc(16);
	if (p == NULL)
		return;
	strcpy(p, "hello");
	GoRegister(p); /* Go keeps p in its map */
	GoUse();       /* Go reads it while it is alive */
	GoForget(p);   /* Go drops its reference first */
	free(p);       /* then C frees the block */
}
