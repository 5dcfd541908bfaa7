#include <stdlib.h>
#include "_cgo_export.h"

void ok(void) {
	char *p = malloc(4);
	if (p == NULL); /* clang warns by default (-Wempty-body); gcc only with -Wextra */
	free(p);
	GoUse(p);
}
