/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE
#include "summaries.h"

#include "file.h"
#include "json.h"
#include "sha256.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct sum_function {
  char *name;
  char *location;
  bool go_called;
  json_t **effects; /* objects, owned */
  size_t neffects, cap;
  size_t *units; /* the units that define it */
  size_t nunits;
} sum_function;

struct cl_summaries {
  sum_function *fns;
  size_t len, cap;
};

cl_summaries *cl_summaries_new(void) { return cs_xcalloc(1, sizeof(cl_summaries)); }

void cl_summaries_free(cl_summaries *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->len; i++) {
    sum_function *f = &s->fns[i];
    free(f->name);
    free(f->location);
    for (size_t k = 0; k < f->neffects; k++)
      json_decref(f->effects[k]);
    free(f->effects);
    free(f->units);
  }
  free(s->fns);
  free(s);
}

static const char *str(const json_t *obj, const char *key) {
  const char *v = cs_json_get_string(obj, key);
  return v ? v : "";
}

static sum_function *function_named(cl_summaries *s, const char *name) {
  for (size_t i = 0; i < s->len; i++)
    if (strcmp(s->fns[i].name, name) == 0)
      return &s->fns[i];
  if (s->len == s->cap) {
    s->cap = s->cap ? 2 * s->cap : 64;
    s->fns = cs_xrealloc(s->fns, s->cap * sizeof *s->fns);
  }
  sum_function *f = &s->fns[s->len++];
  memset(f, 0, sizeof *f);
  f->name = cs_xstrdup(name);
  return f;
}

/* What makes two effects the same fact (everything but `when` and the
 * source). */
static const char *cond_str(const json_t *e, const char *key) {
  const json_t *c = json_object_get(e, "condition");
  return c && json_is_object(c) ? str(c, key) : "";
}

static char *effect_key(const json_t *e) {
  long param = 0;
  cs_json_get_int(e, "param", &param);
  /* Two effects that differ only by their condition are two effects. */
  return cs_xasprintf("%s|%s|%s|%s|%s|%s|%ld|%d|%s|%s", str(e, "effect"), str(e, "path"),
                      str(e, "out"), str(e, "ownership"), str(e, "where"), str(e, "export"), param,
                      json_is_true(json_object_get(e, "retained")), cond_str(e, "on"),
                      cond_str(e, "is"));
}

/* Is source a earlier than source b (file, then line)? */
static bool earlier(const json_t *a, const json_t *b) {
  int c = strcmp(str(a, "file"), str(b, "file"));
  long la = 0, lb = 0;
  cs_json_get_int(a, "line", &la);
  cs_json_get_int(b, "line", &lb);
  return c < 0 || (c == 0 && la < lb);
}

static void add_effect(sum_function *f, json_t *e) {
  char *key = effect_key(e);
  for (size_t i = 0; i < f->neffects; i++) {
    char *other = effect_key(f->effects[i]);
    bool same = strcmp(key, other) == 0;
    free(other);
    if (!same)
      continue;
    json_t *old = f->effects[i];
    if (strcmp(str(e, "when"), "maybe") == 0)
      json_object_set_new(old, "when", cs_json_string("maybe"));
    json_t *src = json_object_get(e, "source"), *old_src = json_object_get(old, "source");
    if (src && old_src && earlier(src, old_src))
      json_object_set(old, "source", src); /* the earlier source */
    json_decref(e);
    free(key);
    return;
  }
  free(key);
  if (f->neffects == f->cap) {
    f->cap = f->cap ? 2 * f->cap : 4;
    f->effects = cs_xrealloc(f->effects, f->cap * sizeof *f->effects);
  }
  f->effects[f->neffects++] = e;
}

bool cl_summaries_add_file(cl_summaries *s, const char *path, size_t unit, cs_error *err) {
  if (!cs_file_exists(path))
    return true;
  char *text = NULL;
  size_t len = 0;
  if (!cs_read_file(path, &text, &len, err))
    return false;
  json_t *doc = cs_json_parse(text, len, err);
  free(text);
  json_t *fns = doc ? cs_json_get_array(doc, "functions") : NULL;
  if (!fns) {
    json_decref(doc);
    return cs_fail(err, "%s is not a summaries file of the plugin", path);
  }
  for (size_t i = 0; i < json_array_size(fns); i++) {
    json_t *fn = json_array_get(fns, i);
    const char *name = cs_json_get_string(fn, "name");
    json_t *effects = cs_json_get_array(fn, "effects");
    if (!name || !effects)
      continue;
    sum_function *f = function_named(s, name);
    if (!f->location && cs_json_get_string(fn, "location"))
      f->location = cs_xstrdup(cs_json_get_string(fn, "location"));
    f->go_called |= json_is_true(json_object_get(fn, "go_called"));
    bool known = false;
    for (size_t u = 0; u < f->nunits; u++)
      known |= f->units[u] == unit;
    if (!known) {
      f->units = cs_xrealloc(f->units, (f->nunits + 1) * sizeof *f->units);
      f->units[f->nunits++] = unit;
    }
    for (size_t k = 0; k < json_array_size(effects); k++)
      add_effect(f, json_incref(json_array_get(effects, k)));
  }
  json_decref(doc);
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
  if (is_param_root(pa.root) || is_param_root(pb.root) || pa.root[0] == '$' || pb.root[0] == '$' ||
      strcmp(pa.root, "library") == 0)
    return false;
  return strcmp(pa.root, pb.root) == 0;
}

static bool is_release(const json_t *e) {
  const char *k = str(e, "effect");
  return strcmp(k, "frees") == 0 || strcmp(k, "moves") == 0;
}

/*---- invalidated_by --------------------------------------------------------*/

static int compare_calls(const void *pa, const void *pb) {
  const json_t *a = *(const json_t *const *)pa, *b = *(const json_t *const *)pb;
  int c = strcmp(str(a, "name"), str(b, "name"));
  if (c)
    return c;
  long x = 0, y = 0;
  cs_json_get_int(a, "arg", &x);
  cs_json_get_int(b, "arg", &y);
  return x < y ? -1 : x > y;
}

static bool has_call(const json_t *list, const char *name, long arg) {
  for (size_t i = 0; list && i < json_array_size(list); i++) {
    long a = -1;
    cs_json_get_int(json_array_get(list, i), "arg", &a);
    if (strcmp(str(json_array_get(list, i), "name"), name) == 0 && a == arg)
      return true;
  }
  return false;
}

/* A fresh block a function leaves in a field ($1->name, $ret->name) is the
 * caller's only when no function of the package frees or moves that field of
 * a block of the same type: otherwise the struct owns it (a setter, or a
 * destructor that frees the field). */
static bool field_owned_by_struct(const cl_summaries *s, const json_t *e) {
  path_parts p;
  if (!split_path(str(e, "path"), &p) || p.deref || !p.selectors[0] ||
      !(is_param_root(p.root) || strcmp(p.root, "$ret") == 0) || !str(e, "root_type")[0])
    return false;
  for (size_t f = 0; f < s->len; f++)
    for (size_t m = 0; m < s->fns[f].neffects; m++) {
      const json_t *x = s->fns[f].effects[m];
      path_parts q;
      if (is_release(x) && split_path(str(x, "path"), &q) && !q.deref && is_param_root(q.root) &&
          strcmp(q.selectors, p.selectors) == 0 &&
          strcmp(str(x, "root_type"), str(e, "root_type")) == 0)
        return true;
    }
  return false;
}

static void drop_owned_fields(cl_summaries *s) {
  for (size_t f = 0; f < s->len; f++) {
    sum_function *fn = &s->fns[f];
    size_t kept = 0;
    for (size_t k = 0; k < fn->neffects; k++) {
      json_t *e = fn->effects[k];
      if (strcmp(str(e, "effect"), "returns") == 0 && strcmp(str(e, "ownership"), "fresh") == 0 &&
          field_owned_by_struct(s, e))
        json_decref(e);
      else
        fn->effects[kept++] = e;
    }
    fn->neffects = kept;
  }
}

void cl_summaries_link(cl_summaries *s) {
  drop_owned_fields(s);
  for (size_t r = 0; r < s->len; r++) {
    sum_function *ret = &s->fns[r];
    for (size_t k = 0; k < ret->neffects; k++) {
      json_t *e = ret->effects[k];
      if (strcmp(str(e, "effect"), "returns") != 0 || strcmp(str(e, "ownership"), "borrowed") != 0)
        continue;
      json_t *old = cs_json_get_array(e, "invalidated_by");
      json_t *list = old ? json_copy(old) : json_array();
      for (size_t f = 0; f < s->len; f++) {
        const sum_function *rel = &s->fns[f];
        for (size_t m = 0; m < rel->neffects; m++) {
          const json_t *x = rel->effects[m];
          if (!is_release(x) || !same_storage(str(e, "path"), str(e, "root_type"), str(x, "path"),
                                              str(x, "root_type")))
            continue;
          path_parts p;
          split_path(str(x, "path"), &p);
          long arg = is_param_root(p.root) ? strtol(p.root + 1, NULL, 10) : 0;
          if (has_call(list, rel->name, arg))
            continue;
          json_t *call = json_object();
          json_object_set_new(call, "name", cs_json_string(rel->name));
          json_object_set_new(call, "arg", json_integer(arg));
          json_array_append_new(list, call);
        }
      }
      size_t n = json_array_size(list);
      json_t **calls = cs_xcalloc(n ? n : 1, sizeof *calls);
      for (size_t c = 0; c < n; c++)
        calls[c] = json_incref(json_array_get(list, c));
      qsort(calls, n, sizeof *calls, compare_calls);
      json_array_clear(list);
      for (size_t c = 0; c < n; c++)
        json_array_append_new(list, calls[c]);
      free(calls);
      if (n > 0)
        json_object_set_new(e, "invalidated_by", list);
      else
        json_decref(list);
    }
  }
}

/*---- The second pass -------------------------------------------------------*/

/* A retained hand-over to Go that C storage still reaches. */
static bool is_storage_hold(const sum_function *f, const json_t *e) {
  path_parts p;
  if (!f->go_called || strcmp(str(e, "effect"), "to_go") != 0 ||
      !json_is_true(json_object_get(e, "retained")) || !split_path(str(e, "path"), &p) || p.deref ||
      strstr(p.selectors, "[*]"))
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
      const json_t *x = frees->effects[m];
      if (!is_release(x))
        continue;
      for (size_t g = 0; g < s->len && !hit; g++)
        for (size_t k = 0; k < s->fns[g].neffects && !hit; k++) {
          const json_t *h = s->fns[g].effects[k];
          hit = is_storage_hold(&s->fns[g], h) && same_storage(str(h, "path"), str(h, "root_type"),
                                                               str(x, "path"), str(x, "root_type"));
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
  cs_error ignored;
  if (!cs_read_file(path, &text, NULL, &ignored))
    return false;
  bool found = false;
  for (const char *p = text; *p && !found; p = cs_next_line(p)) {
    const char *q = p + strspn(p, " \t");
    if (cs_starts_with(q, "import"))
      q += strlen("import") + strspn(q + strlen("import"), " \t");
    found = cs_starts_with(q, "\"C\"");
  }
  free(text);
  return found;
}

void cl_summary_inputs(const cs_strlist *package_dirs, cs_strlist *out) {
  for (size_t d = 0; d < package_dirs->len; d++) {
    DIR *dh = opendir(package_dirs->items[d]);
    if (!dh)
      continue;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
      const char *n = e->d_name;
      if (n[0] == '.' ||
          !(cs_ends_with(n, ".c") || cs_ends_with(n, ".h") || cs_ends_with(n, ".go")))
        continue;
      char *path = cs_path_join(package_dirs->items[d], n);
      struct stat st;
      if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
          (!cs_ends_with(n, ".go") || imports_c(path)) && !cs_strlist_contains(out, path))
        cs_strlist_push(out, path);
      free(path);
    }
    closedir(dh);
  }
  cs_strlist_sort(out);
}

/*---- Writing ---------------------------------------------------------------*/

/* A value on one line: `{ "name": "x", "arg": 1 }`, members in their order. */
static void write_compact(const json_t *v, cs_buf *b) {
  switch (json_typeof(v)) {
  case JSON_NULL: cs_buf_puts(b, "null"); break;
  case JSON_TRUE: cs_buf_puts(b, "true"); break;
  case JSON_FALSE: cs_buf_puts(b, "false"); break;
  case JSON_INTEGER: cs_buf_printf(b, "%lld", (long long)json_integer_value(v)); break;
  case JSON_REAL: cs_buf_printf(b, "%.17g", json_real_value(v)); break;
  case JSON_STRING: cs_json_write_string(json_string_value(v), b); break;
  case JSON_ARRAY:
    cs_buf_putc(b, '[');
    for (size_t i = 0; i < json_array_size(v); i++) {
      if (i)
        cs_buf_puts(b, ", ");
      write_compact(json_array_get(v, i), b);
    }
    cs_buf_putc(b, ']');
    break;
  case JSON_OBJECT: {
    const char *key;
    json_t *member;
    bool first = true;
    cs_buf_puts(b, json_object_size(v) ? "{ " : "{");
    json_object_foreach ((json_t *)v, key, member) {
      if (!first)
        cs_buf_puts(b, ", ");
      first = false;
      cs_json_write_string(key, b);
      cs_buf_puts(b, ": ");
      write_compact(member, b);
    }
    cs_buf_puts(b, json_object_size(v) ? " }" : "}");
    break;
  }
  }
}

/* One effect, its members in the schema's order, the source on a line of
 * its own (as the plugin writes it). */
static char *effect_text(const json_t *e) {
  static const char *const order[] = {
      "effect",       "ownership",      "path",      "when",      "out",
      "release_with", "invalidated_by", "where",     "until",     "export",
      "param",        "retained",       "condition", "root_type", NULL};
  cs_buf b = {0};
  cs_buf_puts(&b, "{ ");
  bool first = true;
  for (size_t i = 0; order[i]; i++) {
    const json_t *v = json_object_get(e, order[i]);
    if (!v)
      continue;
    if (!first)
      cs_buf_puts(&b, ", ");
    first = false;
    cs_json_write_string(order[i], &b);
    cs_buf_puts(&b, ": ");
    write_compact(v, &b);
  }
  const json_t *src = json_object_get(e, "source");
  if (src) {
    cs_buf_puts(&b, ",\n          \"source\": ");
    write_compact(src, &b);
  }
  cs_buf_puts(&b, " }");
  return cs_buf_take(&b);
}

typedef struct sorted_effect {
  const json_t *e;
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
  int c = strcmp(cond_str(a->e, "on"), cond_str(b->e, "on"));
  if (!c)
    c = strcmp(cond_str(a->e, "is"), cond_str(b->e, "is"));
  return c ? c : strcmp(a->text, b->text);
}

static int compare_functions(const void *pa, const void *pb) {
  return strcmp((*(const sum_function *const *)pa)->name, (*(const sum_function *const *)pb)->name);
}

static bool write_inputs(const cs_strlist *inputs, cs_buf *b, cs_error *err) {
  cs_buf_puts(b, ",\n  \"inputs\": [");
  for (size_t i = 0; i < inputs->len; i++) {
    char *data = NULL;
    size_t len = 0;
    if (!cs_read_file(inputs->items[i], &data, &len, err))
      return false;
    cl_sha256 h;
    char hex[65];
    cl_sha256_init(&h);
    cl_sha256_update(&h, data, len);
    cl_sha256_hex(&h, hex);
    free(data);
    cs_buf_puts(b, i ? ",\n    { \"file\": " : "\n    { \"file\": ");
    cs_json_write_string(inputs->items[i], b);
    cs_buf_printf(b, ", \"sha256\": \"%s\" }", hex);
  }
  cs_buf_puts(b, inputs->len ? "\n  ]" : "]");
  return true;
}

char *cl_summaries_render(const cl_summaries *s, const char *generator, const cs_strlist *inputs,
                          cs_error *err) {
  cs_buf b = {0};
  cs_buf_puts(&b, "{\n  \"version\": 1,\n  \"kind\": \"summaries\",\n  \"generator\": ");
  cs_json_write_string(generator, &b);
  if (inputs && !write_inputs(inputs, &b, err)) {
    cs_buf_free(&b);
    return NULL;
  }
  cs_buf_puts(&b, ",\n  \"functions\": [");
  const sum_function **fns = cs_xcalloc(s->len ? s->len : 1, sizeof *fns);
  for (size_t i = 0; i < s->len; i++)
    fns[i] = &s->fns[i];
  qsort(fns, s->len, sizeof *fns, compare_functions);
  for (size_t i = 0; i < s->len; i++) {
    const sum_function *f = fns[i];
    cs_buf_puts(&b, i ? ",\n    { \"name\": " : "\n    { \"name\": ");
    cs_json_write_string(f->name, &b);
    if (f->location) {
      cs_buf_puts(&b, ", \"location\": ");
      cs_json_write_string(f->location, &b);
    }
    if (f->go_called)
      cs_buf_puts(&b, ", \"go_called\": true");
    cs_buf_puts(&b, ",\n      \"effects\": [");
    sorted_effect *es = cs_xcalloc(f->neffects ? f->neffects : 1, sizeof *es);
    for (size_t k = 0; k < f->neffects; k++)
      es[k] = (sorted_effect){f->effects[k], effect_text(f->effects[k])};
    qsort(es, f->neffects, sizeof *es, compare_effects);
    for (size_t k = 0; k < f->neffects; k++) {
      cs_buf_puts(&b, k ? ",\n        " : "\n        ");
      cs_buf_puts(&b, es[k].text);
      free(es[k].text);
    }
    free(es);
    cs_buf_puts(&b, f->neffects ? "\n      ] }" : "] }");
  }
  free(fns);
  cs_buf_puts(&b, s->len ? "\n  ]\n}\n" : "]\n}\n");
  return cs_buf_take(&b);
}
