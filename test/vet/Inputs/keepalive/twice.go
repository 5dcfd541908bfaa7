package keepalive

/*
static int counter_twice(int *p) { return 2 * *p; }
*/
import "C"

// Twice's file does not import runtime: the fix adds the import.
func (c *Counter) Twice() int {
	n := C.counter_twice(c.c)
	return int(n)
}
