/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* libFuzzer's one-time setup, shared by the C targets: jansson allocates
 * with checker/support's allocator, as in the tools. */
#include "json.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  cs_json_init();
  return 0;
}
