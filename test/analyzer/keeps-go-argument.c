// cgo.KeepsGoArgument: a C function that Go calls keeps a pointer argument.
//
// RUN: %clang_analyze_cgo -analyzer-checker=core,unix,cgo.KeepsGoArgument \
// RUN:   -analyzer-config 'cgo:GoCalled=set_name;remember;set_ctx_name;push_name;keep_via_helper;set_static;set_owned;set_owned_attr;use_temporarily;copy_name;store_locally;set_into_out;set_then_clear;push_then_drop' \
// RUN:   -analyzer-config 'cgo:TakesOwnership=set_owned:1' \
// RUN:   -analyzer-output=text -verify %s

#include "Inputs/system-malloc.h"

struct ctx { char *name; int refs; };
struct list { char *item; struct list *next; };

char *g_name;
struct ctx *g_ctx;
struct ctx g_inline_ctx;
struct list *g_head;
void consume(const char *s);

void set_name(char *name) {
  g_name = name; // expected-note{{Go's pointer, its 1st argument 'name' of 'set_name', is stored here}}
} // expected-warning{{'set_name' keeps its 1st argument 'name' in global 'g_name' after returning to Go, which may free it}}
  // expected-note@-1{{'set_name' keeps its 1st argument 'name' in global 'g_name'}}

void remember(int n, const char *s) {
  g_inline_ctx.name = (char *)s + n; // expected-note{{Go's pointer, its 2nd argument 's' of 'remember', is stored here}}
} // expected-warning{{'remember' keeps its 2nd argument 's' in global 'g_inline_ctx.name' after returning to Go}}
  // expected-note@-1{{'remember' keeps its 2nd argument 's'}}

void set_ctx_name(char *name) {
  g_ctx->name = name; // expected-note{{Go's pointer, its 1st argument 'name' of 'set_ctx_name', is stored here}}
} // expected-warning{{'set_ctx_name' keeps its 1st argument 'name' in memory reachable from global 'g_ctx' after returning to Go}}
  // expected-note@-1{{'set_ctx_name' keeps its 1st argument 'name' in memory reachable from global 'g_ctx'}}

void push_name(char *name) {
  struct list *n = malloc(sizeof *n); // expected-note{{Memory is allocated}}
  if (!n) // expected-note{{Assuming 'n' is non-null}} expected-note{{Taking false branch}}
    return;
  n->item = name; // expected-note{{Go's pointer, its 1st argument 'name' of 'push_name', is stored here}}
  n->next = g_head;
  g_head = n;
} // expected-warning{{'push_name' keeps its 1st argument 'name' in heap memory reachable from global 'g_head' after returning to Go}}
  // expected-note@-1{{'push_name' keeps its 1st argument 'name' in heap memory reachable from global 'g_head'}}

static void stash(char *p) {
  g_name = p; // expected-note{{Go's pointer, its 1st argument 'p' of 'keep_via_helper', is stored here}}
}

void keep_via_helper(char *p) {
  stash(p); // expected-note{{Calling 'stash'}} expected-note{{Returning from 'stash'}}
} // expected-warning{{'keep_via_helper' keeps its 1st argument 'p' in global 'g_name' after returning to Go}}
  // expected-note@-1{{'keep_via_helper' keeps its 1st argument 'p' in global 'g_name'}}

void set_static(char *p) {
  static char *last;
  last = p; // expected-note{{Go's pointer, its 1st argument 'p' of 'set_static', is stored here}}
} // expected-warning{{'set_static' keeps its 1st argument 'p' in static 'last' after returning to Go}}
  // expected-note@-1{{'set_static' keeps its 1st argument 'p' in static 'last'}}

// --- What must stay silent ---------------------------------------------------

// Taking ownership is the function's right (checker option).
void set_owned(char *name) {
  g_name = name;
} // no-warning

// ... or an attribute.
void set_owned_attr(char *name) __attribute__((ownership_takes(cgo, 1)));
void set_owned_attr(char *name) {
  g_name = name;
} // no-warning

void use_temporarily(char *name) {
  g_name = name;
  consume(g_name);
  g_name = NULL;
} // no-warning

void copy_name(const char *name) {
  g_name = strdup(name);
} // no-warning

void store_locally(char *name) {
  char *local = name;
  struct ctx c = {name, 0};
  consume(local);
  consume(c.name);
} // no-warning

// Writing through a pointer Go passed is Go's own memory, not a keep.
void set_into_out(char **out, char *name) {
  *out = name;
} // no-warning

void set_then_clear(char *name) {
  g_ctx->name = name;
  g_ctx->name = NULL;
} // no-warning

void push_then_drop(char *name) {
  struct list *n = malloc(sizeof *n);
  if (!n)
    return;
  n->item = name;
  consume(n->item);
  free(n);
} // no-warning

// Not called from Go: C keeping C's pointers is none of our business.
void c_only(char *name) {
  g_name = name;
} // no-warning
