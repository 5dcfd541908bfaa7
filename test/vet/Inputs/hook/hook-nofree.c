#include <stdlib.h>

#include "hook.h"

static void *last;

void *alloc_int(int v) {
  int *p = malloc(sizeof *p);
  *p = v;
  return p;
}

/* No longer frees: the block is kept for reuse. */
void free_int(void *q) { last = q; }
