#include <string.h>
#include "key.h"

static char g_key[64];
static int g_len;

/* Keeps a copy: Go's buffer is not needed after the call. */
void remember_key(char *key, int n) {
	if (n < 0)
		n = 0;
	if (n > (int)sizeof g_key)
		n = (int)sizeof g_key;
	memcpy(g_key, key, (size_t)n);
	g_len = n;
}

int key_digest(void) {
	int h = 0;
	for (int i = 0; i < g_len; i++)
		h = h * 31 + g_key[i];
	return h;
}
