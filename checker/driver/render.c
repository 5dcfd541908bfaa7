#define _GNU_SOURCE
#include "render.h"

#include "file.h"
#include "json.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The rules this tool reports, for SARIF's tool.driver.rules. */
typedef struct rule_doc {
  const char *id;
  const char *short_text;
  const char *full_text;
  const char *help;
} rule_doc;

static const rule_doc rules[] = {
    {"cgo.FreedToGo", "Freed C memory reaches Go",
     "A pointer to freed C memory is handed to Go: as an argument of a Go export, as the result or "
     "out-parameter of a C function that Go calls, or in a C global that Go reads.",
     "Release the block only after Go is done with it, return NULL on error paths, and clear "
     "out-parameters and Go-read globals that point to freed memory."},
    {"cgo.FreeWhileGoHolds", "C frees memory that Go still holds",
     "C frees, reallocates or pops memory that it passed to a Go export which keeps the pointer "
     "(a map, a global, a closure): Go later reads freed memory.",
     "Let Go drop its reference first (call the export that deletes the map entry), give Go a "
     "runtime/cgo.Handle or a copy instead of the raw pointer, or let Go own and free the block."},
    {"cgo.KeepsGoArgument", "A Go-called C function keeps a pointer Go owns",
     "A C function called from Go stores a pointer argument where it outlives the call (a global, "
     "a static, memory a global points to); Go may free it (defer C.free) or move it.",
     "Copy the data (strdup), or declare that the function takes ownership "
     "(ownership_takes, the manifest's takes_ownership) and make sure Go does not free it."},
    {"cgo.NoEscapePromise", "A C function breaks its '#cgo noescape' promise",
     "A C function named by '#cgo noescape' keeps a pointer argument after the call, returns it, "
     "or passes it to Go: Go may have left the object on its stack, so the program may crash "
     "or see memory corruption.",
     "Copy what the function must keep instead of keeping Go's pointer, or drop the "
     "'#cgo noescape' directive for the function."},
    {"cgo.NoCallbackPromise", "A C function breaks its '#cgo nocallback' promise",
     "A C function named by '#cgo nocallback' calls a Go export, directly or through a callee: "
     "the program panics when it happens.",
     "Move the callback out of the function (return a status to the Go caller), or drop the "
     "'#cgo nocallback' directive for the function."},
};
enum { NRULES = sizeof rules / sizeof rules[0] };

static int rule_index(const char *id) {
  for (int i = 0; i < NRULES; i++)
    if (strcmp(rules[i].id, id) == 0)
      return i;
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
static json_value *artifact(const char *path, const char *root) {
  json_value *a = json_new_object();
  char *rel = relative_to_root(path, root);
  if (rel[0] != '/') {
    json_object_add(a, "uri", json_new_string(rel));
    json_object_add(a, "uriBaseId", json_new_string("%SRCROOT%"));
  } else {
    char *uri = cs_xasprintf("file://%s", path);
    json_object_add(a, "uri", json_new_string(uri));
    free(uri);
  }
  free(rel);
  return a;
}

static json_value *text_object(const char *text) {
  json_value *o = json_new_object();
  json_object_add(o, "text", json_new_string(text));
  return o;
}

static json_value *physical(const cl_location *loc, const char *root) {
  json_value *phys = json_new_object();
  json_object_add(phys, "artifactLocation", artifact(loc->file, root));
  json_value *region = json_new_object();
  json_object_add(region, "startLine", json_new_int(loc->line > 0 ? loc->line : 1));
  if (loc->column > 0)
    json_object_add(region, "startColumn", json_new_int(loc->column));
  json_object_add(phys, "region", region);
  return phys;
}

static json_value *rule_json(const rule_doc *r, const char *docs) {
  json_value *o = json_new_object();
  json_object_add(o, "id", json_new_string(r->id));
  json_object_add(o, "name", json_new_string(r->id + strlen("cgo.")));
  json_object_add(o, "shortDescription", text_object(r->short_text));
  json_object_add(o, "fullDescription", text_object(r->full_text));
  json_value *help = json_new_object();
  json_object_add(help, "text", json_new_string(r->help));
  char *md = cs_xasprintf("%s\n\nSee the [%s documentation](%s%s.md).", r->help, r->id, docs,
                          r->id + strlen("cgo."));
  json_object_add(help, "markdown", json_new_string(md));
  free(md);
  json_object_add(o, "help", help);
  char *uri = cs_xasprintf("%s%s.md", docs, r->id + strlen("cgo."));
  json_object_add(o, "helpUri", json_new_string(uri));
  free(uri);
  json_value *conf = json_new_object();
  json_object_add(conf, "level", json_new_string("error"));
  json_object_add(o, "defaultConfiguration", conf);
  json_value *props = json_new_object();
  json_value *tags = json_new_array();
  json_array_add(tags, json_new_string("security"));
  json_array_add(tags, json_new_string("memory-safety"));
  json_array_add(tags, json_new_string("cgo"));
  json_object_add(props, "tags", tags);
  json_object_add(props, "precision", json_new_string("high"));
  json_object_add(props, "problem.severity", json_new_string("error"));
  json_object_add(o, "properties", props);
  return o;
}

static json_value *result_json(const cl_finding *f, const char *root) {
  json_value *res = json_new_object();
  json_object_add(res, "ruleId", json_new_string(f->rule));
  int idx = rule_index(f->rule);
  if (idx >= 0)
    json_object_add(res, "ruleIndex", json_new_int(idx));
  json_object_add(res, "level", json_new_string("error"));
  json_object_add(res, "message", text_object(f->message));
  json_value *locs = json_new_array();
  json_value *loc = json_new_object();
  json_object_add(loc, "physicalLocation", physical(&f->where, root));
  json_array_add(locs, loc);
  json_object_add(res, "locations", locs);
  if (f->nsteps > 0) {
    json_value *tlocs = json_new_array();
    for (size_t s = 0; s < f->nsteps; s++) {
      json_value *tl = json_new_object();
      json_value *l = json_new_object();
      json_object_add(l, "physicalLocation", physical(&f->steps[s], root));
      json_object_add(l, "message", text_object(f->steps[s].message));
      json_object_add(tl, "location", l);
      json_object_add(tl, "importance", json_new_string("essential"));
      json_array_add(tlocs, tl);
    }
    json_value *thread = json_new_object();
    json_object_add(thread, "locations", tlocs);
    json_value *threads = json_new_array();
    json_array_add(threads, thread);
    json_value *flow = json_new_object();
    json_object_add(flow, "threadFlows", threads);
    json_value *flows = json_new_array();
    json_array_add(flows, flow);
    json_object_add(res, "codeFlows", flows);
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
                      const char *docs) {
  char *root = trim_root(root_dir);
  json_value *driver = json_new_object();
  json_object_add(driver, "name", json_new_string("cgo-lifetime"));
  json_object_add(driver, "version", json_new_string(version));
  json_object_add(driver, "semanticVersion", json_new_string(version));
  json_object_add(driver, "informationUri", json_new_string(docs));
  json_value *rule_list = json_new_array();
  for (int i = 0; i < NRULES; i++)
    json_array_add(rule_list, rule_json(&rules[i], docs));
  json_object_add(driver, "rules", rule_list);
  json_value *tool = json_new_object();
  json_object_add(tool, "driver", driver);

  json_value *run = json_new_object();
  json_object_add(run, "tool", tool);
  json_value *bases = json_new_object();
  json_value *srcroot = json_new_object();
  char *root_uri = cs_xasprintf("file://%s%s", root, strcmp(root, "/") == 0 ? "" : "/");
  json_object_add(srcroot, "uri", json_new_string(root_uri));
  free(root_uri);
  json_object_add(bases, "%SRCROOT%", srcroot);
  json_object_add(run, "originalUriBaseIds", bases);
  json_value *results = json_new_array();
  for (size_t i = 0; i < all->len; i++)
    json_array_add(results, result_json(&all->items[i], root));
  json_object_add(run, "results", results);
  json_object_add(run, "columnKind", json_new_string("unicodeCodePoints"));

  json_value *doc = json_new_object();
  json_object_add(doc, "$schema", json_new_string("https://json.schemastore.org/sarif-2.1.0.json"));
  json_object_add(doc, "version", json_new_string("2.1.0"));
  json_value *runs = json_new_array();
  json_array_add(runs, run);
  json_object_add(doc, "runs", runs);
  cs_buf out = {0};
  json_write(doc, &out);
  json_free(doc);
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
