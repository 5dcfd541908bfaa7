/* C code that uses the exports of Inputs/retain, analysed with the manifest
 * that cgo-boundary writes for that package (plugin.test). */
#include <stdlib.h>

extern void GoRegister(void *p, int n);
extern void GoForget(void *p);
extern int GoPeek(char *p);
extern void GoKeep(void *p);

void registered_then_freed(void) {
  char *p = malloc(8);
  GoRegister(p, 1);
  free(p);
}

void registered_forgotten_freed(void) {
  char *p = malloc(8);
  GoRegister(p, 1);
  GoForget(p);
  free(p); // no-warning: GoForget released it
}

void peeked_then_freed(void) {
  char *p = malloc(8);
  GoPeek(p);
  free(p); // no-warning: GoPeek only borrows it
}

void kept_as_uintptr_then_freed(void) {
  char *p = malloc(8);
  GoKeep(p);
  free(p);
}
