// A stand-in for <stdlib.h> and <string.h>, so that checker tests do not
// depend on the system headers.
#pragma clang system_header
typedef __typeof__(sizeof(int)) size_t;
typedef __UINTPTR_TYPE__ uintptr_t;
void *malloc(size_t);
void *calloc(size_t, size_t);
void *realloc(void *, size_t);
void free(void *);
char *strdup(const char *);
#define NULL ((void *)0)
