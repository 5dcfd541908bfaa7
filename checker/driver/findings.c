/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "findings.h"

#include "cgo-lifetime/Schema.h"
#include "file.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "file:///a/b%20c.c" -> "/a/b c.c" (new string), NULL if not a file URI. */
static char *path_from_uri(const char *uri) {
  if (!cs_starts_with(uri, "file://"))
    return NULL;
  const char *p = uri + strlen("file://");
  cs_buf out = {0};
  while (*p) {
    if (p[0] == '%' && p[1] && p[2]) {
      char hex[3] = {p[1], p[2], 0};
      cs_buf_putc(&out, (char)strtol(hex, NULL, 16));
      p += 3;
    } else {
      cs_buf_putc(&out, *p++);
    }
  }
  return cs_buf_take(&out);
}

/* Reads a SARIF physicalLocation into loc (file, line, column). */
static bool read_location(const json_t *loc_obj, cl_location *loc) {
  const json_t *phys = json_object_get(loc_obj, "physicalLocation");
  const json_t *region = json_object_get(phys, "region");
  const char *uri = cs_json_get_string(json_object_get(phys, "artifactLocation"), "uri");
  if (!uri || !region)
    return false;
  loc->file = path_from_uri(uri);
  if (!loc->file)
    return false;
  if (!cs_json_get_int(region, "startLine", &loc->line))
    loc->line = 0;
  if (!cs_json_get_int(region, "startColumn", &loc->column))
    loc->column = 0;
  return true;
}

/* cgo copies the preamble into *.cgo2.c and _cgo_export.h under
 * `#line N "file.go"`; clang's SARIF names the physical file. Maps a location
 * in such a file back to the Go file and line the user wrote, when that file
 * exists (relative names are looked up in the package directories). Locations
 * in cgo's own boilerplate ("cgo-gcc-prolog") keep their physical place. */
static void remap_line_directive(cl_location *loc, const cs_strlist *package_dirs) {
  if (!cs_ends_with(loc->file, CGO_CGO2_SUFFIX) && !cs_ends_with(loc->file, CGO_EXPORT_HEADER) &&
      !cs_ends_with(loc->file, ".cgo-header.c"))
    return;
  char *text = NULL;
  size_t len = 0;
  cs_error err;
  if (!cs_read_file(loc->file, &text, &len, &err))
    return;
  char *presumed = NULL;
  long presumed_line = 0;
  long line = 1;
  for (char *p = text; *p && line <= loc->line; line++) {
    char *end = strchr(p, '\n');
    if (end)
      *end = 0;
    long n = 0;
    char name[4096];
    if (sscanf(p, "#line %ld \"%4095[^\"]\"", &n, name) == 2) {
      free(presumed);
      presumed = cs_xstrdup(name);
      presumed_line = n - 1;
    } else {
      presumed_line++;
    }
    if (!end)
      break;
    p = end + 1;
  }
  free(text);
  if (!presumed)
    return;
  char *found = NULL;
  if (presumed[0] == '/') {
    if (cs_file_exists(presumed))
      found = cs_xstrdup(presumed);
  } else {
    for (size_t i = 0; package_dirs && i < package_dirs->len && !found; i++) {
      char *candidate = cs_path_join(package_dirs->items[i], presumed);
      if (cs_file_exists(candidate))
        found = candidate;
      else
        free(candidate);
    }
  }
  free(presumed);
  if (!found)
    return;
  free(loc->file);
  loc->file = found;
  loc->line = presumed_line;
}

static void location_free(cl_location *loc) {
  free(loc->file);
  free(loc->message);
}

static void finding_free(cl_finding *f) {
  free(f->rule);
  free(f->message);
  location_free(&f->where);
  location_free(&f->physical);
  for (size_t i = 0; i < f->nsteps; i++)
    location_free(&f->steps[i]);
  free(f->steps);
}

static bool passes(const cl_finding *f, const cl_filter *filter) {
  if (filter->rule_prefix && !cs_starts_with(f->rule, filter->rule_prefix))
    return false;
  if (!filter->package_dirs)
    return true;
  for (size_t i = 0; i < filter->package_dirs->len; i++)
    if (cs_path_inside(f->where.file, filter->package_dirs->items[i]))
      return true;
  return false;
}

/* Where the bug was caused: the last step of the path before the report's
 * own note, else the report's location. A Go-called function defined in a
 * package file is analysed twice, inlined into its cgo wrapper (through CTU)
 * and on its own; both reports have the same cause, but an end-of-function
 * report sits on the last statement in one and on the closing brace in the
 * other. */
static const cl_location *cause(const cl_finding *f) {
  return f->nsteps >= 2 ? &f->steps[f->nsteps - 2] : &f->where;
}

static bool same_place(const cl_location *a, const cl_location *b) {
  return strcmp(a->file, b->file) == 0 && a->line == b->line && a->column == b->column;
}

static bool same_finding(const cl_finding *a, const cl_finding *b) {
  return strcmp(a->rule, b->rule) == 0 && strcmp(a->message, b->message) == 0 &&
         (same_place(&a->where, &b->where) || same_place(cause(a), cause(b)));
}

/* The path of one result: its first code flow's first thread flow. */
static void read_steps(const json_t *result, cl_finding *f) {
  const json_t *flow = json_array_get(cs_json_get_array(result, "codeFlows"), 0);
  const json_t *thread = json_array_get(cs_json_get_array(flow, "threadFlows"), 0);
  const json_t *locs = cs_json_get_array(thread, "locations");
  json_t *entry;
  size_t i;
  if (!locs)
    return;
  f->steps = cs_xcalloc(json_array_size(locs) + 1, sizeof *f->steps);
  json_array_foreach (locs, i, entry) {
    const json_t *loc = json_object_get(entry, "location");
    cl_location step = {0};
    if (!read_location(loc, &step))
      continue;
    const char *text = cs_json_get_string(json_object_get(loc, "message"), "text");
    step.message = cs_xstrdup(text ? text : "");
    f->steps[f->nsteps++] = step;
  }
}

static bool read_result(const json_t *result, cl_finding *f) {
  const char *rule = cs_json_get_string(result, "ruleId");
  const char *text = cs_json_get_string(json_object_get(result, "message"), "text");
  const json_t *loc = json_array_get(cs_json_get_array(result, "locations"), 0);
  if (!rule || !text || !loc)
    return false;
  memset(f, 0, sizeof *f);
  if (!read_location(loc, &f->where))
    return false;
  f->rule = cs_xstrdup(rule);
  f->message = cs_xstrdup(text);
  read_steps(result, f);
  return true;
}

static void push(cl_findings *all, cl_finding f) {
  if (all->len == all->cap) {
    all->cap = all->cap ? all->cap * 2 : 16;
    all->items = cs_xrealloc(all->items, all->cap * sizeof *all->items);
  }
  all->items[all->len++] = f;
}

/* Adds f (taking it) unless all has the same finding. Of two reports of one
 * bug the shorter path stays: the function's own analysis rather than the one
 * through its cgo wrapper. */
static void add_unique(cl_findings *all, cl_finding f) {
  size_t k = 0;
  while (k < all->len && !same_finding(&all->items[k], &f))
    k++;
  if (k == all->len) {
    push(all, f);
  } else if (f.nsteps < all->items[k].nsteps) {
    finding_free(&all->items[k]);
    all->items[k] = f;
  } else {
    finding_free(&f);
  }
}

bool cl_findings_add_sarif(cl_findings *all, const char *sarif_text, size_t len,
                           const cl_filter *filter, cs_error *err) {
  json_t *doc = cs_json_parse(sarif_text, len, err);
  if (!doc)
    return false;
  const json_t *runs = cs_json_get_array(doc, "runs"), *results;
  json_t *run, *result;
  size_t r, i;
  json_array_foreach (runs, r, run) {
    results = cs_json_get_array(run, "results");
    json_array_foreach (results, i, result) {
      cl_finding f;
      if (!read_result(result, &f))
        continue;
      f.physical = f.where;
      f.physical.file = cs_xstrdup(f.where.file);
      remap_line_directive(&f.where, filter->package_dirs);
      for (size_t k = 0; k < f.nsteps; k++)
        remap_line_directive(&f.steps[k], filter->package_dirs);
      if (!passes(&f, filter)) {
        finding_free(&f);
        continue;
      }
      add_unique(all, f);
    }
  }
  json_decref(doc);
  return true;
}

/* One location of the vet report: "file", "line", "column". */
static bool read_vet_location(const json_t *obj, cl_location *loc) {
  const char *file = cs_json_get_string(obj, "file");
  if (!file || file[0] != '/')
    return false;
  loc->file = cs_xstrdup(file);
  if (!cs_json_get_int(obj, "line", &loc->line))
    loc->line = 0;
  if (!cs_json_get_int(obj, "column", &loc->column))
    loc->column = 0;
  return true;
}

/* A vet diagnostic: its notes are the path, and the report's own location
 * ends it, as in the analyzer's SARIF. */
static bool read_vet_diagnostic(const json_t *d, cl_finding *f) {
  const char *checker = cs_json_get_string(d, "checker");
  const char *message = cs_json_get_string(d, "message");
  memset(f, 0, sizeof *f);
  if (!checker || !message || !read_vet_location(d, &f->where))
    return false;
  f->rule = cs_xstrdup(checker);
  f->message = cs_xstrdup(message);
  f->physical = f->where;
  f->physical.file = cs_xstrdup(f->where.file);
  const json_t *notes = cs_json_get_array(d, "notes");
  f->steps = cs_xcalloc(json_array_size(notes) + 1, sizeof *f->steps);
  json_t *note;
  size_t i;
  json_array_foreach (notes, i, note) {
    cl_location step = {0};
    const char *text = cs_json_get_string(note, "message");
    if (!text || !read_vet_location(note, &step))
      continue;
    step.message = cs_xstrdup(text);
    f->steps[f->nsteps++] = step;
  }
  cl_location last = f->where;
  last.file = cs_xstrdup(f->where.file);
  last.message = cs_xstrdup(message);
  f->steps[f->nsteps++] = last;
  return true;
}

/* What a Go call may pass as an argument that C keeps, all else (Go memory,
 * C memory freed while kept, what the Go side cannot tell, kinds this
 * reader does not know) being a reason for the C side's report to stand. */
static bool may_keep(const char *passes) {
  static const char *const fine[] = {"c-memory", "c-memory-handed-over", "no-memory"};
  for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
    if (strcmp(passes, fine[i]) == 0)
      return true;
  return false;
}

/* One caller of the report's "keeps": "file", "line", "column", "passes",
 * "findings" (each "checker", "file", "line", "column"). */
static bool read_keep_caller(const json_t *obj, cl_keep_caller *c) {
  memset(c, 0, sizeof *c);
  if (!read_vet_location(obj, &c->call))
    return false;
  const json_t *passes = cs_json_get_array(obj, "passes");
  const json_t *findings = cs_json_get_array(obj, "findings");
  cs_buf b = {0};
  json_t *item;
  size_t i;
  c->fine = json_array_size(passes) > 0;
  json_array_foreach (passes, i, item) {
    const char *kind = json_string_value(item);
    c->fine = c->fine && kind && may_keep(kind);
    cs_buf_printf(&b, "%s%s", i ? ", " : "", kind ? kind : "?");
  }
  c->passes = cs_buf_take(&b);
  c->findings = cs_xcalloc(json_array_size(findings) + 1, sizeof *c->findings);
  json_array_foreach (findings, i, item) {
    cl_location ref = {0};
    const char *checker = cs_json_get_string(item, "checker");
    if (!checker || !read_vet_location(item, &ref))
      continue;
    ref.message = cs_xstrdup(checker);
    c->findings[c->nfindings++] = ref;
  }
  return true;
}

/* The report's "keeps": per C function and argument it keeps, what the Go
 * calls pass. */
static void read_vet_keeps(cl_findings *all, const json_t *keeps) {
  json_t *k, *caller;
  size_t i, j;
  json_array_foreach (keeps, i, k) {
    const char *dir = cs_json_get_string(k, "dir");
    const char *function = cs_json_get_string(k, "function");
    const json_t *callers = cs_json_get_array(k, "callers");
    cl_go_keep keep = {0};
    if (!dir || dir[0] != '/' || !function || !cs_json_get_int(k, "argument", &keep.argument))
      continue;
    keep.dir = cs_xstrdup(dir);
    keep.function = cs_xstrdup(function);
    keep.complete = json_is_true(json_object_get(k, "complete"));
    keep.callers = cs_xcalloc(json_array_size(callers) + 1, sizeof *keep.callers);
    json_array_foreach (callers, j, caller) {
      if (read_keep_caller(caller, &keep.callers[keep.ncallers]))
        keep.ncallers++;
    }
    all->keeps = cs_xrealloc(all->keeps, (all->nkeeps + 1) * sizeof *all->keeps);
    all->keeps[all->nkeeps++] = keep;
  }
}

bool cl_findings_add_vet_json(cl_findings *all, const char *json_text, size_t len,
                              const cl_filter *filter, cs_error *err) {
  json_t *doc = cs_json_parse(json_text, len, err);
  if (!doc)
    return false;
  long version = 0;
  const json_t *diags = cs_json_get_array(doc, "diagnostics");
  if (!cs_json_get_int(doc, "version", &version) || version != 1 || !diags) {
    json_decref(doc);
    return cs_fail(err, "not a cgo-lifetime-vet report of version 1");
  }
  json_t *d;
  size_t i;
  json_array_foreach (diags, i, d) {
    cl_finding f;
    if (!read_vet_diagnostic(d, &f)) {
      finding_free(&f);
      continue;
    }
    if (passes(&f, filter))
      add_unique(all, f);
    else
      finding_free(&f);
  }
  read_vet_keeps(all, cs_json_get_array(doc, "keeps"));
  json_decref(doc);
  return true;
}

/*---- One bug, one finding -------------------------------------------------*/

/* The function and argument a cgo.KeepsGoArgument names: "'f' keeps its 2nd
 * argument ..." (the analyzer's ReportText::keepsGoArgument). */
static bool keeps_subject(const cl_finding *f, char *name, size_t cap, long *arg) {
  char fmt[64];
  snprintf(fmt, sizeof fmt, "'%%%zu[^']' keeps its %%ld", cap - 1);
  return strcmp(f->rule, "cgo.KeepsGoArgument") == 0 && sscanf(f->message, fmt, name, arg) == 2;
}

/* The finding at ref (its message: the checker), or NULL. */
static cl_finding *find_finding(cl_findings *all, const cl_location *ref) {
  for (size_t i = 0; i < all->len; i++)
    if (strcmp(all->items[i].rule, ref->message) == 0 && same_place(&all->items[i].where, ref))
      return &all->items[i];
  return NULL;
}

static bool has_step(const cl_finding *f, const cl_location *step) {
  for (size_t i = 0; i < f->nsteps; i++)
    if (same_place(&f->steps[i], step) && f->steps[i].message && step->message &&
        strcmp(f->steps[i].message, step->message) == 0)
      return true;
  return false;
}

/* Adds the C side's report c to the path of the Go side's finding g, before
 * its own last step: where C stores the pointer, and what the C side says
 * (with its rule). Steps in cgo's generated wrappers are left out. */
static void add_other_end(cl_finding *g, const cl_finding *c) {
  cl_location *extra = cs_xcalloc(c->nsteps + 1, sizeof *extra);
  size_t n = 0;
  for (size_t i = 0; i < c->nsteps; i++) {
    const cl_location *st = &c->steps[i];
    if (cs_ends_with(st->file, CGO_CGO2_SUFFIX))
      continue;
    cl_location copy = *st;
    copy.file = cs_xstrdup(st->file);
    copy.message = i + 1 == c->nsteps
                       ? cs_xasprintf("%s [%s]", st->message ? st->message : c->message, c->rule)
                       : cs_xstrdup(st->message ? st->message : "");
    if (has_step(g, &copy))
      location_free(&copy);
    else
      extra[n++] = copy;
  }
  size_t keep_last = g->nsteps > 0 ? 1 : 0;
  g->steps = cs_xrealloc(g->steps, (g->nsteps + n + 1) * sizeof *g->steps);
  memmove(&g->steps[g->nsteps - keep_last + n], &g->steps[g->nsteps - keep_last],
          keep_last * sizeof *g->steps);
  memcpy(&g->steps[g->nsteps - keep_last], extra, n * sizeof *extra);
  g->nsteps += n;
  free(extra);
}

static void say_at(const char *what, const cl_location *loc, const char *cwd, const char *rest) {
  char *shown = cs_path_relative(loc->file, cwd);
  cs_say("%s at %s:%ld:%ld%s", what, shown, loc->line, loc->column, rest);
  free(shown);
}

/* The package whose Go calls of the C function name (argument arg) weigh
 * the C side's report c: the deepest package directory that holds c's file
 * (a package may have a static C function of the same name as another's), or
 * NULL when no package with such calls does. */
static const char *keeps_package(const cl_findings *all, const cl_finding *c, const char *name,
                                 long arg) {
  const char *best = NULL;
  for (size_t k = 0; k < all->nkeeps; k++) {
    const cl_go_keep *keep = &all->keeps[k];
    if (strcmp(keep->function, name) == 0 && keep->argument == arg &&
        cs_path_inside(c->where.file, keep->dir) && (!best || strlen(keep->dir) > strlen(best)))
      best = keep->dir;
  }
  return best;
}

/* Weighs the C side's report c by the Go calls of its function: merges it
 * into the Go side's findings of the same bug, or finds it answered by the
 * Go calls. Returns whether c goes. */
static bool weigh_keep(cl_findings *all, const cl_finding *c, bool go_complete, bool verbose,
                       const char *cwd) {
  char name[256];
  long arg = 0;
  if (!keeps_subject(c, name, sizeof name, &arg))
    return false;
  bool fine = go_complete;
  size_t ncallers = 0, merged = 0;
  cs_buf calls = {0};
  const char *dir = keeps_package(all, c, name, arg);
  for (size_t k = 0; dir && k < all->nkeeps; k++) {
    const cl_go_keep *keep = &all->keeps[k];
    if (strcmp(keep->function, name) != 0 || keep->argument != arg || strcmp(keep->dir, dir) != 0)
      continue;
    fine = fine && keep->complete;
    for (size_t i = 0; i < keep->ncallers; i++) {
      const cl_keep_caller *caller = &keep->callers[i];
      char *shown = cs_path_relative(caller->call.file, cwd);
      cs_buf_printf(&calls, "%s%s:%ld:%ld (%s)", ncallers ? ", " : "", shown, caller->call.line,
                    caller->call.column, caller->passes);
      free(shown);
      ncallers++;
      fine = fine && caller->fine;
      for (size_t r = 0; r < caller->nfindings; r++) {
        cl_finding *g = find_finding(all, &caller->findings[r]);
        if (!g)
          continue;
        add_other_end(g, c);
        merged++;
        if (verbose) {
          char *shown_g = cs_path_relative(g->where.file, cwd);
          char *rest = cs_xasprintf(" into %s at %s:%ld:%ld: one bug, seen from both sides",
                                    g->rule, shown_g, g->where.line, g->where.column);
          say_at("merged cgo.KeepsGoArgument", &c->where, cwd, rest);
          free(rest);
          free(shown_g);
        }
      }
    }
  }
  char *list = cs_buf_take(&calls);
  bool gone = merged > 0 || (fine && ncallers > 0);
  if (merged == 0 && gone && verbose) {
    char *rest =
        cs_xasprintf(": the Go side followed every Go call of '%s', and none passes "
                     "Go memory as argument %ld or frees what it passes while C keeps it: %s",
                     name, arg, list);
    say_at("dropped cgo.KeepsGoArgument", &c->where, cwd, rest);
    free(rest);
  }
  free(list);
  return gone;
}

void cl_findings_merge_keeps(cl_findings *all, bool go_complete, bool verbose, const char *cwd) {
  bool *gone = cs_xcalloc(all->len + 1, sizeof *gone);
  for (size_t i = 0; i < all->len; i++)
    gone[i] = weigh_keep(all, &all->items[i], go_complete, verbose, cwd);
  size_t out = 0;
  for (size_t i = 0; i < all->len; i++) {
    if (gone[i])
      finding_free(&all->items[i]);
    else
      all->items[out++] = all->items[i];
  }
  all->len = out;
  free(gone);
}

static int compare_findings(const void *pa, const void *pb) {
  const cl_finding *a = pa, *b = pb;
  int c = strcmp(a->where.file, b->where.file);
  if (c)
    return c;
  if (a->where.line != b->where.line)
    return a->where.line < b->where.line ? -1 : 1;
  if (a->where.column != b->where.column)
    return a->where.column < b->where.column ? -1 : 1;
  c = strcmp(a->rule, b->rule);
  return c ? c : strcmp(a->message, b->message);
}

void cl_findings_sort(cl_findings *all) {
  if (all->len > 1)
    qsort(all->items, all->len, sizeof *all->items, compare_findings);
}

static void go_keep_free(cl_go_keep *k) {
  for (size_t i = 0; i < k->ncallers; i++) {
    cl_keep_caller *c = &k->callers[i];
    location_free(&c->call);
    free(c->passes);
    for (size_t r = 0; r < c->nfindings; r++)
      location_free(&c->findings[r]);
    free(c->findings);
  }
  free(k->callers);
  free(k->dir);
  free(k->function);
}

void cl_findings_free(cl_findings *all) {
  for (size_t i = 0; i < all->len; i++)
    finding_free(&all->items[i]);
  free(all->items);
  for (size_t i = 0; i < all->nkeeps; i++)
    go_keep_free(&all->keeps[i]);
  free(all->keeps);
  memset(all, 0, sizeof *all);
}
