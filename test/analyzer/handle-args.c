// A runtime/cgo.Handle (or another integer) that Go passes as a pointer is not
// Go's memory: C may keep it. Only the arguments the manifest's handle_args
// (or cgo:HandleArgs) name are exempt; the other pointer arguments of the same
// function, and the same function without the fact, are still checked.
//
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,unix,cgo -analyzer-output=text
// DEFINE: %{called} = -analyzer-config 'cgo:GoCalled=set_ud;set_ud_and_name;set_ctx;promised' \
// DEFINE:   -analyzer-config 'cgo:NoEscape=promised'
// RUN: %{analyze} -analyzer-config cgo:Manifest=%S/Inputs/manifest-handles.json -verify %s
// RUN: %{analyze} %{called} \
// RUN:   -analyzer-config 'cgo:HandleArgs=set_ud:1;set_ud_and_name:1;promised:1' -verify %s
// Without the facts every one of them is Go's pointer:
// RUN: %{analyze} %{called} -verify=without %s

void *g_ud;
char *g_name;

void set_ud(void *ud) {
  g_ud = ud; // no-warning
  // without-note@-1{{Go's pointer, its 1st argument 'ud' of 'set_ud', is stored here}}
} // without-warning{{'set_ud' keeps its 1st argument 'ud' in global 'g_ud' after returning to Go, which may free it}}
  // without-note@-1{{'set_ud' keeps its 1st argument 'ud' in global 'g_ud'}}

void set_ud_and_name(void *ud, char *name) {
  g_ud = ud; // no-warning
  // without-note@-1{{Go's pointer, its 1st argument 'ud' of 'set_ud_and_name', is stored here}}
  g_name = name; // expected-note{{Go's pointer, its 2nd argument 'name' of 'set_ud_and_name', is stored here}}
  // without-note@-1{{Go's pointer, its 2nd argument 'name' of 'set_ud_and_name', is stored here}}
} // expected-warning{{'set_ud_and_name' keeps its 2nd argument 'name' in global 'g_name' after returning to Go, which may free it}}
  // expected-note@-1{{'set_ud_and_name' keeps its 2nd argument 'name' in global 'g_name'}}
  // without-warning@-2{{'set_ud_and_name' keeps its 2nd argument 'name' in global 'g_name' after returning to Go, which may free it}}
  // without-note@-3{{'set_ud_and_name' keeps its 2nd argument 'name' in global 'g_name'}}
  // without-warning@-4{{'set_ud_and_name' keeps its 1st argument 'ud' in global 'g_ud' after returning to Go, which may free it}}
  // without-note@-5{{'set_ud_and_name' keeps its 1st argument 'ud' in global 'g_ud'}}

// Go passes a real pointer at least once: no handle fact, still reported.
void set_ctx(void *ctx) {
  g_ud = ctx; // expected-note{{Go's pointer, its 1st argument 'ctx' of 'set_ctx', is stored here}}
  // without-note@-1{{Go's pointer, its 1st argument 'ctx' of 'set_ctx', is stored here}}
} // expected-warning{{'set_ctx' keeps its 1st argument 'ctx' in global 'g_ud' after returning to Go, which may free it}}
  // expected-note@-1{{'set_ctx' keeps its 1st argument 'ctx' in global 'g_ud'}}
  // without-warning@-2{{'set_ctx' keeps its 1st argument 'ctx' in global 'g_ud' after returning to Go, which may free it}}
  // without-note@-3{{'set_ctx' keeps its 1st argument 'ctx' in global 'g_ud'}}

// A handle under `#cgo noescape` breaks no promise: it is not a Go pointer.
void promised(void *h) {
  g_ud = h; // no-warning
  // without-note@-1{{Go's pointer, its 1st argument 'h' of 'promised', is stored here}}
} // without-warning{{'promised' is declared '#cgo noescape' (checker option 'cgo:NoEscape') but stores its 1st argument 'h' in global 'g_ud'}}
  // without-note@-1{{'promised' is declared '#cgo noescape'}}
