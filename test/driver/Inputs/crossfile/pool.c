#include <stdlib.h>
#include "pool.h"

void *pool_get(void) {
	return malloc(64);
}

void pool_put(void *p) {
	free(p);
}
