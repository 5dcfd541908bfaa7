/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _POSIX_C_SOURCE 200809L
#include "manifest.h"

#include "cdecls.h"
#include "file.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct export_ref {
  const cb_export *ex;
} export_ref;

static int compare_exports(const void *a, const void *b) {
  return strcmp(((const export_ref *)a)->ex->name, ((const export_ref *)b)->ex->name);
}

static json_t *param_json(const cb_param *p) {
  json_t *obj = json_object();
  json_object_set_new(obj, CGO_MANIFEST_KEY_INDEX, json_integer(p->index));
  json_object_set_new(obj, CGO_MANIFEST_KEY_NAME, cs_json_string(p->name));
  json_object_set_new(obj, CGO_MANIFEST_KEY_EFFECT, cs_json_string(cb_effect_name(p->effect)));
  if (p->evidence)
    json_object_set_new(obj, CGO_MANIFEST_KEY_EVIDENCE, cs_json_string(p->evidence));
  return obj;
}

/* Only pointer parameters with some knowledge are listed: an unlisted
 * parameter is "unknown", and integers (uintptr_t handles) never retain. */
static json_t *export_json(const cb_export *ex) {
  json_t *obj = json_object();
  json_object_set_new(obj, CGO_MANIFEST_KEY_NAME, cs_json_string(ex->name));
  char *where = cs_xasprintf("%s:%d", ex->file, ex->line);
  json_object_set_new(obj, CGO_MANIFEST_KEY_LOCATION, cs_json_string(where));
  free(where);
  json_t *params = json_array();
  for (size_t i = 0; i < ex->nparams; i++)
    if (ex->params[i].is_pointer && ex->params[i].effect != CB_EFFECT_UNKNOWN)
      json_array_append_new(params, param_json(&ex->params[i]));
  json_object_set_new(obj, CGO_MANIFEST_KEY_PARAMS, params);
  if (ex->hand_decls.len) {
    json_t *decls = json_array();
    for (size_t i = 0; i < ex->hand_decls.len; i++)
      json_array_append_new(decls, cs_json_string(ex->hand_decls.items[i]));
    json_object_set_new(obj, CGO_MANIFEST_KEY_C_DECLARATIONS, decls);
  }
  return obj;
}

static json_t *exports_json(const cb_package *pkgs, size_t npkgs) {
  size_t total = 0;
  for (size_t i = 0; i < npkgs; i++)
    total += pkgs[i].nexports;
  export_ref *refs = cs_xcalloc(total, sizeof *refs);
  size_t n = 0;
  for (size_t i = 0; i < npkgs; i++)
    for (size_t j = 0; j < pkgs[i].nexports; j++)
      refs[n++].ex = &pkgs[i].exports[j];
  qsort(refs, n, sizeof *refs, compare_exports);
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++)
    if (i == 0 || strcmp(refs[i].ex->name, refs[i - 1].ex->name) != 0)
      json_array_append_new(arr, export_json(refs[i].ex));
  free(refs);
  return arr;
}

typedef struct cref_ref {
  const cb_cref *ref;
} cref_ref;

static int compare_crefs(const void *a, const void *b) {
  const cb_cref *x = ((const cref_ref *)a)->ref, *y = ((const cref_ref *)b)->ref;
  int c = strcmp(x->name, y->name);
  return c ? c : (x->arg > y->arg) - (x->arg < y->arg);
}

/* Which list of a package: Go-called functions, Go-read globals, the
 * noescape or nocallback promises, or the handle arguments. */
typedef enum cref_list {
  LIST_CALLED,
  LIST_GLOBALS,
  LIST_NOESCAPE,
  LIST_NOCALLBACK,
  LIST_HANDLES
} cref_list;

static const cb_cref *package_list(const cb_package *pkg, cref_list which, size_t *count) {
  switch (which) {
  case LIST_CALLED: *count = pkg->ngo_called; return pkg->go_called;
  case LIST_GLOBALS: *count = pkg->ngo_globals; return pkg->go_globals;
  case LIST_NOESCAPE: *count = pkg->nnoescape; return pkg->noescape;
  case LIST_NOCALLBACK: *count = pkg->nnocallback; return pkg->nocallback;
  case LIST_HANDLES: *count = pkg->nhandle_args; return pkg->handle_args;
  }
  *count = 0;
  return NULL;
}

/* Whether the package's entry belongs in the manifest: a handle argument only
 * of a function the package declares and Go calls (go_called). */
static bool listed(const cb_package *pkg, cref_list which, const cb_cref *ref) {
  if (which != LIST_HANDLES)
    return true;
  for (size_t i = 0; i < pkg->ngo_called; i++)
    if (strcmp(pkg->go_called[i].name, ref->name) == 0)
      return true;
  return false;
}

/* One list across packages, sorted by name (then argument); a name used by
 * several packages keeps the evidence of the first package (import path
 * order). Each entry is {"name": ..., "arg": N (when set), text_key: evidence}. */
static json_t *crefs_json(const cb_package *pkgs, size_t npkgs, cref_list which,
                          const char *text_key) {
  size_t total = 0, count = 0;
  for (size_t i = 0; i < npkgs; i++) {
    package_list(&pkgs[i], which, &count);
    total += count;
  }
  cref_ref *refs = cs_xcalloc(total ? total : 1, sizeof *refs);
  size_t n = 0;
  for (size_t i = 0; i < npkgs; i++) {
    const cb_cref *list = package_list(&pkgs[i], which, &count);
    for (size_t j = 0; j < count; j++)
      if (listed(&pkgs[i], which, &list[j]))
        refs[n++].ref = &list[j];
  }
  /* Stable order for equal names: sort by name, ties keep package order. */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && compare_crefs(&refs[j - 1], &refs[j]) > 0; j--) {
      cref_ref t = refs[j];
      refs[j] = refs[j - 1];
      refs[j - 1] = t;
    }
  json_t *arr = json_array();
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && compare_crefs(&refs[i - 1], &refs[i]) == 0)
      continue;
    json_t *obj = json_object();
    json_object_set_new(obj, CGO_MANIFEST_KEY_NAME, cs_json_string(refs[i].ref->name));
    if (refs[i].ref->arg > 0)
      json_object_set_new(obj, CGO_MANIFEST_KEY_ARG, json_integer(refs[i].ref->arg));
    if (refs[i].ref->evidence)
      json_object_set_new(obj, text_key, cs_json_string(refs[i].ref->evidence));
    json_array_append_new(arr, obj);
  }
  free(refs);
  return arr;
}

/* The promises' and handles' lists appear only when they are not empty. */
static void add_optional(json_t *doc, const cb_package *pkgs, size_t npkgs, cref_list which,
                         const char *key, const char *text_key) {
  json_t *arr = crefs_json(pkgs, npkgs, which, text_key);
  if (json_array_size(arr) > 0)
    json_object_set_new(doc, key, arr);
  else
    json_decref(arr);
}

json_t *cb_manifest_build(const cb_package *pkgs, size_t npkgs, const char *generator) {
  json_t *doc = json_object();
  json_object_set_new(doc, CGO_MANIFEST_KEY_VERSION, json_integer(CGO_MANIFEST_VERSION));
  json_object_set_new(doc, CGO_MANIFEST_KEY_GENERATOR, cs_json_string(generator));
  json_t *paths = json_array();
  for (size_t i = 0; i < npkgs; i++)
    json_array_append_new(paths, cs_json_string(pkgs[i].import_path));
  json_object_set_new(doc, CGO_MANIFEST_KEY_PACKAGES, paths);
  json_object_set_new(doc, CGO_MANIFEST_KEY_EXPORTS, exports_json(pkgs, npkgs));
  json_object_set_new(doc, CGO_MANIFEST_KEY_GO_CALLED,
                      crefs_json(pkgs, npkgs, LIST_CALLED, CGO_MANIFEST_KEY_EVIDENCE));
  json_object_set_new(doc, CGO_MANIFEST_KEY_GO_GLOBALS,
                      crefs_json(pkgs, npkgs, LIST_GLOBALS, CGO_MANIFEST_KEY_EVIDENCE));
  add_optional(doc, pkgs, npkgs, LIST_NOESCAPE, CGO_MANIFEST_KEY_NOESCAPE,
               CGO_MANIFEST_KEY_LOCATION);
  add_optional(doc, pkgs, npkgs, LIST_NOCALLBACK, CGO_MANIFEST_KEY_NOCALLBACK,
               CGO_MANIFEST_KEY_LOCATION);
  add_optional(doc, pkgs, npkgs, LIST_HANDLES, CGO_MANIFEST_KEY_HANDLE_ARGS,
               CGO_MANIFEST_KEY_EVIDENCE);
  return doc;
}

static void add_compile_command(json_t *arr, const cb_package *pkg, const char *file,
                                const char *compiler) {
  json_t *entry = json_object();
  json_object_set_new(entry, "directory", cs_json_string(pkg->dir));
  json_t *args = json_array();
  json_array_append_new(args, cs_json_string(compiler));
  json_array_append_new(args, cs_json_string("-x"));
  json_array_append_new(args, cs_json_string("c"));
  cs_strlist flags = {0};
  cb_c_flags(pkg, &flags);
  for (size_t i = 0; i < flags.len; i++)
    json_array_append_new(args, cs_json_string(flags.items[i]));
  cs_strlist_free(&flags);
  json_array_append_new(args, cs_json_string("-c"));
  json_array_append_new(args, cs_json_string(file));
  json_object_set_new(entry, "arguments", args);
  json_object_set_new(entry, "file", cs_json_string(file));
  json_array_append_new(arr, entry);
}

json_t *cb_compdb_build(const cb_package *pkgs, size_t npkgs, const char *compiler) {
  json_t *arr = json_array();
  for (size_t i = 0; i < npkgs; i++) {
    const cb_package *pkg = &pkgs[i];
    cs_strlist files = {0};
    for (size_t j = 0; j < pkg->c_files.len; j++)
      cs_strlist_push_owned(&files, cs_path_join(pkg->dir, pkg->c_files.items[j]));
    cs_strlist generated = {0};
    for (size_t j = 0; j < pkg->cgo_files.len; j++) {
      char *c = cb_cgo_output_name(pkg->cgo_files.items[j], CGO_CGO2_SUFFIX);
      cs_strlist_push_owned(&generated, cs_path_join(pkg->objdir, c));
      free(c);
    }
    cs_strlist_sort(&generated);
    cs_strlist_push_owned(&files, cs_path_join(pkg->objdir, CGO_EXPORT_SOURCE));
    cs_strlist_extend(&files, &generated);
    for (size_t j = 0; j < files.len; j++)
      add_compile_command(arr, pkg, files.items[j], compiler);
    cs_strlist_free(&generated);
    cs_strlist_free(&files);
  }
  return arr;
}

bool cb_manifest_read_version(const char *path, long *version, cs_error *err) {
  char *text;
  size_t len;
  if (!cs_read_file(path, &text, &len, err))
    return false;
  json_t *doc = cs_json_parse(text, len, err);
  free(text);
  if (!doc)
    return false;
  bool ok = true;
  if (!json_is_object(doc))
    ok = cs_fail(err, "'%s' is not a manifest: not a JSON object", path);
  else if (!cs_json_get_int(doc, CGO_MANIFEST_KEY_VERSION, version))
    ok = cs_fail(err, "'%s' is not a manifest: no integer \"version\"", path);
  json_decref(doc);
  return ok;
}

bool cb_manifest_check_overwrite(const char *path, cs_error *err) {
  long version;
  cs_error ignored = {{0}};
  struct stat st;
  /* Only a regular file can hold a manifest: reading a FIFO would wait for a
   * writer, and a device is no manifest. */
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
      !cb_manifest_read_version(path, &version, &ignored))
    return true;
  if (version > CGO_MANIFEST_VERSION)
    return cs_fail(err,
                   "'%s' is a manifest of schema version %ld, newer than this cgo-boundary "
                   "writes (%d); not overwriting it",
                   path, version, CGO_MANIFEST_VERSION);
  return true;
}
