package main

/*
#cgo CFLAGS: -Werror -Wall
void ok(void);
*/
import "C"

//export GoUse
func GoUse(p *C.char) {}

func main() { C.ok() }
