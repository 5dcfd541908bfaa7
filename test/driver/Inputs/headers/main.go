// C callbacks defined in the package's own header, installed as function
// pointers: no .c file calls them, so only the header's own analysis sees them.
package main

/*
#include <stdint.h>
#include <stdlib.h>
#include "callbacks.h"
#include "needs_system.h"
*/
import "C"

//export GoUse
func GoUse(p *C.char) {}

func main() {
	C.install()
	C.fire()
}
