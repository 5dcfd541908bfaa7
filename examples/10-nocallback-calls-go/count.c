#include "_cgo_export.h"
#include "count.h"

static void report(int done) {
	GoProgress(done);
}

int count_items(int n) {
	int total = 0;
	for (int i = 0; i < n; i++)
		total += i;
	report(n);
	return total;
}
