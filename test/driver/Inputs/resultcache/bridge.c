#include <stdlib.h>
#include <string.h>
#include "lib.h"
#include "_cgo_export.h"

void register_and_free(void) {
	char *p = malloc(16);
	if (p == NULL)
		return;
	strcpy(p, "hello");
	GoRegister(p); /* Go keeps p in its map */
	RELEASE(p);    /* ...and C lets go of it anyway */
}
