// Sanitized build only: the plugin shares clang's allocators without a false use-after-poison.
//
// LLVM's BumpPtrAllocator poisons a new slab and unpoisons each allocation only when compiled with ASan
// (LLVM_ADDRESS_SANITIZER_BUILD). The sanitized plugin's inlined copy of it may start a slab of the
// analyzer's shared allocator (here: an ImmutableMap node of the checker's state), from which Debian's
// unsanitized clang then allocates ProgramStates without unpoisoning them. ASan then reported a
// use-after-poison in ProgramState::isPosteriorlyOverconstrained on this file (and on
// free-while-go-holds.c) although nothing is wrong. The lit configuration, bench/csmith and the documented
// command line therefore run with ASAN_OPTIONS=...:allow_user_poisoning=0 (manual poisoning off; ASan's
// own checks stay on).
//
// REQUIRES: sanitize
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,unix,cgo.FreeWhileGoHolds \
// DEFINE:   -analyzer-config 'cgo:Exports=GoRegister;GoForget' \
// DEFINE:   -analyzer-config 'cgo:RetainingParams=GoRegister:1' \
// DEFINE:   -analyzer-config 'cgo:ReleasingParams=GoForget:1'
// RUN: %{analyze} -verify %s
// With user poisoning on, the false report comes back (the reason for the option):
// RUN: env ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 not --crash %{analyze} %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=POISON
// POISON: AddressSanitizer: use-after-poison

// expected-no-diagnostics

#include "Inputs/system-malloc.h"

void GoRegister(void *p);
void GoForget(void *p);

#define KEEP(n)                                                                \
  char *p##n = malloc(8);                                                      \
  GoRegister(p##n);                                                            \
  GoForget(p##n);                                                              \
  free(p##n);
#define KEEP10(n)                                                              \
  KEEP(n##0) KEEP(n##1) KEEP(n##2) KEEP(n##3) KEEP(n##4) KEEP(n##5) KEEP(n##6) \
      KEEP(n##7) KEEP(n##8) KEEP(n##9)

void many_states(void) { KEEP10(1) KEEP10(2) KEEP10(3) KEEP10(4) KEEP10(5) }
