/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _POSIX_C_SOURCE 200809L
#include "gofacts.h"

#include "cgo-lifetime/Schema.h"
#include "file.h"
#include "gofacts_source.h" /* generated: gofacts_source[] */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char helper_go_mod[] = "module cgo-lifetime/gofacts\n\ngo 1.19\n";

bool cb_gofacts_build(const cb_go *go, const char *cache_dir, char **path, cs_error *err) {
  uint64_t key = cs_hash(gofacts_source, strlen(gofacts_source), CS_HASH_SEED);
  key = cs_hash(go->version, strlen(go->version), key);
  char *dir = cs_xasprintf("%s/helper/gofacts-%016llx", cache_dir, (unsigned long long)key);
  char *exe = cs_path_join(dir, "gofacts");
  if (cs_file_exists(exe)) {
    free(dir);
    *path = exe;
    return true;
  }
  char *src = cs_path_join(dir, "gofacts.go"), *mod = cs_path_join(dir, "go.mod");
  char *tmp_exe = cs_xasprintf("gofacts.tmp.%ld", (long)getpid());
  bool ok = cs_mkdir_p(dir, err) &&
            cs_write_file(src, gofacts_source, strlen(gofacts_source), err) &&
            cs_write_file(mod, helper_go_mod, strlen(helper_go_mod), err);
  if (ok) {
    /* The helper uses the standard library only: no module settings of the
     * user's may change how it builds. */
    const char *argv[] = {go->binary, "build", "-o", tmp_exe, ".", NULL};
    const char *env[] = {"CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off", "GO111MODULE=on", NULL};
    cs_command cmd = {.argv = argv, .cwd = dir, .env = env};
    cs_proc_result res;
    if (go->verbose)
      cs_say("building the Go helper in %s", dir);
    ok = cs_run(&cmd, &res, err);
    if (ok && res.exit_code != 0) {
      char *reason = cs_tool_reason(res.err_text);
      ok = cs_fail(err, "cannot build the Go helper with %s: %s", go->version, reason);
      free(reason);
    }
    if (res.out)
      cs_proc_result_free(&res);
  }
  if (ok) {
    char *built = cs_path_join(dir, tmp_exe);
    ok = cs_commit_temp(built, exe, err);
    free(built);
  }
  free(tmp_exe);
  free(src);
  free(mod);
  free(dir);
  if (!ok) {
    free(exe);
    return false;
  }
  *path = exe;
  return true;
}

/* The helper's evidence for one parameter, in the words the plugin quotes. */
static char *fact_evidence(const char *func, const json_t *fact) {
  const char *effect = cs_json_get_string(fact, "effect");
  const char *param = cs_json_get_string(fact, "param");
  const char *target = cs_json_get_string(fact, "target");
  const char *file = cs_json_get_string(fact, "file");
  long line = 0;
  cs_json_get_int(fact, "line", &line);
  if (!effect || !param || !target || !file)
    return NULL;
  if (strcmp(effect, "release") == 0)
    return cs_xasprintf("'%s' deletes %s from %s at %s:%ld", func, param, target, file, line);
  if (strcmp(effect, "borrow") == 0)
    return cs_xasprintf("'%s' only passes %s to %s at %s:%ld, so Go keeps no reference (cgo makes "
                        "every argument of a C call leak to escape analysis)",
                        func, param, target, file, line);
  return cs_xasprintf("'%s' stores uintptr(%s) in %s at %s:%ld", func, param, target, file, line);
}

/* Applies the helper's facts: a release wins over a retain for one parameter
 * (a function that deletes p's entry is the release function), a borrow (the
 * parameter only goes to C) comes last, and the first fact of a kind in source
 * order gives the evidence. */
static void apply_facts(cb_export *ex, const json_t *facts) {
  static const char *const order[] = {"release", "retain", "borrow"};
  static const cb_effect effects[] = {CB_EFFECT_RELEASE, CB_EFFECT_RETAIN, CB_EFFECT_BORROW};
  for (size_t pass = 0; pass < sizeof order / sizeof order[0]; pass++) {
    const char *wanted = order[pass];
    size_t i;
    json_t *fact;
    json_array_foreach (facts, i, fact) {
      const char *effect = cs_json_get_string(fact, "effect");
      long index = 0;
      if (!effect || strcmp(effect, wanted) != 0 || !cs_json_get_int(fact, "index", &index))
        continue;
      cb_param *param = cb_export_find_param(ex, (int)index);
      if (!param || param->effect != CB_EFFECT_UNKNOWN)
        continue;
      param->effect = effects[pass];
      param->evidence = fact_evidence(ex->name, fact);
    }
  }
}

static void read_export(const json_t *obj, cb_export *ex) {
  memset(ex, 0, sizeof *ex);
  const char *name = cs_json_get_string(obj, "name"), *file = cs_json_get_string(obj, "file");
  long line = 0;
  cs_json_get_int(obj, "line", &line);
  ex->name = cs_xstrdup(name ? name : "");
  ex->file = cs_xstrdup(file ? file : "");
  ex->line = (int)line;
  json_t *params = cs_json_get_array(obj, "params"), *param;
  size_t i;
  ex->params = cs_xcalloc(json_array_size(params), sizeof *ex->params);
  json_array_foreach (params, i, param) {
    long index = 0, pline = 0;
    const char *pname = cs_json_get_string(param, "name");
    cs_json_get_int(param, "index", &index);
    cs_json_get_int(param, "line", &pline);
    cb_param *p = &ex->params[ex->nparams++];
    p->index = (int)index;
    p->name = cs_xstrdup(pname ? pname : "");
    p->line = (int)pline;
  }
  apply_facts(ex, cs_json_get_array(obj, "facts"));
}

/* The "name" of an entry and its "file":"line" (new strings); false when the
 * name or the file is missing. */
static bool read_named_place(const json_t *e, char **name, char **evidence) {
  const char *n = cs_json_get_string(e, "name"), *file = cs_json_get_string(e, "file");
  long line = 0;
  cs_json_get_int(e, "line", &line);
  if (!n || !file)
    return false;
  *name = cs_xstrdup(n);
  *evidence = cs_xasprintf("%s:%ld", file, line);
  return true;
}

static void read_crefs(const json_t *arr, cb_package *pkg) {
  size_t i;
  json_t *e;
  pkg->c_refs = cs_xcalloc(json_array_size(arr), sizeof *pkg->c_refs);
  json_array_foreach (arr, i, e) {
    cb_cref *ref = &pkg->c_refs[pkg->nc_refs];
    if (read_named_place(e, &ref->name, &ref->evidence))
      pkg->nc_refs++;
  }
}

/* `#cgo noescape` and `#cgo nocallback` directives, each with file:line. */
static void read_promises(const json_t *arr, cb_package *pkg) {
  size_t i;
  json_t *e;
  pkg->noescape = cs_xcalloc(json_array_size(arr), sizeof *pkg->noescape);
  pkg->nocallback = cs_xcalloc(json_array_size(arr), sizeof *pkg->nocallback);
  json_array_foreach (arr, i, e) {
    const char *kind = cs_json_get_string(e, "kind");
    cb_cref *list;
    size_t *count;
    if (kind && strcmp(kind, "noescape") == 0)
      list = pkg->noescape, count = &pkg->nnoescape;
    else if (kind && strcmp(kind, "nocallback") == 0)
      list = pkg->nocallback, count = &pkg->nnocallback;
    else
      continue;
    if (read_named_place(e, &list[*count].name, &list[*count].evidence))
      (*count)++;
  }
}

/* Arguments at which every Go call passes an integer converted to a pointer
 * (a runtime/cgo.Handle, an id): the evidence quotes the first such call. */
static void read_handle_args(const json_t *arr, cb_package *pkg) {
  size_t i;
  json_t *h;
  pkg->handle_args = cs_xcalloc(json_array_size(arr), sizeof *pkg->handle_args);
  json_array_foreach (arr, i, h) {
    const char *name = cs_json_get_string(h, "name"), *expr = cs_json_get_string(h, "expr");
    const char *file = cs_json_get_string(h, "file");
    long arg = 0, line = 0, calls = 0;
    cs_json_get_int(h, "line", &line);
    cs_json_get_int(h, "calls", &calls);
    if (!name || !expr || !file || !cs_json_get_int(h, "arg", &arg) || arg < 1 || arg > 1000)
      continue;
    cb_cref *ref = &pkg->handle_args[pkg->nhandle_args++];
    ref->name = cs_xstrdup(name);
    ref->arg = (int)arg;
    ref->evidence =
        cs_xasprintf("%ld Go call%s pass%s an integer as a pointer, not Go memory "
                     "('%s' at %s:%ld)",
                     calls, calls == 1 ? "" : "s", calls == 1 ? "es" : "", expr, file, line);
  }
}

bool cb_gofacts_run(const cb_go *go, const char *helper, cb_package *pkg, cs_error *err) {
  size_t n = 0;
  const char **argv = cs_xcalloc(pkg->go_files.len + pkg->cgo_files.len + 5, sizeof *argv);
  char *gotypes = cs_path_join(pkg->objdir, CGO_GOTYPES_FILE);
  argv[n++] = helper;
  argv[n++] = "-gotypes"; /* which C.NAME are functions */
  argv[n++] = gotypes;
  argv[n++] = pkg->dir;
  for (size_t i = 0; i < pkg->go_files.len; i++)
    argv[n++] = pkg->go_files.items[i];
  for (size_t i = 0; i < pkg->cgo_files.len; i++)
    argv[n++] = pkg->cgo_files.items[i];
  if (go->verbose)
    cs_say("reading the Go source of %s", pkg->import_path);
  cs_command cmd = {.argv = argv, .cwd = pkg->dir};
  cs_proc_result res;
  bool ok = cs_run(&cmd, &res, err);
  free(argv);
  free(gotypes);
  if (!ok)
    return false;
  if (res.exit_code == 3) {
    /* Files that do not parse were left out; the others' facts follow. */
    char *raw = cs_tool_reason(res.err_text);
    char *reason = cs_reason_from(raw, pkg->dir);
    free(raw);
    cs_strlist_push_owned(&pkg->incomplete,
                          cs_xasprintf("%s: Go files that do not parse were left out, so their "
                                       "exports and C calls are unknown: %s",
                                       pkg->import_path, reason));
    free(reason);
  } else if (res.exit_code != 0) {
    char *reason = cs_tool_reason(res.err_text);
    cs_fail(err, "cannot read the Go files of %s: %s", pkg->import_path, reason);
    free(reason);
    cs_proc_result_free(&res);
    return false;
  }
  ok = cb_gofacts_read(res.out, res.out_len, pkg, err);
  cs_proc_result_free(&res);
  return ok;
}

bool cb_gofacts_read(const char *text, size_t len, cb_package *pkg, cs_error *err) {
  json_t *doc = cs_json_parse(text, len, err);
  if (!doc)
    return false;
  json_t *exports = cs_json_get_array(doc, "exports"), *e;
  size_t i;
  pkg->exports = cs_xcalloc(json_array_size(exports), sizeof *pkg->exports);
  json_array_foreach (exports, i, e) {
    read_export(e, &pkg->exports[pkg->nexports++]);
  }
  read_crefs(cs_json_get_array(doc, "crefs"), pkg);
  read_promises(cs_json_get_array(doc, "promises"), pkg);
  read_handle_args(cs_json_get_array(doc, "handle_args"), pkg);
  json_decref(doc);
  return true;
}
