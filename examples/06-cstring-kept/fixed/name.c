#include <stdlib.h>
#include <string.h>
#include "name.h"

static char *g_name;

void set_name(char *s) {
	char *copy = strdup(s); /* C keeps its own copy; Go may free s */
	if (copy == NULL)
		return;
	free(g_name);
	g_name = copy;
}

int name_len(void) {
	return g_name ? (int)strlen(g_name) : 0;
}
