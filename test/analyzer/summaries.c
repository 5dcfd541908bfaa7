// Function summaries computed by the analyzer (docs/summaries.md): each kind
// of effect, in access-path terms, with a twin that must not have it.
// debug.cgo.DumpSummaries prints one line per effect (or "no effects"),
// sorted by function and effect; cgo:SummaryOutput writes the same as schema-1 JSON, byte for byte
// the same on a second run.
//
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,unix.DynamicMemoryModeling,cgo \
// DEFINE:   -analyzer-config 'cgo:Exports=GoTrackSession;GoBorrow;GoUntrackSession' \
// DEFINE:   -analyzer-config 'cgo:RetainingParams=GoTrackSession:1' \
// DEFINE:   -analyzer-config 'cgo:ReleasingParams=GoUntrackSession:1' \
// DEFINE:   -analyzer-config 'cgo:GoCalled=session_open;session_close' \
// DEFINE:   -analyzer-config cgo:ShippedModels=false \
// DEFINE:   -analyzer-config cgo:Models=%S/Inputs/models/user/mylib.json
// RUN: cd %S && %{analyze} -analyzer-checker=debug.cgo.DumpSummaries summaries.c > %t.dump 2>&1
// RUN: FileCheck %s --match-full-lines < %t.dump
// Nothing else: one line per CHECK-DAG below.
// RUN: count 32 < %t.dump
//
// RUN: rm -f %t.1.json %t.2.json
// RUN: cd %S && %{analyze} -analyzer-config cgo:SummaryOutput=%t.1.json summaries.c
// RUN: cd %S && %{analyze} -analyzer-config cgo:SummaryOutput=%t.2.json summaries.c
// RUN: diff %t.1.json %t.2.json
// RUN: FileCheck %s --check-prefix=JSON -DCLANG_VERSION=%clang_version < %t.1.json
// JSON:      {
// JSON-NEXT:   "version": 1,
// JSON-NEXT:   "kind": "summaries",
// JSON-NEXT:   "generator": "cgo-lifetime {{[0-9.]+}} (clang [[CLANG_VERSION]])",
// JSON-NEXT:   "functions": [
// JSON:          { "name": "free_int", "location": "summaries.c:[[#FREE_INT:]]",
// JSON-NEXT:       "effects": [
// JSON-NEXT:         { "effect": "frees", "path": "$1", "when": "always", "root_type": "int *",
// JSON-NEXT:           "source": { "kind": "computed", "file": "summaries.c", "line": [[#FREE_INT+1]] } }
// JSON-NEXT:       ] },
// JSON:          { "name": "session_open", "location": "summaries.c:{{[0-9]+}}", "go_called": true,
// JSON:            { "effect": "to_go", "path": "$1->user", "export": "GoTrackSession", "param": 1, "retained": true, "root_type": "struct session *",
//
// A summaries file that cannot be written is one error line.
// RUN: not %{analyze} -analyzer-config cgo:SummaryOutput=%t.no/such/dir/out.json %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WRITE
// WRITE: error: cgo-lifetime: cannot write the summaries to '{{.*}}out.json': {{.+}}

#include "Inputs/system-malloc.h"

struct rec { int id; char *name; };
struct buf { char *data; size_t len, cap; };
struct job { char *in; int n; };
struct session { void *user; struct rec *rec; };

static char *g_saved;
static size_t g_len;
void GoTrackSession(void *p);
void GoBorrow(void *p);
void GoUntrackSession(void *p);
size_t strlen(const char *);

// frees: the parameter itself, on every path.
// CHECK-DAG: free_int: frees $1 always (summary computed from summaries.c:[[#@LINE+2]])
void free_int(int *p)
{ free(p); }
// Twin: frees only its own block.
// CHECK-DAG: free_local: no effects
void free_local(int *p) { int *q = malloc(sizeof *q); free(q); (void)p; }

// frees through a field; a null test on the field does not make it `maybe`.
// CHECK-DAG: rec_rename: frees $1->name always (summary computed from summaries.c:[[#@LINE+1]])
void rec_rename(struct rec *h, const char *s) { free(h->name); h->name = strdup(s); }
// CHECK-DAG: rec_clear: frees $1->name always (summary computed from summaries.c:[[#@LINE+1]])
void rec_clear(struct rec *h) { if (h->name) free(h->name); h->name = NULL; }
// Twin: touches the record, frees nothing.
// CHECK-DAG: rec_touch: no effects
void rec_touch(struct rec *h) { h->id++; }

// returns: borrowed from a parameter's storage; its twin copies.
// CHECK-DAG: rec_name: returns borrowed $1->name (summary computed from summaries.c:[[#@LINE+1]])
const char *rec_name(struct rec *h) { return h->name; }
// CHECK-DAG: rec_name_copy: returns fresh $ret (summary computed from summaries.c:[[#@LINE+1]])
char *rec_name_copy(struct rec *h) { return strdup(h->name); }

// moves: realloc of a field, on the paths that grow the buffer.
// CHECK-DAG: buf_append: moves $1->data maybe (summary computed from summaries.c:[[#@LINE+3]])
int buf_append(struct buf *b, char c) {
  if (b->len == b->cap) {
    char *d = realloc(b->data, b->cap * 2 + 1);
    if (!d)
      return -1;
    b->data = d;
    b->cap = b->cap * 2 + 1;
  }
  b->data[b->len++] = c;
  return 0;
}
// Twin: reads the buffer only.
// CHECK-DAG: buf_len: no effects
size_t buf_len(struct buf *b) { return b->len; }

// returns fresh memory; returns a static string; returns its argument.
// CHECK-DAG: alloc_int: returns fresh $ret (summary computed from summaries.c:[[#@LINE+1]])
int *alloc_int(int v) { int *p = malloc(sizeof *p); if (p) *p = v; return p; }
// CHECK-DAG: name_of_nothing: returns static $ret (summary computed from summaries.c:[[#@LINE+1]])
const char *name_of_nothing(void) { return "none"; }
// CHECK-DAG: identity: returns argument $1 (summary computed from summaries.c:[[#@LINE+1]])
int *identity(int *p) { return p; }
// A function's own static buffer: valid until the next call.
// CHECK-DAG: last_error: returns borrowed library invalidated_by last_error:0 (summary computed from summaries.c:[[#@LINE+1]])
const char *last_error(void) { static char buf[32]; return buf; }
// Fresh memory through an out-parameter, on the paths that return 0.
// CHECK-DAG: open_rec: returns fresh *$1 if $ret zero (summary computed from summaries.c:[[#@LINE+1]])
int open_rec(struct rec **out) { *out = malloc(sizeof **out); return *out ? 0 : -1; }

// keeps: in a global; in a field of another parameter; in the block it
// returns.
// CHECK-DAG: keep_global: keeps $1 where g_saved (summary computed from summaries.c:[[#@LINE+1]])
void keep_global(char *p) { g_saved = p; }
// CHECK-DAG: keep_in_session: keeps $2 where $1->user (summary computed from summaries.c:[[#@LINE+1]])
void keep_in_session(struct session *s, void *u) { s->user = u; }
// CHECK-DAG: make_job: keeps $1 where $ret->in if $ret nonnull (summary computed from summaries.c:[[#@LINE+3]])
// CHECK-DAG: make_job: returns fresh $ret (summary computed from summaries.c:[[#@LINE+3]])
struct job *make_job(char *in) {
  struct job *j = malloc(sizeof *j); if (!j) return NULL; j->in = in;
  return j;
}
// Twins: reads it only; stores it and clears it again.
// CHECK-DAG: measure: no effects
void measure(char *p) { g_len = strlen(p); }
// CHECK-DAG: keep_then_clear: no effects
void keep_then_clear(char *p) { g_saved = p; g_saved = NULL; }

// maybe: frees on some paths only.
// CHECK-DAG: maybe_free: frees $1 maybe (summary computed from summaries.c:[[#@LINE+1]])
void maybe_free(int *p, int c) { if (c) free(p); }

// An inlined helper's free is its caller's effect too, relative to the
// caller's parameters.
// CHECK-DAG: helper_free: frees $1->name always (summary computed from summaries.c:[[#@LINE+1]])
static void helper_free(struct rec *h) { free(h->name); }
// CHECK-DAG: session_drop_rec: frees $1->rec->name always (summary computed from summaries.c:[[#@LINE-1]])
void session_drop_rec(struct session *s) { helper_free(s->rec); }

// to_go: what goes to which export, and where the frame leaves it.
// CHECK-DAG: lend: to_go $1 to GoBorrow:1 borrowed (summary computed from summaries.c:[[#@LINE+1]])
void lend(void *p) { GoBorrow(p); }
// CHECK-DAG: session_close: frees $1->user always (summary computed from summaries.c:[[#@LINE+3]])
// CHECK-DAG: session_close: releases GoUntrackSession (summary computed from summaries.c:[[#@LINE+2]])
// CHECK-DAG: session_close: to_go $1->user to GoUntrackSession:1 borrowed (summary computed from summaries.c:[[#@LINE+1]])
void session_close(struct session *s) { GoUntrackSession(s->user); free(s->user); s->user = NULL; }
// CHECK-DAG: session_open: keeps $2 where $1->user (summary computed from summaries.c:[[#@LINE+4]])
// CHECK-DAG: session_open: to_go $1->user to GoTrackSession:1 retained (summary computed from summaries.c:[[#@LINE+4]])
// CHECK-DAG: session_open: to_go $2 to GoTrackSession:1 retained (summary computed from summaries.c:[[#@LINE+3]])
void session_open(struct session *s, void *u) {
  s->user = u;
  GoTrackSession(u);
}

// keeps, by a library (its model): until its `until` call with the value
// that is this function's 1st argument; a library freeing a field.
struct watcher;
void mylib_watch(struct watcher *w, void *data);
struct mylib { char *scratch; };
void mylib_reset(struct mylib *m);
// CHECK-DAG: watch: keeps $2 where library until mylib_unwatch:1=$1 (summary computed from summaries.c:[[#@LINE+1]])
void watch(struct watcher *w, char *p) { mylib_watch(w, p); }
// CHECK-DAG: reset_all: frees $1->scratch always (summary computed from summaries.c:[[#@LINE+1]])
void reset_all(struct mylib *m) { mylib_reset(m); }
