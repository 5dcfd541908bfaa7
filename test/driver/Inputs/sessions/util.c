#include <stdlib.h>
#include "sessions.h"

static char *g_saved;

int buf_append(struct buf *b, char c) {
	if (b->len == b->cap) {
		char *d = realloc(b->data, b->cap * 2 + 1);
		if (!d)
			return -1;
		b->data = d;
		b->cap = b->cap * 2 + 1;
	}
	b->data[b->len++] = c;
	return 0;
}

int *alloc_int(int v) {
	int *p = malloc(sizeof *p);
	if (p)
		*p = v;
	return p;
}

void free_int(int *p) { free(p); }

void keep_global(char *p) { g_saved = p; }
