#include <stdlib.h>
#include <string.h>
#include "_cgo_export.h"

static char *g_log;

void log_grow(void) {
	char *buf = malloc(16);
	if (buf == NULL)
		return;
	strcpy(buf, "log:");
	GoWatch(buf); /* Go keeps the pointer to print the log later */

	char *bigger = realloc(buf, 4096); /* bug: may move the block Go holds */
	if (bigger == NULL) {
		g_log = buf;
		return;
	}
	strcat(bigger, " grown");
	g_log = bigger;
}

void log_free(void) {
	free(g_log);
	g_log = NULL;
}
