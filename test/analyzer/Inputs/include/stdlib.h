// A stand-in for the C library's <stdlib.h> in the analyzer tests, which run
// without the host's include paths: what cgo's generated files and the test
// packages use.
#pragma clang system_header
#ifndef CGO_TEST_STDLIB_H
#define CGO_TEST_STDLIB_H
#include <stddef.h>
void *malloc(size_t);
void *calloc(size_t, size_t);
void *realloc(void *, size_t);
void free(void *);
void abort(void);
#endif
