#include <stdlib.h>
#include <string.h>
#include "buf.h"

/* A correct C allocator and deallocator: nothing is wrong on this side. */
char *buf_new(void) {
	char *b = malloc(64);
	if (b == NULL)
		return NULL;
	strcpy(b, "hello");
	return b;
}

void buf_free(char *b) {
	free(b);
}
