#include <stdlib.h>
void GoUse(void *p);
void f(void) {
  char *p = malloc(4);
  free(p);
  GoUse(p);
}
