// A stand-in for the C library's <string.h> in the analyzer tests.
#pragma clang system_header
#ifndef CGO_TEST_STRING_H
#define CGO_TEST_STRING_H
#include <stddef.h>
void *memcpy(void *, const void *, size_t);
void *memset(void *, int, size_t);
size_t strlen(const char *);
char *strcpy(char *, const char *);
char *strdup(const char *);
char *strndup(const char *, size_t);
#endif
