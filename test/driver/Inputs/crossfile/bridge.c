#include "_cgo_export.h"
#include "pool.h"

void hand_over(void) {
	void *p = pool_get();
	if (!p)
		return;
	GoKeep(p);
	pool_put(p);
}
