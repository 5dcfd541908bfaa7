#include <stdlib.h>
#include "bridge.h"

/* Declared by hand instead of including _cgo_export.h, as much real code does. */
extern void GoRegister(void *p, int n);
extern void GoForget(void *p);

void bridge_run(void) {
  char *p = malloc(8);
  GoRegister(p, 1);
  GoForget(p);
  free(p);
}
