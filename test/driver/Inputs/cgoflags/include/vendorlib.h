/* A library header outside the package, found only through CGO_CFLAGS=-I... */
#ifndef VENDORLIB_H
#define VENDORLIB_H
#include <stdlib.h>

typedef struct vendor_record {
	char *name;
} vendor_record;

#ifndef VENDOR_RECORD_SIZE
#error "VENDOR_RECORD_SIZE comes from CGO_CPPFLAGS"
#endif

#endif
