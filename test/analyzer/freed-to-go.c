// cgo.FreedToGo: a pointer to freed C memory reaches Go.
//
// DEFINE: %{facts} = \
// DEFINE:   -analyzer-config 'cgo:Exports=GoUse;GoUseBlob' \
// DEFINE:   -analyzer-config 'cgo:GoCalled=get_buf;get_blob;fill;fill_blob;reset_cache;clear_names;get_fresh;fill_cleared' \
// DEFINE:   -analyzer-config 'cgo:GoGlobals=g_cache;g_names'
// RUN: %clang_analyze_cgo -analyzer-checker=core,cgo.FreedToGo %{facts} \
// RUN:   -analyzer-output=text -verify %s
// With unix.Malloc also on: still one report per bug, the cgo one; unix.Malloc
// keeps reporting the plain C use-after-free that does not involve Go.
// LLVM 14 only (malloc14): its unix.Malloc also reports freeing the old block
// after a failed realloc, a false positive that our split of the path at the
// realloc (before unix.Malloc models it) brings out; 15 and newer do not
// (docs/integrations/llvm-versions.md).
// RUN: %clang_analyze_cgo -analyzer-checker=core,unix.Malloc,cgo.FreedToGo %{facts} \
// RUN:   -analyzer-output=text -verify=expected,malloc%if llvm-14 %{,malloc14%} %s

#include "Inputs/system-malloc.h"
#include "Inputs/go-visible-types.h"
struct holder { int tag; char inline_buf[8]; char *ptr; };

void GoUse(void *p);
void GoUseBlob(blob b);

// --- Arguments of Go exports ---------------------------------------------------

void arg_freed(void) {
  char *p = malloc(16); // expected-note{{Memory is allocated}}
  free(p); // expected-note{{Memory is released}}
  GoUse(p); // expected-warning{{Pointer to freed memory is passed to Go export 'GoUse' as its 1st argument 'p'}}
            // expected-note@-1{{Pointer to freed memory is passed to Go export 'GoUse'}}
}

void arg_interior(void) {
  char *p = malloc(16); // expected-note{{Memory is allocated}}
  free(p); // expected-note{{Memory is released}}
  GoUse(p + 8); // expected-warning{{Pointer to freed memory is passed to Go export 'GoUse' as its 1st argument 'p'}}
                // expected-note@-1{{Pointer to freed memory is passed to Go export 'GoUse'}}
}

void arg_field_address(void) {
  struct holder *h = malloc(sizeof *h); // expected-note{{Memory is allocated}}
  free(h); // expected-note{{Memory is released}}
  GoUse(&h->ptr); // expected-warning{{Pointer to freed memory is passed to Go export 'GoUse'}}
                  // expected-note@-1{{Pointer to freed memory is passed to Go export 'GoUse'}}
}

void arg_in_struct_by_value(void) {
  blob b;
  b.data = malloc(4); // expected-note{{Memory is allocated}}
  b.len = 4;
  free(b.data); // expected-note{{Memory is released}}
  GoUseBlob(b); // expected-warning{{Pointer to freed memory is passed to Go export 'GoUseBlob' as its 1st argument 'b' (in field 'data')}}
                // expected-note@-1{{Pointer to freed memory is passed to Go export 'GoUseBlob'}}
}

void arg_after_realloc(void) {
  char *p = malloc(4); // expected-note{{Memory is allocated}} malloc14-note{{Memory is allocated}}
  char *q = realloc(p, 64); // expected-note{{Memory is reallocated; the old block is released}} malloc14-note{{Memory is released}}
  if (!q) { // expected-note-re{{{{(Assuming )?}}'q' is non-null}} expected-note{{Taking false branch}} malloc14-note{{'q' is null}} malloc14-note{{Taking true branch}}
    free(p); // malloc14-warning{{Attempt to free released memory}} malloc14-note{{Attempt to free released memory}}
    return;
  }
  GoUse(p); // expected-warning{{Pointer to freed memory is passed to Go export 'GoUse'}}
            // expected-note@-1{{Pointer to freed memory is passed to Go export 'GoUse'}}
}

// --- Results of Go-called C functions ----------------------------------------

char *get_buf(int fail) {
  char *b = malloc(32); // expected-note{{Memory is allocated}}
  if (fail) { // expected-note{{Assuming 'fail' is not equal to 0}} expected-note{{Taking true branch}}
    free(b); // expected-note{{Memory is released}}
    return b; // expected-warning{{'get_buf' returns a pointer to freed memory to Go (named in checker option 'cgo:GoCalled')}}
              // expected-note@-1{{'get_buf' returns a pointer to freed memory to Go}}
  }
  return b;
}

blob get_blob(void) {
  blob b = {malloc(8), 8}; // expected-note{{Memory is allocated}}
  free(b.data); // expected-note{{Memory is released}}
  return b; // expected-warning{{'get_blob' returns a pointer to freed memory to Go (in field 'data')}}
            // expected-note@-1{{'get_blob' returns a pointer to freed memory to Go (in field 'data')}}
}

void fill(char **out) {
  char *p = malloc(8); // expected-note{{Memory is allocated}}
  *out = p;
  free(p); // expected-note{{Memory is released}}
} // expected-warning{{'fill' leaves a pointer to freed memory in '*out' (its 1st argument 'out'), which Go reads}}
  // expected-note@-1{{'fill' leaves a pointer to freed memory in '*out'}}

void fill_blob(blob *out) {
  out->data = malloc(8); // expected-note{{Memory is allocated}}
  free(out->data); // expected-note{{Memory is released}}
} // expected-warning{{'fill_blob' leaves a pointer to freed memory in '*out.data' (its 1st argument 'out'), which Go reads}}
  // expected-note@-1{{'fill_blob' leaves a pointer to freed memory}}

// --- Globals that Go reads ---------------------------------------------------

char *g_cache;
char *g_names[4];

void reset_cache(void) {
  free(g_cache); // expected-note{{Memory is released}}
} // expected-warning{{Go-read global 'g_cache' holds a pointer to freed memory when control returns to Go (named in checker option 'cgo:GoGlobals')}}
  // expected-note@-1{{Go-read global 'g_cache' holds a pointer to freed memory}}

void clear_names(void) {
  g_names[1] = strdup("b"); // expected-note{{Memory is allocated}}
  free(g_names[1]); // expected-note{{Memory is released}}
} // expected-warning{{Go-read global 'g_names[1]' holds a pointer to freed memory when control returns to Go}}
  // expected-note@-1{{Go-read global 'g_names[1]' holds a pointer to freed memory}}

void global_then_callback(void) {
  char *p = malloc(8); // expected-note{{Memory is allocated}}
  g_cache = p;
  free(p); // expected-note{{Memory is released}}
  GoUse(NULL); // expected-warning{{Go-read global 'g_cache' holds a pointer to freed memory when Go export 'GoUse' is called}}
               // expected-note@-1{{Go-read global 'g_cache' holds a pointer to freed memory}}
  g_cache = NULL;
}

// --- What must stay silent ---------------------------------------------------

void set_to_null_before_go(void) {
  char *p = malloc(8);
  free(p);
  p = NULL;
  GoUse(p); // no-warning
}

void reassigned_before_go(void) {
  char *p = malloc(8);
  free(p);
  p = malloc(8);
  GoUse(p); // no-warning
  free(p);
}

char *get_fresh(void) {
  char *b = malloc(8);
  char *old = b;
  free(old);
  b = malloc(8);
  return b; // no-warning
}

void fill_cleared(char **out) {
  char *p = malloc(8);
  *out = p;
  free(p);
  *out = NULL;
} // no-warning

void global_cleared(void) {
  free(g_cache);
  g_cache = NULL;
} // no-warning

// A C function that Go does not call: returning freed memory to C is
// unix.Malloc's business, not a cgo report.
char *internal_helper(void) {
  char *b = malloc(8); // malloc-note{{Memory is allocated}}
  free(b); // malloc-note{{Memory is released}}
  return b; // malloc-warning{{Use of memory after it is freed}} malloc-note{{Use of memory after it is freed}}
}
