// False positives seen on real cgo packages (docs/realworld.md), reduced.
//
// RUN: %clang_analyze_cgo -analyzer-checker=core,cgo \
// RUN:   -analyzer-config 'cgo:GoCalled=env_copy;env_renew;env_reset;env_open;cursor_open;new_context' \
// RUN:   -analyzer-config cgo:ShapeCallbackUserdata=true -analyzer-output=text -verify %s

#include "Inputs/system-malloc.h"
#include "Inputs/go-visible-types.h"

struct txn { int flags; };
struct env { struct txn *txn0; struct txn *cur; };

// lmdb-go: Go hands a C object back to C as an opaque handle (MDB_env *,
// MDB_txn *, defined in mdb.c, so Go cannot see their fields). Freeing a
// block that one of its fields points to leaves C's own field dangling; Go
// never reads it. (On lmdb the paths were also infeasible.)
static void txn_end(struct txn *t) {
  free(t); // expected-note{{Memory is released}}
}

void env_copy(struct env *e) {
  struct txn *t = e->txn0;
  if (t->flags)
    txn_end(t);
} // no-warning

void env_renew(struct env *e) {
  e->cur = e->txn0;
  txn_end(e->cur);
} // no-warning: a handle's field, even one this call wrote

// A struct Go can see (declared in a header): what the Go-called function
// writes through its parameter is what Go reads back, and is checked.
void env_reset(struct env_pub *e) {
  struct txn *t = malloc(sizeof *t); // expected-note{{Memory is allocated}}
  e->cur = t;
  txn_end(t); // expected-note{{Calling 'txn_end'}} expected-note{{Returning from 'txn_end'}}
} // expected-warning{{'env_reset' leaves a pointer to freed memory in '*e.cur' (its 1st argument 'e'), which Go reads (named in checker option 'cgo:GoCalled')}}
  // expected-note@-1{{'env_reset' leaves a pointer to freed memory in '*e.cur'}}

void env_open(struct env_pub *e) {
  struct txn *t = malloc(sizeof *t);
  e->cur = t;
  free(t);
  e->cur = NULL;
} // no-warning

// lmdb-go's mdb_cursor_open keeps its MDB_txn in the cursor it returns (issue
// 13's keeping through the heap): the txn is a handle C gave Go (its struct
// is defined in mdb.c), not Go's memory, so C may keep it.
struct cursor { struct txn *txn; };
int cursor_open(struct txn *t, struct cursor **out) {
  struct cursor *c = malloc(sizeof *c);
  if (!c)
    return -1;
  c->txn = t;
  *out = c;
  return 0;
} // no-warning

// go-lib/pulse: a library keeps a pa_threaded_mainloop (an incomplete type
// where the C is compiled): a C handle too.
struct mainloop;
typedef void (*state_cb)(void *);
void library_set_state_callback(void *ctx, state_cb cb, void *userdata);
void new_context(struct mainloop *m, void *ctx) {
  library_set_state_callback(ctx, 0, m);
} // no-warning
