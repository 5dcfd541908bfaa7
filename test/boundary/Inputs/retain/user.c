#include "_cgo_export.h"

/* Includes the generated header: not a hand-written declaration. */
void user_run(char *s) { GoKeepSlice(s); }
