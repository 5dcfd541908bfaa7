// Summaries of the package's other files (cgo:Summaries, as cgo-lifetime's
// second pass passes them) at calls of functions whose body this unit does
// not have: a release on every path counts, cited with where it was
// computed; one on some paths only does not; a computed summary overrides a
// shipped model (the package's own sqlite3_close frees nothing).
//
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,cgo -analyzer-output=text \
// DEFINE:   -analyzer-config 'cgo:Exports=GoRegister' -analyzer-config 'cgo:RetainingParams=GoRegister:1'
// RUN: %{analyze} -analyzer-config cgo:Summaries=%S/Inputs/summaries-other.json -verify %s
// Without the summaries these functions are unknown calls, and sqlite3_close is
// the shipped model's:
// RUN: %{analyze} -verify=none %s

struct rec { char *name; };
typedef struct sqlite3 sqlite3;
void GoRegister(void *p);
void other_drop(void *p);
void other_drop_name(struct rec *r);
void other_maybe_drop(void *p);
int sqlite3_close(sqlite3 *db);

void held_then_freed(void *p) {
  GoRegister(p); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  other_drop(p); // expected-warning{{Memory is freed while Go still holds it: Go export 'GoRegister' kept its 1st argument 'p'}}
                 // expected-note@-1{{Memory is released by 'other_drop' (summary computed from other.c:4)}}
                 // expected-note@-2{{Memory is freed while Go still holds it}}
}

// A deeper path: the block r->name had before the call.
void held_field_then_freed(struct rec *r) {
  GoRegister(r->name); // expected-note{{'GoRegister' keeps its 1st argument 'p'}}
  other_drop_name(r); // expected-warning{{Memory is freed while Go still holds it}}
                      // expected-note@-1{{Memory is released by 'other_drop_name' (summary computed from other.c:8)}}
                      // expected-note@-2{{Memory is freed while Go still holds it}}
}

void held_maybe_freed(void *p) {
  GoRegister(p);
  other_maybe_drop(p); // no-warning
}

void package_close(sqlite3 *db) {
  GoRegister(db); // none-note{{'GoRegister' keeps its 1st argument 'p'}}
  sqlite3_close(db); // no-warning (with the summaries)
                     // none-warning@-1{{Memory is freed while Go still holds it}}
                     // none-note-re@-2{{Memory is released by 'sqlite3_close' (model sqlite3.json:{{[0-9]+}}, {{.*}})}}
                     // none-note@-3{{Memory is freed while Go still holds it}}
}
