// This file does not compile: the analyzer reports it and checks the others.
void broken(void) {
	undeclared_function_call(;
}
