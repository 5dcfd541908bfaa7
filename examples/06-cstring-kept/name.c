#include <string.h>
#include "name.h"

static char *g_name;

void set_name(char *s) {
	g_name = s; /* bug: keeps Go's C.CString after the call returns */
}

int name_len(void) {
	return g_name ? (int)strlen(g_name) : 0;
}
