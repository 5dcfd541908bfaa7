#include <stdlib.h>
#include <string.h>
#include "pool.h"

int g_cache;
int g_count;
char *g_label = "pool";
static char *stored;

char *get_name(void) { return strdup("name"); }
void pool_store(char *s) { stored = s; }
int pool_size(void) { return stored != NULL; }
