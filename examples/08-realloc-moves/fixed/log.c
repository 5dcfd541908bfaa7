#include <stdlib.h>
#include <string.h>
#include "_cgo_export.h"

static char *g_log;

void log_grow(void) {
	char *buf = malloc(16);
	if (buf == NULL)
		return;
	strcpy(buf, "log:");
	GoWatch(buf);

	GoUnwatch(buf); /* Go drops the address before realloc may move the block */
	char *bigger = realloc(buf, 4096);
	if (bigger == NULL) {
		g_log = buf; /* realloc failed: the old block is still valid */
		GoWatch(buf);
		return;
	}
	strcat(bigger, " grown");
	g_log = bigger;
	GoWatch(bigger); /* and Go learns the new address */
}

void log_free(void) {
	GoUnwatch(g_log);
	free(g_log);
	g_log = NULL;
}
