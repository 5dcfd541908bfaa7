#include <stdio.h>
#include <stdlib.h>
#include "fetch.h"

/* Stores a name Go must free in *out; returns 0 on success, -1 on error. */
int fetch_name(int id, char **out) {
	char *name = malloc(32);
	if (name == NULL)
		return -1;
	*out = name;
	snprintf(name, 32, "user %d", id);
	if (id < 0) {       /* error path: invalid id */
		free(name); /* bug: *out still points at the freed block */
		return -1;
	}
	return 0;
}
