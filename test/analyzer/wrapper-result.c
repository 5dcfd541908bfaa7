// The cgo wrapper writes a Go-called function's result into Go's frame
// (`_cgo_a->r = _cgo_r;`). Usually the return inside the callee is reported
// first; when the callee's name is not the one the wrapper was generated for
// (a macro renames it), the wrapper's write is where freed memory reaches Go.
// The wrapper below is shaped like the ones `go tool cgo` writes in *.cgo2.c.
//
// RUN: %clang_analyze_cgo -analyzer-checker=core,cgo -analyzer-output=text -verify %s

#include "Inputs/system-malloc.h"

typedef struct { char *data; int len; } blob;

#define get_x get_x_impl
char *get_x_impl(void) {
  char *p = malloc(8); // expected-note{{Memory is allocated}}
  free(p); // expected-note{{Memory is released}}
  return p;
}

void _cgo_0123456789ab_Cfunc_get_x(void *v) {
  struct {
    char *r;
  } __attribute__((__packed__)) *_cgo_a = v;
  char *_cgo_r;
  _cgo_r = get_x(); // expected-note{{Calling 'get_x_impl'}} expected-note{{Returning from 'get_x_impl'}}
  _cgo_a->r = _cgo_r; // expected-warning{{Pointer to freed memory is returned to Go by cgo wrapper '_cgo_0123456789ab_Cfunc_get_x'}}
                      // expected-note@-1{{Pointer to freed memory is returned to Go by cgo wrapper '_cgo_0123456789ab_Cfunc_get_x'}}
}

#define get_b get_b_impl
blob get_b_impl(void) {
  blob b = {malloc(4), 4}; // expected-note{{Memory is allocated}}
  free(b.data); // expected-note{{Memory is released}}
  return b;
}

void _cgo_0123456789ab_Cfunc_get_b(void *v) {
  struct {
    blob r;
  } __attribute__((__packed__)) *_cgo_a = v;
  blob _cgo_r;
  _cgo_r = get_b(); // expected-note{{Calling 'get_b_impl'}} expected-note{{Returning from 'get_b_impl'}}
  _cgo_a->r = _cgo_r; // expected-warning{{Pointer to freed memory is returned to Go by cgo wrapper '_cgo_0123456789ab_Cfunc_get_b' (in field 'data')}}
                      // expected-note@-1{{Pointer to freed memory is returned to Go by cgo wrapper '_cgo_0123456789ab_Cfunc_get_b' (in field 'data')}}
}

#define get_ok get_ok_impl
char *get_ok_impl(void) { return malloc(8); }

void _cgo_0123456789ab_Cfunc_get_ok(void *v) {
  struct {
    char *r;
  } __attribute__((__packed__)) *_cgo_a = v;
  char *_cgo_r;
  _cgo_r = get_ok();
  _cgo_a->r = _cgo_r; // no-warning
}

// Not a cgo wrapper: an ordinary struct with a field named r.
struct pair { char *r; };
void not_a_wrapper(struct pair *out) {
  char *p = malloc(8);
  free(p);
  out->r = p; // no-warning
}
