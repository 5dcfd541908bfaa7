/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Prints the full name of every C-side checker in Checkers.def, one a line:
 * what the CodeChecker labels file must describe. */
#include <stdio.h>

int main(void) {
#define CGO_C_CHECKER(ID, NAME, RULE, PAGE, TIDY, TITLE, HELP, DESCRIPTION, FIX) puts(NAME);
#include "cgo-lifetime/Checkers.def"
  return 0;
}
