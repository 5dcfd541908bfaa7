#ifndef POOL_H
#define POOL_H
#if CALLS_LEVEL != 2
#error "CALLS_LEVEL must come from #cgo CFLAGS"
#endif
char *get_name(void);
void pool_store(char *s);
int pool_size(void);
extern int g_cache;
extern int g_count;
extern char *g_label;
#endif
