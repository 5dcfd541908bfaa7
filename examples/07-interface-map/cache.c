#include <stdlib.h>
#include <string.h>
#include "_cgo_export.h"

void cache_and_free(void) {
	char *v = malloc(16);
	if (v == NULL)
		return;
	strcpy(v, "value");
	GoPut("key", v); /* Go keeps v in a map[string]interface{} */
	free(v);         /* bug: the interface now holds a dangling pointer */
}
