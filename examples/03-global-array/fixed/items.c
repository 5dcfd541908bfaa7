#include <stdlib.h>
#include <string.h>
#include "items.h"

/* Go reads this array directly: C.g_items[i]. */
char *g_items[NITEMS];

void load_items(void) {
	for (int i = 0; i < NITEMS; i++) {
		g_items[i] = malloc(16);
		if (g_items[i] != NULL)
			strcpy(g_items[i], "item");
	}
}

void clear_items(void) {
	for (int i = 0; i < NITEMS; i++) {
		free(g_items[i]);
		g_items[i] = NULL; /* Go sees nil, not a dangling pointer */
	}
}
