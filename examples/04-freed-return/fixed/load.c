#include <stdio.h>
#include <stdlib.h>
#include "load.h"

/* Returns a record Go must free, or NULL when the record is invalid. */
char *load_record(int id) {
	char *rec = malloc(32);
	if (rec == NULL)
		return NULL;
	snprintf(rec, 32, "record %d", id);
	if (id < 0) {      /* error path: invalid id */
		free(rec);
		return NULL;   /* Go sees nil */
	}
	return rec;
}
