#include "vendorlib.h"
#include "_cgo_export.h"

void hand_over(void) {
	vendor_record *r = malloc(VENDOR_RECORD_SIZE);
	free(r);
	GoUse(r);
}
