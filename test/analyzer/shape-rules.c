// The two shape rules (docs/summaries.md), each on its own switch, for
// functions with neither a body, a model nor a summary:
//   destructor-name    *_free, *_destroy, *_unref, *_release, *_close frees
//                      its first pointer parameter;
//   callback-userdata  a function pointer and, after it, a 'void *': that
//                      'void *' is kept.
// A model (even one with no effects) or a body silences the rule.
//
// DEFINE: %{analyze} = %clang_analyze_cgo -analyzer-checker=core,cgo -analyzer-output=text \
// DEFINE:   -analyzer-config 'cgo:Exports=GoRegister' -analyzer-config 'cgo:RetainingParams=GoRegister:1' \
// DEFINE:   -analyzer-config 'cgo:GoCalled=on_event;each_child;sort_items;register_first;own_register' \
// DEFINE:   -analyzer-config cgo:ShippedModels=false -analyzer-config cgo:Models=%S/Inputs/models/shape
// RUN: %{analyze} -analyzer-config cgo:ShapeDestructorName=true \
// RUN:   -analyzer-config cgo:ShapeCallbackUserdata=true -verify=dtor,cb %s
// Each switch alone:
// RUN: %{analyze} -analyzer-config cgo:ShapeDestructorName=true \
// RUN:   -analyzer-config cgo:ShapeCallbackUserdata=false -verify=dtor %s
// RUN: %{analyze} -analyzer-config cgo:ShapeDestructorName=false \
// RUN:   -analyzer-config cgo:ShapeCallbackUserdata=true -verify=cb %s
// Both off:
// RUN: %{analyze} -analyzer-config cgo:ShapeDestructorName=false \
// RUN:   -analyzer-config cgo:ShapeCallbackUserdata=false -verify=none %s
// none-no-diagnostics

struct widget;
void GoRegister(void *p);
void widget_destroy(struct widget *w);
void widget_close(struct widget *w); // modelled: frees nothing
void widget_unref(int flags, struct widget *w);
typedef void (*callback)(void *);
void widget_on_event(struct widget *w, callback cb, void *user_data);
void widget_each_child(struct widget *w, callback cb, void *payload); // modelled: keeps nothing
void sort(void *base, int n, int (*cmp)(const void *, const void *));
void register_first(void *data, callback cb);
void own_register(callback cb, void *data) { (void)cb; (void)data; }

// destructor-name
void destroy_held(struct widget *w) {
  GoRegister(w); // dtor-note{{'GoRegister' keeps its 1st argument 'p'}}
  widget_destroy(w); // dtor-warning{{Memory is freed while Go still holds it: Go export 'GoRegister' kept its 1st argument 'p'}}
                     // dtor-note@-1{{Memory is released by 'widget_destroy' (shape rule destructor-name)}}
                     // dtor-note@-2{{Memory is freed while Go still holds it}}
}
// The first pointer parameter, wherever it is.
void unref_held(struct widget *w) {
  GoRegister(w); // dtor-note{{'GoRegister' keeps its 1st argument 'p'}}
  widget_unref(0, w); // dtor-warning{{Memory is freed while Go still holds it}}
                      // dtor-note@-1{{Memory is released by 'widget_unref' (shape rule destructor-name)}}
                      // dtor-note@-2{{Memory is freed while Go still holds it}}
}
// No-warning: the model says widget_close frees nothing.
void close_held(struct widget *w) {
  GoRegister(w);
  widget_close(w); // no-warning
}

// callback-userdata
void on_event(struct widget *w, char *name) {
  widget_on_event(w, 0, name); // cb-note{{Passed to 'widget_on_event', which keeps its 3rd argument 'user_data' (shape rule callback-userdata)}}
} // cb-warning{{'on_event' keeps its 2nd argument 'name' in a call of 'widget_on_event', which keeps its 3rd argument 'user_data' (shape rule callback-userdata) after returning to Go, which may free it}}
  // cb-note@-1{{'on_event' keeps its 2nd argument 'name' in a call of 'widget_on_event'}}
// No-warning: the model says the payload is used during the call only.
void each_child(struct widget *w, char *payload) {
  widget_each_child(w, 0, payload);
} // no-warning
// No-warning: the 'void *' comes before the function pointer (qsort's shape).
void sort_items(void *items, int n) {
  sort(items, n, 0);
} // no-warning
void register_first(void *data, callback cb);
void call_register_first(char *p) { register_first(p, 0); } // no-warning
// No-warning: a function with a body is analysed, not guessed.
void own(char *p) { own_register(0, p); } // no-warning
