#include <stddef.h>

/* Counts the bytes of s up to its NUL. Before it reads s it calls the Go
 * export goCollect, which stands for anything during a C call that lets the
 * garbage collector and the finalizers run (another goroutine allocating, a
 * callback into Go). */
size_t slow_len(const char *s);
