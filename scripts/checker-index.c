/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* checker-index: prints docs/checkers/README.md, the index of the checkers,
 * from checker/include/cgo-lifetime/Checkers.def. A C11 program, so that
 * building it also proves that the .def is plain C. Run it through
 * scripts/checker-index.sh; test/docs/checker-index.test fails when the
 * committed index and the .def disagree. */
#include <stdio.h>

static void print_header(void) {
  puts("# The checkers\n"
       "\n"
       "<!-- Generated from checker/include/cgo-lifetime/Checkers.def by "
       "scripts/checker-index.sh; do not edit.\n"
       "     Add or change a checker in the .def, then run the script "
       "(docs/development.md). -->\n"
       "\n"
       "Each page says what the checker reports, why it is a bug, how to fix "
       "it, and gives a minimal example.\n"
       "`cgo-lifetime` runs them all; the analyzer plugin runs them with "
       "`-analyzer-checker=cgo`, or one\n"
       "by its name.");
}

static void print_c_side(void) {
  puts("\n## C side: the analyzer plugin `CgoLifetime.so`\n"
       "\n"
       "| checker | finds | clang-tidy check |\n"
       "| --- | --- | --- |");
#define CGO_C_CHECKER(ID, NAME, RULE, PAGE, TIDY, TITLE, HELP, DESCRIPTION, FIX)                   \
  printf("| [%s](%s) | %s | `%s` |\n", NAME, PAGE, TITLE, TIDY);
#include "cgo-lifetime/Checkers.def"
}

static void print_go_side(void) {
  static const int count = 0
#define CGO_GO_CHECKER(ID, NAME, RULE, PAGE, TITLE, HELP, DESCRIPTION, FIX) +1
#include "cgo-lifetime/Checkers.def"
      ;
  puts("\n## Go side: the Go analyzer\n");
  if (count == 0) {
    puts("None yet.");
    return;
  }
  puts("| checker | finds |\n"
       "| --- | --- |");
#define CGO_GO_CHECKER(ID, NAME, RULE, PAGE, TITLE, HELP, DESCRIPTION, FIX)                        \
  printf("| [%s](%s) | %s |\n", NAME, PAGE, TITLE);
#include "cgo-lifetime/Checkers.def"
}

int main(void) {
  print_header();
  print_c_side();
  print_go_side();
  return 0;
}
