// The cross-call C-side bug (cgo.FreeWhileGoHolds): one Go-called function
// hands memory that C storage reaches (a field of a handle parameter, a
// global) to a retaining Go export; another Go-called function frees or
// moves it without first calling the releasing export. Found with the
// summaries of a first pass (as cgo-lifetime runs it): the report is at the
// free, with a note at the hand-over in the other function. Silent when the
// releasing export is called first, or when Go only borrows.
//
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,unix.DynamicMemoryModeling,cgo \
// DEFINE:   -analyzer-config 'cgo:Exports=GoTrackSession;GoUntrackSession;GoBorrowPeer' \
// DEFINE:   -analyzer-config 'cgo:RetainingParams=GoTrackSession:1' \
// DEFINE:   -analyzer-config 'cgo:ReleasingParams=GoUntrackSession:1' \
// DEFINE:   -analyzer-config 'cgo:GoCalled=session_open;session_close;session_close_properly;session_grow;session_reset_user;conn_open;conn_close;ctx_start;ctx_stop;ctx_stop_properly;session_close_other;pipe_open;pipe_close' \
// DEFINE:   -analyzer-config cgo:ShippedModels=false
//
// First pass: the summaries.
// RUN: rm -f %t.json
// RUN: cd %S && %{analyze} -analyzer-config cgo:SummaryOutput=%t.json cross-call.c
// RUN: FileCheck %s --check-prefix=SUMMARY < %t.json
// A hand-over on the success path only carries its condition:
// SUMMARY: { "effect": "to_go", "path": "$1->buf", "export": "GoTrackSession", "param": 1, "retained": true, "condition": { "on": "$ret", "is": "zero" }, "root_type": "struct pipe *",
// SUMMARY: { "name": "session_open", "location": "cross-call.c:{{[0-9]+}}", "go_called": true,
// SUMMARY: { "effect": "to_go", "path": "$1->user", "export": "GoTrackSession", "param": 1, "retained": true, "root_type": "struct session *",
//
// Second pass: the analysis with them.
// RUN: cd %S && %{analyze} -analyzer-config cgo:Summaries=%t.json -analyzer-output=text -verify cross-call.c
// Without the summaries there is nothing to connect the two functions:
// RUN: cd %S && %{analyze} -verify=none cross-call.c
// none-no-diagnostics
// With unix.Malloc on as well, still one report per bug:
// RUN: cd %S && %{analyze} -analyzer-checker=unix -analyzer-config cgo:Summaries=%t.json -analyzer-output=text -verify cross-call.c
// The plist (and SARIF) output carries both locations.
// RUN: cd %S && %{analyze} -analyzer-config cgo:Summaries=%t.json -analyzer-output=sarif -o %t.sarif cross-call.c
// RUN: FileCheck %s --check-prefix=SARIF < %t.sarif
// SARIF: "text": "Handed to Go in 'session_open' at cross-call.c:[[#OPEN:]] ($1->user, to Go export 'GoTrackSession'); 'GoUntrackSession', which releases it, is not called before this free"
// SARIF: "startLine": [[#OPEN]]

#include "Inputs/system-malloc.h"

struct session { void *user; int n; };
struct conn { void *peer; };
void GoTrackSession(void *p);
void GoUntrackSession(void *p);
void GoBorrowPeer(void *p);
static void *g_ctx;

// The hand-over: Go keeps u, and so does s->user.
void session_open(struct session *s, void *u) {
  s->user = u;
  GoTrackSession(u); // expected-note-re{{Handed to Go in 'session_open' at cross-call.c:{{[0-9]+}} ($1->user, to Go export 'GoTrackSession'); 'GoUntrackSession', which releases it, is not called before this free}}
                     // expected-note-re@-1{{Handed to Go in 'session_open' at cross-call.c:{{[0-9]+}} ($1->user, to Go export 'GoTrackSession'); 'GoUntrackSession', which releases it, is not called before this free}}
}

// The bug: freed while Go still holds it.
void session_close(struct session *s) {
  free(s->user); // expected-warning{{Memory is freed while Go still holds it: 'session_open' handed it to Go export 'GoTrackSession', which kept it (its 1st argument)}}
                 // expected-note@-1{{Memory is freed while Go still holds it: 'session_open' handed it to Go export 'GoTrackSession', which kept it (its 1st argument)}}
  s->user = NULL;
}
// Moved while Go still holds it.
void session_grow(struct session *s) {
  s->user = realloc(s->user, 64); // expected-warning{{Memory that Go still holds may be moved by 'realloc': 'session_open' handed it to Go export 'GoTrackSession', which kept it}}
                                  // expected-note@-1{{Memory that Go still holds may be moved by 'realloc'}}
}
// Twin: Go drops its reference first.
void session_close_properly(struct session *s) {
  GoUntrackSession(s->user);
  free(s->user); // no-warning
  s->user = NULL;
}
// Twin: the field was given a block of its own first.
void session_reset_user(struct session *s) {
  s->user = malloc(8);
  free(s->user); // no-warning
}
// Twin: a different struct, a field of another name.
void session_close_other(struct conn *c) {
  free(c->peer); // no-warning
}

// Twin: Go only borrows.
void conn_open(struct conn *c, void *p) {
  c->peer = p;
  GoBorrowPeer(p);
}
void conn_close(struct conn *c) {
  free(c->peer); // no-warning
}

// A global path.
void ctx_start(void) {
  g_ctx = malloc(16);
  GoTrackSession(g_ctx); // expected-note-re{{Handed to Go in 'ctx_start' at cross-call.c:{{[0-9]+}} (g_ctx, to Go export 'GoTrackSession'); 'GoUntrackSession', which releases it, is not called before this free}}
}
void ctx_stop(void) {
  free(g_ctx); // expected-warning{{Memory is freed while Go still holds it: 'ctx_start' handed it to Go export 'GoTrackSession'}}
               // expected-note@-1{{Memory is freed while Go still holds it}}
  g_ctx = NULL;
}
void ctx_stop_properly(void) {
  GoUntrackSession(g_ctx);
  free(g_ctx); // no-warning
  g_ctx = NULL;
}

// A hand-over where the function succeeds (its summary's to_go has the
// condition `$ret zero`) still counts for a later free.
struct pipe { void *buf; int busy; };
int pipe_open(struct pipe *p, void *u) {
  if (p->busy)
    return -1;
  p->buf = u;
  GoTrackSession(u); // expected-note-re{{Handed to Go in 'pipe_open' at cross-call.c:{{[0-9]+}} ($1->buf, to Go export 'GoTrackSession'); 'GoUntrackSession', which releases it, is not called before this free}}
  return 0;
}
void pipe_close(struct pipe *p) {
  free(p->buf); // expected-warning{{Memory is freed while Go still holds it: 'pipe_open' handed it to Go export 'GoTrackSession', which kept it (its 1st argument)}}
                // expected-note@-1{{Memory is freed while Go still holds it: 'pipe_open' handed it to Go export 'GoTrackSession', which kept it (its 1st argument)}}
}
