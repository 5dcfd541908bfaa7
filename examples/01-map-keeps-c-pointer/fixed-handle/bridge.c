#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "_cgo_export.h"

void register_and_free(void) {
	char *p = malloc(16);
	if (p == NULL)
		return;
	strcpy(p, "hello");
	uintptr_t h = GoRegister(p, 6); /* Go copies the bytes, returns a handle */
	free(p);                        /* safe: Go holds no pointer into p */
	GoPrint(h);                     /* Go uses its own copy */
	GoRelease(h);                   /* and C says when Go may drop it */
}
