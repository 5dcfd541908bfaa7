// cgo.FreeWhileGoHolds: C frees, moves or pops memory that a Go export kept.
//
// DEFINE: %{facts} = \
// DEFINE:   -analyzer-config 'cgo:Exports=GoRegister;GoBorrow;GoForget;GoKeepHandle;GoKeepTwo;GoHold' \
// DEFINE:   -analyzer-config 'cgo:RetainingParams=GoRegister:1;GoKeepHandle:1;GoKeepTwo:2' \
// DEFINE:   -analyzer-config 'cgo:ReleasingParams=GoForget:1' \
// DEFINE:   -analyzer-config 'cgo:Deallocators=pool_free'
// RUN: %clang_analyze_cgo -analyzer-checker=core,cgo.FreeWhileGoHolds %{facts} \
// RUN:   -analyzer-output=text -verify %s
// With unix.Malloc on as well, each bug still gives exactly one report, ours:
// RUN: %clang_analyze_cgo -analyzer-checker=core,unix,cgo.FreeWhileGoHolds %{facts} \
// RUN:   -analyzer-output=text -verify %s

#include "Inputs/system-malloc.h"

void GoRegister(void *p);
void GoBorrow(void *p);
void GoForget(void *p);
void GoKeepHandle(uintptr_t h);
void GoKeepTwo(int n, char *s);
// Retention can also come from an attribute on a redeclaration.
void GoHold(void *p);
void GoHold(void *p) __attribute__((ownership_holds(cgo, 1)));
void GoHoldNotExported(void *p) __attribute__((ownership_holds(cgo, 1)));
void pool_free(void *p);
void my_release(void *p) __attribute__((ownership_takes(cgo, 1)));

struct node { int key; char name[16]; };

void free_after_register(void) {
  char *p = malloc(32); // expected-note{{Memory is allocated}}
  GoRegister(p); // expected-note{{'GoRegister' keeps its 1st argument 'p': named in checker option 'cgo:RetainingParams'}}
  free(p); // expected-warning{{Memory is freed while Go still holds it: Go export 'GoRegister' kept its 1st argument 'p'}}
           // expected-note@-1{{Memory is freed while Go still holds it: Go export 'GoRegister' kept its 1st argument 'p'}}
}

void free_after_register_interior(void) {
  struct node *n = malloc(sizeof *n); // expected-note{{Memory is allocated}}
  GoRegister(n->name); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  free(n); // expected-warning{{Memory is freed while Go still holds it}}
           // expected-note@-1{{Memory is freed while Go still holds it}}
}

void second_argument(void) {
  char *s = strdup("x"); // expected-note{{Memory is allocated}}
  GoKeepTwo(1, s); // expected-note{{'GoKeepTwo' keeps its 2nd argument 's'}}
  free(s); // expected-warning{{Go export 'GoKeepTwo' kept its 2nd argument 's'}}
           // expected-note@-1{{Go export 'GoKeepTwo' kept its 2nd argument 's'}}
}

void attribute_retention(void) {
  void *p = calloc(1, 8); // expected-note{{Memory is allocated}}
  GoHold(p); // expected-note-re{{'GoHold' keeps its 1st argument 'p': declared 'ownership_holds' at free-while-go-holds.c:{{[0-9]+}}}}
  free(p); // expected-warning{{Go export 'GoHold' kept its 1st argument 'p'}}
           // expected-note@-1{{Go export 'GoHold' kept its 1st argument 'p'}}
}

void realloc_moves(void) {
  char *p = malloc(8); // expected-note{{Memory is allocated}}
  GoRegister(p); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  char *q = realloc(p, 4096); // expected-warning{{Memory that Go still holds may be moved by 'realloc': Go export 'GoRegister' kept its 1st argument 'p'}}
                              // expected-note@-1{{Memory that Go still holds may be moved by 'realloc'}}
  free(q);
}

void custom_deallocator(void) {
  char *p = malloc(8); // expected-note{{Memory is allocated}}
  GoRegister(p); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  pool_free(p); // expected-warning{{Memory is freed while Go still holds it}}
                // expected-note@-1{{Memory is freed while Go still holds it}}
}

void attribute_deallocator(void) {
  char *p = malloc(8); // expected-note{{Memory is allocated}}
  GoRegister(p); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  my_release(p); // expected-warning{{Memory is freed while Go still holds it}}
                 // expected-note@-1{{Memory is freed while Go still holds it}}
}

// A free wrapper whose body the analyzer inlines.
static void destroy(char *p) {
  free(p); // expected-warning{{Memory is freed while Go still holds it}}
           // expected-note@-1{{Memory is freed while Go still holds it}}
}

void free_in_wrapper(void) {
  char *p = malloc(8); // expected-note{{Memory is allocated}}
  GoRegister(p); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  destroy(p); // expected-note{{Calling 'destroy'}}
}

void stack_memory(void) {
  char buf[64];
  GoRegister(buf); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
} // expected-warning{{Stack memory 'buf' is still held by Go when 'stack_memory' returns: Go export 'GoRegister' kept its 1st argument 'p'}}
  // expected-note@-1{{Stack memory 'buf' is still held by Go}}

// --- What must stay silent ---------------------------------------------------

void borrowing_export(void) {
  char *p = malloc(8);
  GoBorrow(p); // Go does not keep it (no knowledge means no retention).
  free(p); // no-warning
}

void unknown_function_with_attribute_is_not_an_export(void) {
  char *p = malloc(8);
  GoHoldNotExported(p); // ownership_holds alone does not make a Go export.
  free(p); // no-warning
}

void released_before_free(void) {
  char *p = malloc(8);
  GoRegister(p);
  GoForget(p); // Go drops its reference (delete(m, p)).
  free(p); // no-warning
}

void integer_handle(void) {
  // The runtime/cgo.Handle pattern: Go keeps an integer, not C memory.
  char *p = malloc(8);
  GoKeepHandle((uintptr_t)p);
  free(p); // no-warning
}

void null_is_harmless(void) {
  char *p = NULL;
  GoRegister(p);
  free(p); // no-warning
}

void stack_released_before_return(void) {
  char buf[16];
  GoRegister(buf);
  GoForget(buf);
} // no-warning

void other_block_freed(void) {
  char *p = malloc(8);
  char *q = malloc(8);
  GoRegister(p);
  free(q); // no-warning
}
