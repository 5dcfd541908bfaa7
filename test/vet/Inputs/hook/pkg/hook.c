#include <stdlib.h>

#include "hook.h"

void *alloc_int(int v) {
  int *p = malloc(sizeof *p);
  *p = v;
  return p;
}

void free_int(void *p) { free(p); }
