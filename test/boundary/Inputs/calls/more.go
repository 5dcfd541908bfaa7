package calls

// #include "pool.h"
import "C"

// Count reads another C global and calls C again.
func Count() int {
	return int(C.g_count) + int(C.pool_size())
}
