package main

/*
static int count(void) {
	return undefined_counter + 1;
}
*/
import "C"

func main() { _ = C.count() }
