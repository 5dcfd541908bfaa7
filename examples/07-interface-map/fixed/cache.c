#include <stdlib.h>
#include <string.h>
#include "_cgo_export.h"

/* C hands the block over to Go: Go's SafeMap frees it, C never does. */
void cache_and_hand_over(void) {
	char *v = malloc(16);
	if (v == NULL)
		return;
	strcpy(v, "value");
	GoPut("key", v);
}
