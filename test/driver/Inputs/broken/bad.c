// This file does not parse (with gcc or clang): the analyzer reports it and checks the others.
void broken(void) {
	undeclared_function_call(;
}
