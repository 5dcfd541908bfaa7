package main

/*
#cgo CFLAGS: -Werror
void ok(void);
*/
import "C"

//export GoUse
func GoUse(p *C.char) {}

func main() { C.ok() }
