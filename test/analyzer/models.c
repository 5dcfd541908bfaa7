// Library models in the C-side checkers (docs/models.md): a modelled
// deallocator frees for cgo.FreedToGo and cgo.FreeWhileGoHolds, a modelled
// allocator allocates, a library that keeps Go's pointer is
// cgo.KeepsGoArgument; every note cites the model's file, line and page. A
// Go-called function that keeps Go's pointer in a heap block it returns to Go
// or hands to a keeping library keeps it too. A user's model overrides a
// shipped one; without the shipped models, their functions are unknown calls.
//
// DEFINE: %{facts} = \
// DEFINE:   -analyzer-config 'cgo:Exports=GoRegister;GoForget;GoUse' \
// DEFINE:   -analyzer-config 'cgo:RetainingParams=GoRegister:1' \
// DEFINE:   -analyzer-config 'cgo:ReleasingParams=GoForget:1' \
// DEFINE:   -analyzer-config 'cgo:GoCalled=idle_keep;idle_copy;busy_then_close;make_job;make_job_copy;idle_job;idle_job_copy;watch_then_unwatch;watch_other'
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,unix.DynamicMemoryModeling,cgo \
// DEFINE:   %{facts} -analyzer-output=text
//
// The shipped models (found beside the plugin, in the build tree) and the
// user's mylib.json:
// RUN: %{analyze} -analyzer-config cgo:Models=%S/Inputs/models/user/mylib.json \
// RUN:   -verify=expected,shipped %s
// The user's sqlite3.json says sqlite3_close frees nothing; it overrides the
// shipped entry (only that one: sqlite3_free still frees):
// RUN: %{analyze} -analyzer-config 'cgo:Models=%S/Inputs/models/user' \
// RUN:   -verify=expected,user %s
// No shipped models (and no shape rule): sqlite3_* and g_* are unknown
// functions.
// RUN: %{analyze} -analyzer-config cgo:ShippedModels=false \
// RUN:   -analyzer-config cgo:ShapeDestructorName=false \
// RUN:   -analyzer-config cgo:Models=%S/Inputs/models/user/mylib.json \
// RUN:   -verify=expected,none %s
// With unix.Malloc on as well, still one report per bug, ours:
// RUN: %{analyze} -analyzer-checker=unix -analyzer-config cgo:Models=%S/Inputs/models/user/mylib.json \
// RUN:   -verify=expected,shipped %s

#include "Inputs/system-malloc.h"

typedef struct sqlite3 sqlite3;
int sqlite3_close(sqlite3 *);
void *sqlite3_malloc(int);
void sqlite3_free(void *);
int sqlite3_busy_handler(sqlite3 *, int (*)(void *, int), void *);
typedef int (*GSourceFunc)(void *);
unsigned g_idle_add(GSourceFunc function, void *data);
struct mylib_buffer;
struct mylib_buffer *mylib_buffer_new(void);
void mylib_buffer_unref(struct mylib_buffer *b);
struct mylib { char *scratch; };
void mylib_reset(struct mylib *m);
struct watcher;
void mylib_watch(struct watcher *w, void *data);
void mylib_unwatch(struct watcher *w);

void GoRegister(void *p);
void GoForget(void *p);
void GoUse(void *p);

static int on_idle(void *d) { (void)d; return 0; }
static int on_busy(void *d, int n) { (void)d; return n; }
struct job { char *in; int n; };

// A modelled deallocator frees what Go holds.
void close_held(sqlite3 *db) {
  GoRegister(db); // shipped-note{{'GoRegister' keeps its 1st argument 'p': named in checker option 'cgo:RetainingParams'}}
  sqlite3_close(db); // shipped-warning{{Memory is freed while Go still holds it: Go export 'GoRegister' kept its 1st argument 'p'}}
                     // shipped-note-re@-1{{Memory is released by 'sqlite3_close' (model sqlite3.json:{{[0-9]+}}, https://www.sqlite.org/c3ref/close.html, where its result is 0)}}
                     // shipped-note@-2{{Memory is freed while Go still holds it}}
}
// No-warning: Go let go first.
void close_released(sqlite3 *db) {
  GoRegister(db);
  GoForget(db);
  sqlite3_close(db); // no-warning
}

// A modelled allocator and deallocator, and freed memory reaching Go.
void free_then_use(void) {
  char *p = sqlite3_malloc(8); // shipped-note-re{{Memory is allocated by 'sqlite3_malloc' (model sqlite3.json:{{[0-9]+}}, https://www.sqlite.org/c3ref/free.html)}}
                               // user-note-re@-1{{Memory is allocated by 'sqlite3_malloc' (model sqlite3.json:{{[0-9]+}}, https://www.sqlite.org/c3ref/free.html)}}
  sqlite3_free(p); // shipped-note-re{{Memory is released by 'sqlite3_free' (model sqlite3.json:{{[0-9]+}}, https://www.sqlite.org/c3ref/free.html)}}
                   // user-note-re@-1{{Memory is released by 'sqlite3_free' (model sqlite3.json:{{[0-9]+}}, https://www.sqlite.org/c3ref/free.html)}}
  GoUse(p); // shipped-warning{{Pointer to freed memory is passed to Go export 'GoUse' as its 1st argument 'p'}}
            // shipped-note@-1{{Pointer to freed memory is passed to Go export 'GoUse' as its 1st argument 'p'}}
            // user-warning@-2{{Pointer to freed memory is passed to Go export 'GoUse' as its 1st argument 'p'}}
            // user-note@-3{{Pointer to freed memory is passed to Go export 'GoUse' as its 1st argument 'p'}}
}
void use_then_free(void) {
  char *p = sqlite3_malloc(8);
  GoUse(p);
  sqlite3_free(p); // no-warning
}

// A user's model: an allocator with its own releaser, and a free of a field.
void user_model_frees(void) {
  struct mylib_buffer *b = mylib_buffer_new(); // expected-note-re{{Memory is allocated by 'mylib_buffer_new' (model mylib.json:{{[0-9]+}}, https://example.org/mylib/api.html#mylib_buffer_new)}}
  mylib_buffer_unref(b); // expected-note-re{{Memory is released by 'mylib_buffer_unref' (model mylib.json:{{[0-9]+}}, https://example.org/mylib/api.html#mylib_buffer_unref)}}
  GoUse(b); // expected-warning{{Pointer to freed memory is passed to Go export 'GoUse'}}
            // expected-note@-1{{Pointer to freed memory is passed to Go export 'GoUse'}}
}
void user_model_frees_field(struct mylib *m) {
  char *s = m->scratch;
  GoRegister(s); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  mylib_reset(m); // expected-warning{{Memory is freed while Go still holds it: Go export 'GoRegister' kept its 1st argument 'p'}}
                  // expected-note-re@-1{{Memory is released by 'mylib_reset' (model mylib.json:{{[0-9]+}}, https://example.org/mylib/api.html#mylib_reset)}}
                  // expected-note@-2{{Memory is freed while Go still holds it}}
}
void user_model_other_field(struct mylib *m, char *other) {
  GoRegister(other);
  mylib_reset(m); // no-warning
}

// A library that keeps Go's pointer (the model says so).
void idle_keep(char *p) {
  g_idle_add(on_idle, p); // shipped-note-re{{Passed to 'g_idle_add', which keeps its 2nd argument 'data' (model glib.json:{{[0-9]+}}, https://docs.gtk.org/glib/main-loop.html#memory-management-of-sources)}}
                          // user-note-re@-1{{Passed to 'g_idle_add', which keeps its 2nd argument 'data' (model glib.json:{{[0-9]+}}, https://docs.gtk.org/glib/main-loop.html#memory-management-of-sources)}}
} // shipped-warning-re{{'idle_keep' keeps its 1st argument 'p' in a call of 'g_idle_add', which keeps its 2nd argument 'data' (model glib.json:{{[0-9]+}}, {{.*}}) after returning to Go, which may free it}}
  // shipped-note-re@-1{{'idle_keep' keeps its 1st argument 'p' in a call of 'g_idle_add'{{.*}}}}
  // user-warning-re@-2{{'idle_keep' keeps its 1st argument 'p' in a call of 'g_idle_add'{{.*}}}}
  // user-note-re@-3{{'idle_keep' keeps its 1st argument 'p' in a call of 'g_idle_add'{{.*}}}}
// No-warning: the library gets a copy.
void idle_copy(char *p) {
  g_idle_add(on_idle, strdup(p));
} // no-warning
// No-warning: the keeping ends (its `until` call) before Go gets control.
void busy_then_close(sqlite3 *db, char *p) {
  sqlite3_busy_handler(db, on_busy, p);
  sqlite3_close(db);
} // no-warning
void watch_then_unwatch(struct watcher *w, char *p) {
  mylib_watch(w, p);
  mylib_unwatch(w);
} // no-warning
void watch_other(struct watcher *w, struct watcher *other, char *p) {
  mylib_watch(w, p); // expected-note-re{{Passed to 'mylib_watch', which keeps its 2nd argument 'data' (model mylib.json:{{[0-9]+}}, https://example.org/mylib/api.html#mylib_watch)}}
  mylib_unwatch(other);
} // expected-warning{{'watch_other' keeps its 3rd argument 'p' in a call of 'mylib_watch'}}
  // expected-note@-1{{'watch_other' keeps its 3rd argument 'p' in a call of 'mylib_watch'}}

// Keeping through the heap: Go's pointer in a block the function returns.
struct job *make_job(char *in) {
  struct job *j = malloc(sizeof *j); // expected-note{{Memory is allocated}}
  if (!j) // expected-note{{Assuming 'j' is non-null}}
          // expected-note@-1{{Taking false branch}}
    return NULL;
  j->in = in; // expected-note{{Go's pointer, its 1st argument 'in' of 'make_job', is stored here}}
  return j; // expected-warning{{'make_job' keeps its 1st argument 'in' in the heap block it returns to Go (field 'in') after returning to Go, which may free it}}
            // expected-note@-1{{'make_job' keeps its 1st argument 'in' in the heap block it returns to Go (field 'in')}}
}
struct job *make_job_copy(char *in) {
  struct job *j = malloc(sizeof *j);
  if (!j)
    return NULL;
  j->in = strdup(in);
  return j; // no-warning
}
// ... or hands to a library that keeps it.
void idle_job(char *in) {
  struct job *j = malloc(sizeof *j);
  if (!j) // shipped-note{{Assuming 'j' is non-null}}
          // shipped-note@-1{{Taking false branch}}
          // user-note@-2{{Assuming 'j' is non-null}}
          // user-note@-3{{Taking false branch}}
    return;
  j->in = in;
  g_idle_add(on_idle, j); // shipped-note-re{{Passed, in a heap block (field 'in'), to 'g_idle_add', which keeps its 2nd argument 'data' (model glib.json:{{[0-9]+}}, {{.*}})}}
                          // user-note-re@-1{{Passed, in a heap block (field 'in'), to 'g_idle_add'{{.*}}}}
} // shipped-warning{{'idle_job' keeps its 1st argument 'in' in a call of 'g_idle_add'}}
  // shipped-note@-1{{'idle_job' keeps its 1st argument 'in' in a call of 'g_idle_add'}}
  // user-warning@-2{{'idle_job' keeps its 1st argument 'in' in a call of 'g_idle_add'}}
  // user-note@-3{{'idle_job' keeps its 1st argument 'in' in a call of 'g_idle_add'}}
void idle_job_copy(char *in) {
  struct job *j = malloc(sizeof *j);
  if (!j)
    return;
  j->in = strdup(in);
  g_idle_add(on_idle, j);
} // no-warning
