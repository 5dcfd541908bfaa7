/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE
#include "render.h"

#include "file.h"
#include "json.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The rules this tool reports, for SARIF's tool.driver.rules: the checkers
 * of the C side (CgoLifetime.so's), then those of the Go side (the
 * CGO_GO_CHECKER entries, listed when the Go side ran), in the order of
 * Checkers.def. */
typedef struct rule_doc {
  const char *rule;        /* reportingDescriptor.id */
  const char *id;          /* its name */
  const char *checker;     /* the checker's full name */
  const char *page;        /* relative to the docs' base URL */
  const char *title;       /* shortDescription */
  const char *description; /* fullDescription */
  const char *fix;         /* help */
  bool go_side;            /* a checker of cgo-lifetime-vet */
} rule_doc;

static const rule_doc rules[] = {
#define CGO_C_CHECKER(ID, NAME, RULE, PAGE, TIDY, TITLE, HELP, DESCRIPTION, FIX)                   \
  {RULE, #ID, NAME, PAGE, TITLE, DESCRIPTION, FIX, false},
#define CGO_GO_CHECKER(ID, NAME, RULE, PAGE, TITLE, HELP, DESCRIPTION, FIX)                        \
  {RULE, #ID, NAME, PAGE, TITLE, DESCRIPTION, FIX, true},
#include "cgo-lifetime/Checkers.def"
};
enum { NRULES = sizeof rules / sizeof rules[0] };

static bool rule_listed(const rule_doc *r, bool go_side) { return !r->go_side || go_side; }

/* The index of rule in the run's list of rules, or -1. */
static int rule_index(const char *rule, bool go_side) {
  int index = 0;
  for (int i = 0; i < NRULES; i++) {
    if (!rule_listed(&rules[i], go_side))
      continue;
    if (strcmp(rules[i].rule, rule) == 0)
      return index;
    index++;
  }
  return -1;
}

static void print_location(FILE *out, const cl_location *loc, const char *cwd) {
  char *shown = cs_path_relative(loc->file, cwd);
  fprintf(out, "%s:%ld:%ld", shown, loc->line, loc->column);
  free(shown);
}

void cl_render_text(const cl_findings *all, const char *cwd, FILE *out) {
  for (size_t i = 0; i < all->len; i++) {
    const cl_finding *f = &all->items[i];
    print_location(out, &f->where, cwd);
    fprintf(out, ": warning: %s [%s]\n", f->message, f->rule);
    for (size_t s = 0; s < f->nsteps; s++) {
      print_location(out, &f->steps[s], cwd);
      fprintf(out, ": note: %s\n", f->steps[s].message);
    }
  }
  if (all->len > 0)
    fprintf(out, "%zu warning%s generated.\n", all->len, all->len == 1 ? "" : "s");
}

/* path relative to root when it is inside root (also when root is "/"), else
 * a copy of path. */
static char *relative_to_root(const char *path, const char *root) {
  if (strcmp(root, "/") == 0 && path[0] == '/' && path[1])
    return cs_xstrdup(path + 1);
  return cs_path_relative(path, root);
}

/* A SARIF artifactLocation for path. */
static json_t *artifact(const char *path, const char *root) {
  json_t *a = json_object();
  char *rel = relative_to_root(path, root);
  if (rel[0] != '/') {
    json_object_set_new(a, "uri", cs_json_string(rel));
    json_object_set_new(a, "uriBaseId", cs_json_string("%SRCROOT%"));
  } else {
    char *uri = cs_xasprintf("file://%s", path);
    json_object_set_new(a, "uri", cs_json_string(uri));
    free(uri);
  }
  free(rel);
  return a;
}

static json_t *text_object(const char *text) {
  json_t *o = json_object();
  json_object_set_new(o, "text", cs_json_string(text));
  return o;
}

static json_t *physical(const cl_location *loc, const char *root) {
  json_t *phys = json_object();
  json_object_set_new(phys, "artifactLocation", artifact(loc->file, root));
  json_t *region = json_object();
  json_object_set_new(region, "startLine", json_integer(loc->line > 0 ? loc->line : 1));
  if (loc->column > 0)
    json_object_set_new(region, "startColumn", json_integer(loc->column));
  json_object_set_new(phys, "region", region);
  return phys;
}

static json_t *rule_json(const rule_doc *r, const char *docs) {
  json_t *o = json_object();
  json_object_set_new(o, "id", cs_json_string(r->rule));
  json_object_set_new(o, "name", cs_json_string(r->id));
  json_object_set_new(o, "shortDescription", text_object(r->title));
  json_object_set_new(o, "fullDescription", text_object(r->description));
  json_t *help = json_object();
  json_object_set_new(help, "text", cs_json_string(r->fix));
  char *md =
      cs_xasprintf("%s\n\nSee the [%s documentation](%s%s).", r->fix, r->checker, docs, r->page);
  json_object_set_new(help, "markdown", cs_json_string(md));
  free(md);
  json_object_set_new(o, "help", help);
  char *uri = cs_xasprintf("%s%s", docs, r->page);
  json_object_set_new(o, "helpUri", cs_json_string(uri));
  free(uri);
  json_t *conf = json_object();
  json_object_set_new(conf, "level", cs_json_string("error"));
  json_object_set_new(o, "defaultConfiguration", conf);
  json_t *props = json_object();
  json_t *tags = json_array();
  json_array_append_new(tags, cs_json_string("security"));
  json_array_append_new(tags, cs_json_string("memory-safety"));
  json_array_append_new(tags, cs_json_string("cgo"));
  json_object_set_new(props, "tags", tags);
  json_object_set_new(props, "precision", cs_json_string("high"));
  json_object_set_new(props, "problem.severity", cs_json_string("error"));
  json_object_set_new(o, "properties", props);
  return o;
}

static json_t *result_json(const cl_finding *f, const char *root, bool go_side) {
  json_t *res = json_object();
  json_object_set_new(res, "ruleId", cs_json_string(f->rule));
  int idx = rule_index(f->rule, go_side);
  if (idx >= 0)
    json_object_set_new(res, "ruleIndex", json_integer(idx));
  json_object_set_new(res, "level", cs_json_string("error"));
  json_object_set_new(res, "message", text_object(f->message));
  json_t *locs = json_array();
  json_t *loc = json_object();
  json_object_set_new(loc, "physicalLocation", physical(&f->where, root));
  json_array_append_new(locs, loc);
  json_object_set_new(res, "locations", locs);
  if (f->nsteps > 0) {
    json_t *tlocs = json_array();
    for (size_t s = 0; s < f->nsteps; s++) {
      json_t *tl = json_object();
      json_t *l = json_object();
      json_object_set_new(l, "physicalLocation", physical(&f->steps[s], root));
      json_object_set_new(l, "message", text_object(f->steps[s].message));
      json_object_set_new(tl, "location", l);
      json_object_set_new(tl, "importance", cs_json_string("essential"));
      json_array_append_new(tlocs, tl);
    }
    json_t *thread = json_object();
    json_object_set_new(thread, "locations", tlocs);
    json_t *threads = json_array();
    json_array_append_new(threads, thread);
    json_t *flow = json_object();
    json_object_set_new(flow, "threadFlows", threads);
    json_t *flows = json_array();
    json_array_append_new(flows, flow);
    json_object_set_new(res, "codeFlows", flows);
  }
  return res;
}

/* root without trailing slashes ("/" stays "/"; new string). */
static char *trim_root(const char *root) {
  size_t n = strlen(root);
  while (n > 1 && root[n - 1] == '/')
    n--;
  return cs_xstrndup(root, n);
}

char *cl_render_sarif(const cl_findings *all, const char *root_dir, const char *version,
                      const char *docs, bool go_side) {
  char *root = trim_root(root_dir);
  json_t *driver = json_object();
  json_object_set_new(driver, "name", cs_json_string("cgo-lifetime"));
  json_object_set_new(driver, "version", cs_json_string(version));
  json_object_set_new(driver, "semanticVersion", cs_json_string(version));
  json_object_set_new(driver, "informationUri", cs_json_string(docs));
  json_t *rule_list = json_array();
  for (int i = 0; i < NRULES; i++)
    if (rule_listed(&rules[i], go_side))
      json_array_append_new(rule_list, rule_json(&rules[i], docs));
  json_object_set_new(driver, "rules", rule_list);
  json_t *tool = json_object();
  json_object_set_new(tool, "driver", driver);

  json_t *run = json_object();
  json_object_set_new(run, "tool", tool);
  json_t *bases = json_object();
  json_t *srcroot = json_object();
  char *root_uri = cs_xasprintf("file://%s%s", root, strcmp(root, "/") == 0 ? "" : "/");
  json_object_set_new(srcroot, "uri", cs_json_string(root_uri));
  free(root_uri);
  json_object_set_new(bases, "%SRCROOT%", srcroot);
  json_object_set_new(run, "originalUriBaseIds", bases);
  json_t *results = json_array();
  for (size_t i = 0; i < all->len; i++)
    json_array_append_new(results, result_json(&all->items[i], root, go_side));
  json_object_set_new(run, "results", results);
  json_object_set_new(run, "columnKind", cs_json_string("unicodeCodePoints"));

  json_t *doc = json_object();
  json_object_set_new(doc, "$schema",
                      cs_json_string("https://json.schemastore.org/sarif-2.1.0.json"));
  json_object_set_new(doc, "version", cs_json_string("2.1.0"));
  json_t *runs = json_array();
  json_array_append_new(runs, run);
  json_object_set_new(doc, "runs", runs);
  cs_buf out = {0};
  cs_json_write(doc, &out);
  json_decref(doc);
  free(root);
  return cs_buf_take(&out);
}

/* The value of "<!-- KEY value -->" in an HTML report (new string). */
static char *html_meta(const char *html, const char *key) {
  char *needle = cs_xasprintf("<!-- %s ", key);
  const char *p = strstr(html, needle);
  size_t skip = strlen(needle);
  free(needle);
  if (!p)
    return NULL;
  p += skip;
  const char *end = strstr(p, " -->");
  return end ? cs_xstrndup(p, (size_t)(end - p)) : NULL;
}

/* The finding an HTML report belongs to, or -1. */
static long match_report(const cl_findings *all, const char *html) {
  char *file = html_meta(html, "BUGFILE"), *line = html_meta(html, "BUGLINE");
  char *col = html_meta(html, "BUGCOLUMN"), *desc = html_meta(html, "BUGDESC");
  long found = -1;
  if (file && line && col && desc)
    for (size_t i = 0; i < all->len && found < 0; i++) {
      const cl_finding *f = &all->items[i];
      if (strcmp(f->physical.file, file) == 0 && f->physical.line == atol(line) &&
          f->physical.column == atol(col) && strcmp(f->message, desc) == 0)
        found = (long)i;
    }
  free(file);
  free(line);
  free(col);
  free(desc);
  return found;
}

static void html_escape(cs_buf *b, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '<': cs_buf_puts(b, "&lt;"); break;
    case '>': cs_buf_puts(b, "&gt;"); break;
    case '&': cs_buf_puts(b, "&amp;"); break;
    case '"': cs_buf_puts(b, "&quot;"); break;
    default: cs_buf_putc(b, *s);
    }
  }
}

/* Line n (1-based) of text, without its newline, into b; false past the end. */
static bool source_line(const char *text, long n, cs_buf *line) {
  const char *p = text;
  for (long i = 1; i < n && *p; i++)
    p = cs_next_line(p);
  if (!*p)
    return false;
  cs_buf_append(line, p, strcspn(p, "\n"));
  return true;
}

/* One location of a page of ours: "file:line:col", its message, and the
 * source line it points to (when the file can be read). */
static void page_location(cs_buf *b, const cl_location *l, const char *cwd, const char *what) {
  char *shown = cs_path_relative(l->file, cwd);
  cs_buf_puts(b, "<li><p><b>");
  html_escape(b, shown);
  cs_buf_printf(b, ":%ld:%ld</b>: ", l->line, l->column);
  html_escape(b, what);
  cs_buf_puts(b, "</p>");
  char *text = NULL;
  size_t len = 0;
  cs_error ignored = {{0}};
  cs_buf line = {0};
  if (l->line > 0 && cs_read_file(l->file, &text, &len, &ignored) &&
      source_line(text, l->line, &line)) {
    cs_buf_printf(b, "<pre>%5ld | ", l->line);
    char *code = cs_buf_take(&line);
    html_escape(b, code ? code : "");
    free(code);
    cs_buf_puts(b, "</pre>");
  }
  cs_buf_free(&line);
  free(text);
  free(shown);
  cs_buf_puts(b, "</li>\n");
}

/* A page for a finding clang wrote none for (the Go side's, or a C report
 * merged into one of them): its message and its path, step by step, with the
 * source lines (new string: the page's file name), or NULL. */
static char *own_page(const cl_finding *f, size_t index, const char *out_dir, const char *cwd,
                      cs_error *err) {
  cs_buf b = {0};
  cs_buf_puts(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
  html_escape(&b, f->rule);
  cs_buf_puts(&b, "</title><style>body{font-family:sans-serif}pre{background:#f4f4f4;margin:0 0 "
                  "8px 0;padding:2px}</style></head><body>\n<h1>");
  html_escape(&b, f->rule);
  cs_buf_puts(&b, "</h1>\n<p>");
  html_escape(&b, f->message);
  cs_buf_puts(&b, "</p>\n<ol>\n");
  for (size_t k = 0; k < f->nsteps; k++)
    page_location(&b, &f->steps[k], cwd, f->steps[k].message ? f->steps[k].message : "");
  if (f->nsteps == 0)
    page_location(&b, &f->where, cwd, f->message);
  cs_buf_puts(&b, "</ol>\n<p><a href=\"index.html\">All findings</a></p>\n</body></html>\n");
  char *name = cs_xasprintf("report-cgo-lifetime-%zu.html", index + 1);
  char *dest = cs_path_join(out_dir, name);
  bool ok = cs_write_file(dest, b.data, b.len, err);
  free(dest);
  cs_buf_free(&b);
  if (!ok) {
    free(name);
    return NULL;
  }
  return name;
}

bool cl_render_html(const cl_findings *all, const cs_strlist *report_dirs, const char *out_dir,
                    const char *cwd, cs_error *err) {
  /* The report-*.html pages an earlier run left in out_dir go, so that the
   * directory holds only what the new index lists. */
  if (!cs_mkdir_p(out_dir, err) || !cs_remove_files(out_dir, "report-", ".html", err))
    return false;
  char **pages = cs_xcalloc(all->len ? all->len : 1, sizeof *pages);
  for (size_t d = 0; d < report_dirs->len; d++) {
    DIR *dir = opendir(report_dirs->items[d]);
    if (!dir)
      continue;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
      if (!cs_starts_with(e->d_name, "report-") || !cs_ends_with(e->d_name, ".html"))
        continue;
      char *path = cs_path_join(report_dirs->items[d], e->d_name);
      char *text = NULL;
      size_t len = 0;
      if (cs_read_file(path, &text, &len, err)) {
        long i = match_report(all, text);
        if (i >= 0 && !pages[i]) {
          char *dest = cs_path_join(out_dir, e->d_name);
          if (cs_write_file(dest, text, len, err))
            pages[i] = cs_xstrdup(e->d_name);
          free(dest);
        }
      }
      free(text);
      free(path);
    }
    closedir(dir);
  }
  for (size_t i = 0; i < all->len; i++) {
    if (!pages[i] && !(pages[i] = own_page(&all->items[i], i, out_dir, cwd, err))) {
      for (size_t k = 0; k < all->len; k++)
        free(pages[k]);
      free(pages);
      return false;
    }
  }
  cs_buf b = {0};
  cs_buf_puts(
      &b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>cgo-lifetime report</title>"
          "<style>body{font-family:sans-serif}td{padding:2px 8px}</style></head><body>\n"
          "<h1>cgo-lifetime report</h1>\n");
  cs_buf_printf(
      &b,
      "<p>%zu "
      "finding%s.</p>\n<table>\n<tr><th>Checker</th><th>Location</th><th>Message</th></tr>\n",
      all->len, all->len == 1 ? "" : "s");
  for (size_t i = 0; i < all->len; i++) {
    const cl_finding *f = &all->items[i];
    char *shown = cs_path_relative(f->where.file, cwd);
    cs_buf_puts(&b, "<tr><td>");
    html_escape(&b, f->rule);
    cs_buf_puts(&b, "</td><td>");
    if (pages[i])
      cs_buf_printf(&b, "<a href=\"%s\">", pages[i]);
    html_escape(&b, shown);
    cs_buf_printf(&b, ":%ld:%ld", f->where.line, f->where.column);
    if (pages[i])
      cs_buf_puts(&b, "</a>");
    cs_buf_puts(&b, "</td><td>");
    html_escape(&b, f->message);
    cs_buf_puts(&b, "</td></tr>\n");
    free(shown);
    free(pages[i]);
  }
  free(pages);
  cs_buf_puts(&b, "</table>\n</body></html>\n");
  char *index = cs_path_join(out_dir, "index.html");
  bool ok = cs_write_file(index, b.data, b.len, err);
  free(index);
  cs_buf_free(&b);
  return ok;
}
