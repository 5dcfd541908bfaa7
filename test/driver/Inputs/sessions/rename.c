#include <stdlib.h>
#include <string.h>
#include "sessions.h"

void rec_rename(struct rec *h, const char *s) {
	free(h->name);
	h->name = strdup(s);
}
