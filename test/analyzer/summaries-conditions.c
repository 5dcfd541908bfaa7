// Conditions on computed effects (docs/summaries.md, `condition`): an effect
// that happens on exactly the ends where the result is 0 (non-zero, NULL,
// non-NULL, negative, ...) carries that condition, and a call applies it only
// on the outcomes where the condition holds.
//
// The library part (-DLIB) is summarised; the rest calls it without its body,
// through the summaries file (as cgo-lifetime's second pass does) or a model.
//
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,unix.DynamicMemoryModeling,cgo \
// DEFINE:   -analyzer-config 'cgo:Exports=GoRegister;GoUse' -analyzer-config 'cgo:RetainingParams=GoRegister:1' \
// DEFINE:   -analyzer-config cgo:ShippedModels=false
// RUN: cd %S && %{analyze} -DLIB -analyzer-checker=debug.cgo.DumpSummaries summaries-conditions.c > %t.dump 2>&1
// RUN: FileCheck %s --match-full-lines < %t.dump
// RUN: count 11 < %t.dump
// RUN: rm -f %t.json
// RUN: cd %S && %{analyze} -DLIB -analyzer-config cgo:SummaryOutput=%t.json summaries-conditions.c
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: %{analyze} -analyzer-config cgo:Summaries=%t.json \
// RUN:   -analyzer-config cgo:Models=%S/Inputs/models/conditions -analyzer-output=text -verify %s

#include "Inputs/system-malloc.h"

struct sock { int fd; };
struct cell { struct cell *next; };
struct res { char *name; };
int busy(struct sock *s);

#ifdef LIB
// Frees on success only (and nothing when s is NULL).
// CHECK-DAG: sock_close: frees $1 always if $ret zero (summary computed from summaries-conditions.c:[[#@LINE+4]])
int sock_close(struct sock *s) {
  if (!s || busy(s))
    return -1;
  free(s);
  return 0;
}
// Frees on failure only.
// CHECK-DAG: sock_open_or_free: frees $1 always if $ret negative (summary computed from summaries-conditions.c:[[#@LINE+3]])
int sock_open_or_free(struct sock *s) {
  if (s->fd < 0) {
    free(s);
    return -1;
  }
  return s->fd;
}
// A pointer result: keeps table where it returns non-NULL (issue 20's
// pattern 8). The fresh result itself needs no condition.
// CHECK-DAG: cell_push: keeps $1 where $ret->next if $ret nonnull (summary computed from summaries-conditions.c:[[#@LINE+4]])
// CHECK-DAG: cell_push: returns fresh $ret (summary computed from summaries-conditions.c:[[#@LINE+4]])
struct cell *cell_push(struct cell *table) {
  struct cell *c = calloc(1, sizeof *c);
  if (c != NULL) c->next = table;
  return c;
}
// A bool result.
// CHECK-DAG: sock_drop: frees $1 always if $ret nonzero (summary computed from summaries-conditions.c:[[#@LINE+1]])
_Bool sock_drop(struct sock *s) { if (busy(s)) return 0; free(s); return 1; }
// Ownership given away through a field of an argument (issue 20's pattern
// 5): `returns fresh $1->name`, on the paths that return 0.
// CHECK-DAG: res_fill: returns fresh $1->name if $ret zero (summary computed from summaries-conditions.c:[[#@LINE+2]])
int res_fill(struct res *out) {
  out->name = calloc(1, 16);
  if (!out->name) return -1;
  return 0;
}
// ... and through a field of the block it returns.
// CHECK-DAG: res_new: returns fresh $ret (summary computed from summaries-conditions.c:[[#@LINE+3]])
// CHECK-DAG: res_new: returns fresh $ret->name if $ret nonnull (summary computed from summaries-conditions.c:[[#@LINE+2]])
struct res *res_new(void) {
  struct res *r = calloc(1, sizeof *r); if (r) r->name = calloc(1, 16); return r;
}
// Twins. A field the function frees and fills again is the struct's own; a
// free on some of the paths of each result is `maybe`, with no condition.
// CHECK-DAG: res_rename: frees $1->name always (summary computed from summaries-conditions.c:[[#@LINE+1]])
void res_rename(struct res *r) { free(r->name); r->name = calloc(1, 16); }
// CHECK-DAG: sock_maybe_close: frees $1 maybe (summary computed from summaries-conditions.c:[[#@LINE+1]])
int sock_maybe_close(struct sock *s, int c) { if (c) free(s); return 0; }
// CHECK-DAG: sock_void_close: frees $1 maybe (summary computed from summaries-conditions.c:[[#@LINE+1]])
void sock_void_close(struct sock *s) { if (busy(s)) return; free(s); }

// JSON: { "effect": "keeps", "path": "$1", "where": "$ret->next", "condition": { "on": "$ret", "is": "nonnull" }, "root_type": "struct cell *",
// JSON: { "effect": "returns", "ownership": "fresh", "path": "$1->name", "condition": { "on": "$ret", "is": "zero" }, "root_type": "struct res *",
// JSON: { "effect": "frees", "path": "$1", "when": "always", "condition": { "on": "$ret", "is": "zero" }, "root_type": "struct sock *",

#else
void GoRegister(void *p);
void GoUse(void *p);
int sock_close(struct sock *s);
int sock_open_or_free(struct sock *s);
int sock_maybe_close(struct sock *s, int c);
int condlib_try_close(struct sock *s);
int condlib_open(struct sock *s, struct sock **out);

// The computed condition: sock_close frees on the path where it returns 0,
// where Go still holds the socket.
void close_held(struct sock *s) {
  GoRegister(s); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  if (sock_close(s) != 0) // expected-warning{{Memory is freed while Go still holds it}}
                          // expected-note@-1{{Memory is released by 'sock_close' (summary computed from summaries-conditions.c:34, where its result is 0)}}
                          // expected-note@-2{{Memory is freed while Go still holds it}}
    return;
}

// A free on failure only: the success path hands s to Go unfreed.
void open_then_use(struct sock *s) {
  if (sock_open_or_free(s) < 0)
    return;
  GoUse(s); // no-warning
}

void open_then_use_on_failure(struct sock *s) {
  if (sock_open_or_free(s) >= 0) // expected-note{{Memory is released by 'sock_open_or_free' (summary computed from summaries-conditions.c:41, where its result is negative)}}
                                 // expected-note@-1{{Taking false branch}}
    return;
  GoUse(s); // expected-warning{{Pointer to freed memory is passed to Go export 'GoUse' as its 1st argument 'p'}}
            // expected-note@-1{{Pointer to freed memory is passed to Go export 'GoUse' as its 1st argument 'p'}}
}

// Twin: a computed free on some paths of each result does not apply.
void maybe_close_held(struct sock *s) {
  GoRegister(s);
  sock_maybe_close(s, 1); // no-warning
}

// A model's condition on the result: condlib_try_close frees only when it
// fails (returns non-zero).
void try_close_then_use(struct sock *s) {
  while (condlib_try_close(s) == 0)
    GoUse(s); // no-warning
}

// A model's condition on an out-parameter: condlib_open frees s when it
// leaves *out NULL.
void open_out_then_use(struct sock *s) {
  struct sock *o;
  condlib_open(s, &o);
  if (o)
    GoUse(s); // no-warning
}
#endif
