// Every member of a version-1 manifest reaches the checkers.
//
// RUN: %clang_analyze_cgo -analyzer-checker=core,cgo \
// RUN:   -analyzer-config cgo:Manifest=%S/Inputs/manifest-full.json \
// RUN:   -analyzer-output=text -verify %s

typedef __typeof__(sizeof(int)) size_t;
void *pool_alloc(size_t n);
void pool_free(int flags, void *p);

void GoRegister(void *p);
void GoForget(void *p);
void GoPeek(void *p);

char *g_cache;

void held_then_pool_free(void) {
  void *p = pool_alloc(8); // expected-note{{Memory is allocated by 'pool_alloc'}}
  GoRegister(p); // expected-note{{'GoRegister' keeps its 1st argument 'p': Go escape analysis reports 'leaking param: p' at main.go:18}}
  pool_free(0, p); // expected-warning{{Memory is freed while Go still holds it: Go export 'GoRegister' kept its 1st argument 'p'}}
                   // expected-note@-1{{Memory is freed while Go still holds it}}
}

char *get_buf(void) {
  char *b = pool_alloc(8); // expected-note{{Memory is allocated by 'pool_alloc'}}
  pool_free(0, b); // expected-note{{Memory is released by 'pool_free'}}
  return b; // expected-warning{{'get_buf' returns a pointer to freed memory to Go (Go calls C.get_buf at main.go:40)}}
            // expected-note@-1{{'get_buf' returns a pointer to freed memory to Go}}
}

void drop_cache(void) {
  pool_free(0, g_cache); // expected-note{{Memory is released by 'pool_free'}}
} // expected-warning{{Go-read global 'g_cache' holds a pointer to freed memory when control returns to the caller (Go reads C.g_cache at main.go:44)}}
  // expected-note@-1{{Go-read global 'g_cache' holds a pointer to freed memory}}

char *g_owner;
void set_owner(char *name) {
  g_owner = name;
} // no-warning

void borrowed(void) {
  void *p = pool_alloc(8);
  GoPeek(p);
  pool_free(0, p); // no-warning
}

void released(void) {
  void *p = pool_alloc(8);
  GoRegister(p);
  GoForget(p);
  pool_free(0, p); // no-warning
}
