#include <stdlib.h>
#include "_cgo_export.h"

static counter = 0; /* implicit int */

void hand_over(void) {
	char *p = malloc(4);
	log_event(p, counter); /* declared nowhere: defined in log.c */
	free(p);
	GoUse(p);
}
