// A stand-in for the C library's <errno.h> in the analyzer tests (cgo's
// *.cgo2.c includes it for the wrappers that return errno to Go).
#pragma clang system_header
#ifndef CGO_TEST_ERRNO_H
#define CGO_TEST_ERRNO_H
int *__errno_location(void);
#define errno (*__errno_location())
#endif
