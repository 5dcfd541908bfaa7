#define _GNU_SOURCE
#include "summaries.h"

#include "json.h"
#include "sha256.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct sum_function {
  char *name;
  char *location;
  bool go_called;
  json_value **effects; /* objects, owned */
  size_t neffects, cap;
  size_t *units; /* the units that define it */
  size_t nunits;
} sum_function;

struct cl_summaries {
  sum_function *fns;
  size_t len, cap;
};

cl_summaries *cl_summaries_new(void) { return cb_xcalloc(1, sizeof(cl_summaries)); }

void cl_summaries_free(cl_summaries *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->len; i++) {
    sum_function *f = &s->fns[i];
    free(f->name);
    free(f->location);
    for (size_t k = 0; k < f->neffects; k++)
      json_free(f->effects[k]);
    free(f->effects);
    free(f->units);
  }
  free(s->fns);
  free(s);
}

static const char *str(const json_value *obj, const char *key) {
  const char *v = json_get_string(obj, key);
  return v ? v : "";
}

static sum_function *function_named(cl_summaries *s, const char *name) {
  for (size_t i = 0; i < s->len; i++)
    if (strcmp(s->fns[i].name, name) == 0)
      return &s->fns[i];
  if (s->len == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 64;
    s->fns = cb_xrealloc(s->fns, s->cap * sizeof *s->fns);
  }
  sum_function *f = &s->fns[s->len++];
  memset(f, 0, sizeof *f);
  f->name = cb_xstrdup(name);
  return f;
}

/* What makes two effects the same fact (everything but `when` and the
 * source). */
static char *effect_key(const json_value *e) {
  const json_value *param = json_get(e, "param");
  const json_value *retained = json_get(e, "retained");
  return cb_xasprintf("%s|%s|%s|%s|%s|%s|%g|%d", str(e, "effect"), str(e, "path"), str(e, "out"),
                      str(e, "ownership"), str(e, "where"), str(e, "export"),
                      param && param->kind == JSON_NUMBER ? param->number : 0.0,
                      retained && retained->kind == JSON_BOOL && retained->boolean);
}

/* Replaces member key of obj by value (taking it), or adds it. */
static void set_member(json_value *obj, const char *key, json_value *value) {
  for (size_t i = 0; i < obj->len; i++)
    if (strcmp(obj->members[i].key, key) == 0) {
      json_free(obj->members[i].value);
      obj->members[i].value = value;
      return;
    }
  json_object_add(obj, key, value);
}

/* Is source a earlier than source b (file, then line)? */
static bool earlier(const json_value *a, const json_value *b) {
  int c = strcmp(str(a, "file"), str(b, "file"));
  long la = 0, lb = 0;
  json_get_int(a, "line", &la);
  json_get_int(b, "line", &lb);
  return c < 0 || (c == 0 && la < lb);
}

static void add_effect(sum_function *f, json_value *e) {
  char *key = effect_key(e);
  for (size_t i = 0; i < f->neffects; i++) {
    char *other = effect_key(f->effects[i]);
    bool same = strcmp(key, other) == 0;
    free(other);
    if (!same)
      continue;
    json_value *old = f->effects[i];
    if (strcmp(str(e, "when"), "maybe") == 0)
      set_member(old, "when", json_new_string("maybe"));
    const json_value *src = json_get(e, "source"), *old_src = json_get(old, "source");
    if (src && old_src && earlier(src, old_src)) {
      /* Take the earlier source from e. */
      for (size_t m = 0; m < e->len; m++)
        if (strcmp(e->members[m].key, "source") == 0) {
          set_member(old, "source", e->members[m].value);
          e->members[m].value = NULL;
        }
    }
    json_free(e);
    free(key);
    return;
  }
  free(key);
  if (f->neffects == f->cap) {
    f->cap = f->cap ? 2 * f->cap : 4;
    f->effects = cb_xrealloc(f->effects, f->cap * sizeof *f->effects);
  }
  f->effects[f->neffects++] = e;
}

bool cl_summaries_add_file(cl_summaries *s, const char *path, size_t unit, cb_error *err) {
  if (!cb_file_exists(path))
    return true;
  char *text = NULL;
  size_t len = 0;
  if (!cb_read_file(path, &text, &len, err))
    return false;
  json_value *doc = json_parse(text, len, err);
  free(text);
  json_value *fns = doc ? json_get_array(doc, "functions") : NULL;
  if (!fns) {
    json_free(doc);
    return cb_fail(err, "%s is not a summaries file of the plugin", path);
  }
  for (size_t i = 0; i < fns->len; i++) {
    json_value *fn = fns->items[i];
    const char *name = json_get_string(fn, "name");
    json_value *effects = json_get_array(fn, "effects");
    if (!name || !effects)
      continue;
    sum_function *f = function_named(s, name);
    if (!f->location && json_get_string(fn, "location"))
      f->location = cb_xstrdup(json_get_string(fn, "location"));
    const json_value *gc = json_get(fn, "go_called");
    f->go_called |= gc && gc->kind == JSON_BOOL && gc->boolean;
    bool known = false;
    for (size_t u = 0; u < f->nunits; u++)
      known |= f->units[u] == unit;
    if (!known) {
      f->units = cb_xrealloc(f->units, (f->nunits + 1) * sizeof *f->units);
      f->units[f->nunits++] = unit;
    }
    for (size_t k = 0; k < effects->len; k++) {
      add_effect(f, effects->items[k]);
      effects->items[k] = NULL;
    }
  }
  json_free(doc);
  return true;
}

/*---- Access paths ----------------------------------------------------------*/

/* An access path split into its parts: "*$2->a[1]" is deref, root "$2",
 * selectors "->a[1]". */
typedef struct path_parts {
  bool deref;
  char root[128];
  const char *selectors;
} path_parts;

static bool split_path(const char *path, path_parts *p) {
  p->deref = path[0] == '*';
  if (p->deref)
    path++;
  size_t n = strcspn(path, "-.[");
  if (n == 0 || n >= sizeof p->root)
    return false;
  memcpy(p->root, path, n);
  p->root[n] = 0;
  p->selectors = path + n;
  return true;
}

static bool is_param_root(const char *root) {
  return root[0] == '$' && root[1] >= '1' && root[1] <= '9';
}

/* Do two paths name the same storage: the same selectors from a parameter of
 * the same type, or from the same global? */
static bool same_storage(const char *a, const char *type_a, const char *b, const char *type_b) {
  path_parts pa, pb;
  if (!split_path(a, &pa) || !split_path(b, &pb) || pa.deref != pb.deref ||
      strcmp(pa.selectors, pb.selectors) != 0)
    return false;
  if (is_param_root(pa.root) && is_param_root(pb.root))
    return type_a[0] && strcmp(type_a, type_b) == 0;
  if (is_param_root(pa.root) || is_param_root(pb.root) || pa.root[0] == '$' ||
      pb.root[0] == '$' || strcmp(pa.root, "library") == 0)
    return false;
  return strcmp(pa.root, pb.root) == 0;
}

static bool is_release(const json_value *e) {
  const char *k = str(e, "effect");
  return strcmp(k, "frees") == 0 || strcmp(k, "moves") == 0;
}

/*---- invalidated_by --------------------------------------------------------*/

static int compare_calls(const void *pa, const void *pb) {
  const json_value *a = *(const json_value *const *)pa, *b = *(const json_value *const *)pb;
  int c = strcmp(str(a, "name"), str(b, "name"));
  if (c)
    return c;
  long x = 0, y = 0;
  json_get_int(a, "arg", &x);
  json_get_int(b, "arg", &y);
  return x < y ? -1 : x > y;
}

static bool has_call(const json_value *list, const char *name, long arg) {
  for (size_t i = 0; list && i < list->len; i++) {
    long a = -1;
    json_get_int(list->items[i], "arg", &a);
    if (strcmp(str(list->items[i], "name"), name) == 0 && a == arg)
      return true;
  }
  return false;
}

void cl_summaries_link(cl_summaries *s) {
  for (size_t r = 0; r < s->len; r++) {
    sum_function *ret = &s->fns[r];
    for (size_t k = 0; k < ret->neffects; k++) {
      json_value *e = ret->effects[k];
      if (strcmp(str(e, "effect"), "returns") != 0 || strcmp(str(e, "ownership"), "borrowed") != 0)
        continue;
      json_value *list = json_get_array(e, "invalidated_by");
      bool fresh_list = list == NULL;
      if (fresh_list)
        list = json_new_array();
      for (size_t f = 0; f < s->len; f++) {
        const sum_function *rel = &s->fns[f];
        for (size_t m = 0; m < rel->neffects; m++) {
          const json_value *x = rel->effects[m];
          if (!is_release(x) || !same_storage(str(e, "path"), str(e, "root_type"), str(x, "path"),
                                              str(x, "root_type")))
            continue;
          path_parts p;
          split_path(str(x, "path"), &p);
          long arg = is_param_root(p.root) ? strtol(p.root + 1, NULL, 10) : 0;
          if (has_call(list, rel->name, arg))
            continue;
          json_value *call = json_new_object();
          json_object_add(call, "name", json_new_string(rel->name));
          json_object_add(call, "arg", json_new_int(arg));
          json_array_add(list, call);
        }
      }
      if (list->len > 1)
        qsort(list->items, list->len, sizeof *list->items, compare_calls);
      if (fresh_list && list->len == 0)
        json_free(list);
      else if (fresh_list)
        set_member(e, "invalidated_by", list);
    }
  }
}

/*---- The second pass -------------------------------------------------------*/

/* A retained hand-over to Go that C storage still reaches. */
static bool is_storage_hold(const sum_function *f, const json_value *e) {
  const json_value *retained = json_get(e, "retained");
  path_parts p;
  if (!f->go_called || strcmp(str(e, "effect"), "to_go") != 0 || !retained ||
      retained->kind != JSON_BOOL || !retained->boolean || !split_path(str(e, "path"), &p) ||
      p.deref || strstr(p.selectors, "[*]"))
    return false;
  if (is_param_root(p.root))
    return p.selectors[0] && str(e, "root_type")[0];
  return p.root[0] != '$';
}

size_t cl_summaries_rerun_units(const cl_summaries *s, bool *rerun, size_t nunits) {
  size_t marked = 0;
  for (size_t f = 0; f < s->len; f++) {
    const sum_function *frees = &s->fns[f];
    if (!frees->go_called)
      continue;
    bool hit = false;
    for (size_t m = 0; m < frees->neffects && !hit; m++) {
      const json_value *x = frees->effects[m];
      if (!is_release(x))
        continue;
      for (size_t g = 0; g < s->len && !hit; g++)
        for (size_t k = 0; k < s->fns[g].neffects && !hit; k++) {
          const json_value *h = s->fns[g].effects[k];
          hit = is_storage_hold(&s->fns[g], h) &&
                same_storage(str(h, "path"), str(h, "root_type"), str(x, "path"),
                             str(x, "root_type"));
        }
    }
    for (size_t u = 0; hit && u < frees->nunits; u++)
      if (frees->units[u] < nunits && !rerun[frees->units[u]]) {
        rerun[frees->units[u]] = true;
        marked++;
      }
  }
  return marked;
}

/*---- Inputs ----------------------------------------------------------------*/

/* Does a Go file import "C"? */
static bool imports_c(const char *path) {
  char *text = NULL;
  cb_error ignored;
  if (!cb_read_file(path, &text, NULL, &ignored))
    return false;
  bool found = false;
  for (const char *p = text; *p && !found; p = cb_next_line(p)) {
    const char *q = p + strspn(p, " \t");
    if (cb_starts_with(q, "import"))
      q += strlen("import") + strspn(q + strlen("import"), " \t");
    found = cb_starts_with(q, "\"C\"");
  }
  free(text);
  return found;
}

void cl_summary_inputs(const cb_strlist *package_dirs, cb_strlist *out) {
  for (size_t d = 0; d < package_dirs->len; d++) {
    DIR *dh = opendir(package_dirs->items[d]);
    if (!dh)
      continue;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
      const char *n = e->d_name;
      if (n[0] == '.' || !(cb_ends_with(n, ".c") || cb_ends_with(n, ".h") || cb_ends_with(n, ".go")))
        continue;
      char *path = cb_path_join(package_dirs->items[d], n);
      struct stat st;
      if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
          (!cb_ends_with(n, ".go") || imports_c(path)) && !cb_strlist_contains(out, path))
        cb_strlist_push(out, path);
      free(path);
    }
    closedir(dh);
  }
  cb_strlist_sort(out);
}

/*---- Writing ---------------------------------------------------------------*/

/* A value on one line: `{ "name": "x", "arg": 1 }`. */
static void write_compact(const json_value *v, cb_buf *b) {
  switch (v->kind) {
  case JSON_NULL:
    cb_buf_puts(b, "null");
    break;
  case JSON_BOOL:
    cb_buf_puts(b, v->boolean ? "true" : "false");
    break;
  case JSON_NUMBER:
    if (v->number == floor(v->number) && fabs(v->number) < 1e15)
      cb_buf_printf(b, "%.0f", v->number);
    else
      cb_buf_printf(b, "%.17g", v->number);
    break;
  case JSON_STRING:
    json_write_string(v->string, b);
    break;
  case JSON_ARRAY:
    cb_buf_putc(b, '[');
    for (size_t i = 0; i < v->len; i++) {
      if (i)
        cb_buf_puts(b, ", ");
      write_compact(v->items[i], b);
    }
    cb_buf_putc(b, ']');
    break;
  case JSON_OBJECT:
    cb_buf_puts(b, v->len ? "{ " : "{");
    for (size_t i = 0; i < v->len; i++) {
      if (i)
        cb_buf_puts(b, ", ");
      json_write_string(v->members[i].key, b);
      cb_buf_puts(b, ": ");
      write_compact(v->members[i].value, b);
    }
    cb_buf_puts(b, v->len ? " }" : "}");
    break;
  }
}

/* One effect, its members in the schema's order, the source on a line of
 * its own (as the plugin writes it). */
static char *effect_text(const json_value *e) {
  static const char *const order[] = {"effect", "ownership", "path", "when", "out",
                                      "release_with", "invalidated_by", "where", "until",
                                      "export", "param", "retained", "root_type", NULL};
  cb_buf b = {0};
  cb_buf_puts(&b, "{ ");
  bool first = true;
  for (size_t i = 0; order[i]; i++) {
    const json_value *v = json_get(e, order[i]);
    if (!v)
      continue;
    if (!first)
      cb_buf_puts(&b, ", ");
    first = false;
    json_write_string(order[i], &b);
    cb_buf_puts(&b, ": ");
    write_compact(v, &b);
  }
  const json_value *src = json_get(e, "source");
  if (src) {
    cb_buf_puts(&b, ",\n          \"source\": ");
    write_compact(src, &b);
  }
  cb_buf_puts(&b, " }");
  return cb_buf_take(&b);
}

typedef struct sorted_effect {
  const json_value *e;
  char *text;
} sorted_effect;

static int compare_effects(const void *pa, const void *pb) {
  const sorted_effect *a = pa, *b = pb;
  const char *keys[] = {"effect", "path", "out"};
  for (size_t i = 0; i < 3; i++) {
    int c = strcmp(str(a->e, keys[i]), str(b->e, keys[i]));
    if (c)
      return c;
  }
  return strcmp(a->text, b->text);
}

static int compare_functions(const void *pa, const void *pb) {
  return strcmp((*(const sum_function *const *)pa)->name, (*(const sum_function *const *)pb)->name);
}

static bool write_inputs(const cb_strlist *inputs, cb_buf *b, cb_error *err) {
  cb_buf_puts(b, ",\n  \"inputs\": [");
  for (size_t i = 0; i < inputs->len; i++) {
    char *data = NULL;
    size_t len = 0;
    if (!cb_read_file(inputs->items[i], &data, &len, err))
      return false;
    cl_sha256 h;
    char hex[65];
    cl_sha256_init(&h);
    cl_sha256_update(&h, data, len);
    cl_sha256_hex(&h, hex);
    free(data);
    cb_buf_puts(b, i ? ",\n    { \"file\": " : "\n    { \"file\": ");
    json_write_string(inputs->items[i], b);
    cb_buf_printf(b, ", \"sha256\": \"%s\" }", hex);
  }
  cb_buf_puts(b, inputs->len ? "\n  ]" : "]");
  return true;
}

char *cl_summaries_render(const cl_summaries *s, const char *generator, const cb_strlist *inputs,
                          cb_error *err) {
  cb_buf b = {0};
  cb_buf_puts(&b, "{\n  \"version\": 1,\n  \"kind\": \"summaries\",\n  \"generator\": ");
  json_write_string(generator, &b);
  if (inputs && !write_inputs(inputs, &b, err)) {
    cb_buf_free(&b);
    return NULL;
  }
  cb_buf_puts(&b, ",\n  \"functions\": [");
  const sum_function **fns = cb_xcalloc(s->len ? s->len : 1, sizeof *fns);
  for (size_t i = 0; i < s->len; i++)
    fns[i] = &s->fns[i];
  qsort(fns, s->len, sizeof *fns, compare_functions);
  for (size_t i = 0; i < s->len; i++) {
    const sum_function *f = fns[i];
    cb_buf_puts(&b, i ? ",\n    { \"name\": " : "\n    { \"name\": ");
    json_write_string(f->name, &b);
    if (f->location) {
      cb_buf_puts(&b, ", \"location\": ");
      json_write_string(f->location, &b);
    }
    if (f->go_called)
      cb_buf_puts(&b, ", \"go_called\": true");
    cb_buf_puts(&b, ",\n      \"effects\": [");
    sorted_effect *es = cb_xcalloc(f->neffects ? f->neffects : 1, sizeof *es);
    for (size_t k = 0; k < f->neffects; k++)
      es[k] = (sorted_effect){f->effects[k], effect_text(f->effects[k])};
    qsort(es, f->neffects, sizeof *es, compare_effects);
    for (size_t k = 0; k < f->neffects; k++) {
      cb_buf_puts(&b, k ? ",\n        " : "\n        ");
      cb_buf_puts(&b, es[k].text);
      free(es[k].text);
    }
    free(es);
    cb_buf_puts(&b, f->neffects ? "\n      ] }" : "] }");
  }
  free(fns);
  cb_buf_puts(&b, s->len ? "\n  ]\n}\n" : "]\n}\n");
  return cb_buf_take(&b);
}
