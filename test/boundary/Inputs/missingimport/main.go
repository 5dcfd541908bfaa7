package main

// void hello(void) {}
import "C"

import "example.com/not/required"

func main() { C.hello(); required.Use() }
