// cgo.NoEscapePromise and cgo.NoCallbackPromise: the C side of the promises
// a package makes with `#cgo noescape` and `#cgo nocallback` (Go 1.24+).
//
// RUN: %clang_analyze_cgo -analyzer-checker=core,cgo \
// RUN:   -analyzer-config cgo:Manifest=%S/Inputs/manifest-promises.json \
// RUN:   -analyzer-config 'cgo:Exports=GoNotify;GoSee' \
// RUN:   -analyzer-output=text -verify %s

void GoNotify(int event);
void GoSee(char *p);

struct state { char *last; int n; };
struct state g_state;
struct state *g_ctx;
char *last_buf;

// --- #cgo noescape ------------------------------------------------------------

int hash_update(char *buf, int n) {
  int h = 0;
  for (int i = 0; i < n && i < 4; i++)
    h += buf[i];
  return h; // no-warning: uses the buffer only during the call
}

void hash_keep(char *buf) {
  last_buf = buf; // expected-note{{Go's pointer, its 1st argument 'buf' of 'hash_keep', is stored here}}
} // expected-warning{{'hash_keep' is declared '#cgo noescape' at crypto.go:9 but stores its 1st argument 'buf' in global 'last_buf'}}
  // expected-note@-1{{'hash_keep' is declared '#cgo noescape' at crypto.go:9 but stores its 1st argument 'buf' in global 'last_buf'}}

void hash_keep_in_struct(int n, char *buf) {
  g_state.last = buf + n; // expected-note{{Go's pointer, its 2nd argument 'buf' of 'hash_keep_in_struct', is stored here}}
} // expected-warning{{'hash_keep_in_struct' is declared '#cgo noescape' at crypto.go:10 but stores its 2nd argument 'buf' in global 'g_state.last'}}
  // expected-note@-1{{'hash_keep_in_struct' is declared '#cgo noescape'}}

void hash_keep_in_ctx(char *buf) {
  g_ctx->last = buf; // expected-note{{Go's pointer, its 1st argument 'buf' of 'hash_keep_in_ctx', is stored here}}
} // expected-warning{{'hash_keep_in_ctx' is declared '#cgo noescape' at crypto.go:11 but stores its 1st argument 'buf' in memory reachable from global 'g_ctx'}}
  // expected-note@-1{{'hash_keep_in_ctx' is declared '#cgo noescape'}}

char *hash_return(char *buf) {
  return buf + 1; // expected-warning{{'hash_return' is declared '#cgo noescape' at crypto.go:12 but returns its 1st argument 'buf'}}
                  // expected-note@-1{{'hash_return' is declared '#cgo noescape' at crypto.go:12 but returns its 1st argument 'buf'}}
}

void hash_to_go(char *buf) {
  GoSee(buf); // expected-warning{{'hash_to_go' is declared '#cgo noescape' at crypto.go:13 but passes its 1st argument 'buf' to Go export 'GoSee'}}
              // expected-note@-1{{'hash_to_go' is declared '#cgo noescape' at crypto.go:13 but passes its 1st argument 'buf' to Go export 'GoSee'}}
}

void hash_cleared(char *buf) {
  last_buf = buf;
  GoNotify(0);
  last_buf = 0;
} // no-warning: nothing is kept when it returns

// A promise on a function the package never calls: the body is still held
// to it (cgo itself rejects such a directive since Go 1.24).
void never_called(char *buf) {
  g_state.last = buf; // expected-note{{Go's pointer, its 1st argument 'buf' of 'never_called', is stored here}}
} // expected-warning{{'never_called' is declared '#cgo noescape' at crypto.go:14 but stores its 1st argument 'buf' in global 'g_state.last'}}
  // expected-note@-1{{'never_called' is declared '#cgo noescape'}}

// --- #cgo nocallback ----------------------------------------------------------

int fast_sum(int a, int b) {
  return a + b; // no-warning
}

void fast_notify(int e) {
  if (e) // expected-note{{Assuming 'e' is not equal to 0}} expected-note{{Taking true branch}}
    GoNotify(e); // expected-warning{{'fast_notify' is declared '#cgo nocallback' at fast.go:7 but calls Go export 'GoNotify'}}
                 // expected-note@-1{{'fast_notify' is declared '#cgo nocallback' at fast.go:7 but calls Go export 'GoNotify'}}
}

static void report_progress(int done) {
  GoNotify(done); // expected-warning{{'fast_loop' is declared '#cgo nocallback' at fast.go:8 but calls Go export 'GoNotify' through 'report_progress'}}
                  // expected-note@-1{{'fast_loop' is declared '#cgo nocallback' at fast.go:8 but calls Go export 'GoNotify' through 'report_progress'}}
}

void fast_loop(void) {
  report_progress(1); // expected-note{{Calling 'report_progress'}}
}

// Without a promise, calling back into Go is fine.
void slow_notify(int e) {
  GoNotify(e); // no-warning
}
