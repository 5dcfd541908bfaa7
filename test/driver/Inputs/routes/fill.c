#include <stdlib.h>

extern char *g_last;

void fill(char **out) {
	char *p = malloc(8);
	*out = p;
	free(p);
}

void drop_last(void) {
	free(g_last);
}
