// C callbacks defined in the package's own header, installed as function
// pointers: no .c file calls them, so only the header's own analysis sees them.
package main

/*
#include "callbacks.h"
*/
import "C"

//export GoUse
func GoUse(p *C.char) {}

func main() {
	C.install()
	C.fire()
}
