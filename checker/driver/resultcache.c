/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE
#include "resultcache.h"

#include "file.h"
#include "proc.h"
#include "sha256.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*---- The key ---------------------------------------------------------------*/

/* One field of the key: the text and a NUL, so that no two fields run into
 * each other. */
static void put(cl_sha256 *s, const char *text) { cl_sha256_update(s, text, strlen(text) + 1); }

/* A file's identity: where it is and when it last changed. */
static void put_identity(cl_sha256 *s, const char *path) {
  struct stat st;
  char line[160];
  if (stat(path, &st) != 0)
    snprintf(line, sizeof line, "missing");
  else
    snprintf(line, sizeof line, "%llu %llu %lld %lld.%09ld", (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
             st.st_mtim.tv_nsec);
  put(s, "tool");
  put(s, path);
  put(s, line);
}

/* A file's name and contents (a file that cannot be read is said so). */
static void put_file(cl_sha256 *s, const char *path) {
  char *text = NULL;
  size_t len = 0;
  cs_error err = {{0}};
  put(s, "file");
  put(s, path);
  if (!cs_read_file(path, &text, &len, &err)) {
    put(s, "unreadable");
    return;
  }
  char n[32];
  snprintf(n, sizeof n, "%zu", len);
  put(s, n);
  cl_sha256_update(s, text, len);
  free(text);
}

/* The names in dir that pass keep (sorted, into names); false when dir
 * cannot be read. */
static bool list_dir(const char *dir, bool (*keep)(const char *dir, const char *name),
                     cs_strlist *names) {
  DIR *d = opendir(dir);
  if (!d)
    return false;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.' && keep(dir, e->d_name))
      cs_strlist_push(names, e->d_name);
  closedir(d);
  cs_strlist_sort(names);
  return true;
}

static bool is_json(const char *dir, const char *name) {
  (void)dir;
  return cs_ends_with(name, ".json");
}

/* The models: each file, or each folder's *.json files (docs/models.md). */
static void put_models(cl_sha256 *s, const char *list) {
  put(s, "models");
  for (const char *p = list ? list : ""; *p;) {
    size_t n = strcspn(p, ";");
    char *path = cs_xstrndup(p, n);
    cs_strlist names = {0};
    if (cs_is_directory(path) && list_dir(path, is_json, &names)) {
      put(s, "folder");
      put(s, path);
      for (size_t i = 0; i < names.len; i++) {
        char *file = cs_path_join(path, names.items[i]);
        put_file(s, file);
        free(file);
      }
    } else {
      put_file(s, path);
    }
    cs_strlist_free(&names);
    free(path);
    p += n + (p[n] == ';');
  }
}

/* A C source or header, or a folder to look into (not a hidden one, not
 * testdata). */
static bool c_or_folder(const char *dir, const char *name) {
  static const char *const exts[] = {".h",   ".hh",  ".hpp", ".hxx", ".c", ".cc",
                                     ".cpp", ".cxx", ".inc", ".def", ".m", NULL};
  for (size_t i = 0; exts[i]; i++)
    if (cs_ends_with(name, exts[i]))
      return true;
  if (strcmp(name, "testdata") == 0)
    return false;
  char *path = cs_path_join(dir, name);
  struct stat st;
  bool folder = lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
  free(path);
  return folder;
}

/* Every C source and header under dir, names and contents: what the C side's
 * #include can reach in the package's own tree. */
static void put_c_tree(cl_sha256 *s, const char *dir) {
  cs_strlist names = {0};
  if (!list_dir(dir, c_or_folder, &names))
    return;
  for (size_t i = 0; i < names.len; i++) {
    char *path = cs_path_join(dir, names.items[i]);
    if (cs_is_directory(path))
      put_c_tree(s, path);
    else
      put_file(s, path);
    free(path);
  }
  cs_strlist_free(&names);
}

/* go env's values that change cgo's output, and GOMODCACHE (new string, into
 * *modcache). */
static bool put_go_env(cl_sha256 *s, const char *go, const char *cwd, char **modcache,
                       cs_error *err) {
  const char *argv[] = {go,           "env",          "GOVERSION",    "GOOS",        "GOARCH",
                        "GOFLAGS",    "GOEXPERIMENT", "CGO_ENABLED",  "CC",          "CXX",
                        "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS", "GOMODCACHE",
                        NULL};
  cs_command cmd = {.argv = argv, .cwd = cwd};
  cs_proc_result res = {0};
  if (!cs_run(&cmd, &res, err))
    return false;
  bool ok = res.exit_code == 0;
  if (!ok) {
    cs_fail(err, "go env failed: %s", res.err_text);
  } else {
    put(s, "go env");
    put(s, res.out);
    /* The last line is GOMODCACHE. */
    size_t n = strlen(res.out);
    while (n > 0 && res.out[n - 1] == '\n')
      n--;
    size_t start = n;
    while (start > 0 && res.out[start - 1] != '\n')
      start--;
    *modcache = cs_xstrndup(res.out + start, n - start);
  }
  cs_proc_result_free(&res);
  return ok;
}

/* go list's template: per package outside GOROOT, "P DIR", "T" for one asked
 * for, "M GOMOD", "F NAME" per file, "I FLAG" per #cgo preprocessor flag. */
static const char list_template[] =
    "{{if not .Goroot}}P {{.Dir}}\n"
    "{{if not .DepOnly}}T\n"
    "{{range .TestGoFiles}}F {{.}}\n{{end}}{{range .XTestGoFiles}}F {{.}}\n{{end}}"
    "{{range .CgoCPPFLAGS}}I {{.}}\n{{end}}{{range .CgoCFLAGS}}I {{.}}\n{{end}}{{end}}"
    "{{with .Module}}M {{.GoMod}}\n{{end}}"
    "{{range .GoFiles}}F {{.}}\n{{end}}{{range .CgoFiles}}F {{.}}\n{{end}}"
    "{{range .CFiles}}F {{.}}\n{{end}}{{range .CXXFiles}}F {{.}}\n{{end}}"
    "{{range .MFiles}}F {{.}}\n{{end}}{{range .HFiles}}F {{.}}\n{{end}}"
    "{{range .FFiles}}F {{.}}\n{{end}}{{range .SFiles}}F {{.}}\n{{end}}"
    "{{range .SwigFiles}}F {{.}}\n{{end}}{{range .SwigCXXFiles}}F {{.}}\n{{end}}"
    "{{range .SysoFiles}}F {{.}}\n{{end}}{{range .EmbedFiles}}F {{.}}\n{{end}}"
    "{{end}}";

/* An -I folder of a package asked for, outside its directory and /usr: its
 * C files are inputs too. */
static void put_include_flag(cl_sha256 *s, const char *dir, const char *flag) {
  if (!cs_starts_with(flag, "-I") || !flag[2])
    return;
  const char *path = flag + 2;
  char *abs = path[0] == '/' ? cs_xstrdup(path) : cs_path_join(dir, path);
  char *real = realpath(abs, NULL);
  bool walked = real && (strcmp(real, dir) == 0 || cs_path_inside(real, dir)); /* as "T" */
  if (real && !walked && !cs_starts_with(real, "/usr/")) {
    put(s, "include");
    put_c_tree(s, real);
  }
  free(real);
  free(abs);
}

/* One line of go list's output; *dir is the package's directory (owned),
 * *immutable says it is in the module cache. */
static void put_list_line(cl_sha256 *s, const char *line, const char *modcache, char **dir,
                          bool *immutable) {
  const char *rest = line + 2;
  if (line[0] == 'P') {
    free(*dir);
    *dir = cs_xstrdup(rest);
    *immutable = modcache[0] && cs_path_inside(*dir, modcache) != NULL;
    put(s, "package");
    put(s, *dir);
  } else if (*immutable || !*dir) {
    return;
  } else if (line[0] == 'T') {
    put_c_tree(s, *dir);
  } else if (line[0] == 'M' && rest[0]) {
    put_file(s, rest);
  } else if (line[0] == 'F') {
    char *path = cs_path_join(*dir, rest);
    put_file(s, path);
    free(path);
  } else if (line[0] == 'I') {
    put_include_flag(s, *dir, rest);
  }
}

/* The packages of one argument and their dependencies. */
static bool put_packages(cl_sha256 *s, const char *go, const char *arg, cs_error *err) {
  char *cwd = NULL, *modcache = NULL;
  const char *pattern;
  cs_go_package_argument(arg, &cwd, &pattern);
  put(s, "argument");
  put(s, arg);
  bool ok = put_go_env(s, go, cwd, &modcache, err);
  const char *argv[] = {go, "list", "-deps", "-f", list_template, "--", pattern, NULL};
  cs_command cmd = {.argv = argv, .cwd = cwd};
  cs_proc_result res = {0};
  if (ok && (ok = cs_run(&cmd, &res, err)) && res.exit_code != 0)
    ok = cs_fail(err, "go list failed: %s", res.err_text);
  char *dir = NULL;
  bool immutable = false;
  for (const char *p = ok ? res.out : ""; *p; p = cs_next_line(p)) {
    char *line = cs_xstrndup(p, strcspn(p, "\n"));
    if (strlen(line) >= 1)
      put_list_line(s, line, modcache, &dir, &immutable);
    free(line);
  }
  free(dir);
  cs_proc_result_free(&res);
  free(modcache);
  free(cwd);
  return ok;
}

bool cl_rc_key(const cl_rc_inputs *in, char key[65], cs_error *err) {
  cl_sha256 s;
  cl_sha256_init(&s);
  put(&s, "cgo-lifetime results 1");
  put(&s, in->settings);
  for (size_t i = 0; i < in->ntools; i++)
    if (in->tools[i])
      put_identity(&s, in->tools[i]);
  put_models(&s, in->models);
  for (size_t i = 0; i < in->packages->len; i++)
    if (!put_packages(&s, in->go, in->packages->items[i], err))
      return false;
  cl_sha256_hex(&s, key);
  return true;
}

/*---- Entries ---------------------------------------------------------------*/

static const char magic[] = "cgo-lifetime results 1\n";

static char *entry_path(const char *cache_dir, const char *key) {
  return cs_xasprintf("%s/results/%s", cache_dir, key);
}

/* "NAME LEN\n" and LEN bytes at *p: the bytes (new string), *p after them. */
static char *take_field(const char **p, const char *end, const char *name, size_t *len) {
  size_t n = strlen(name);
  if ((size_t)(end - *p) < n + 2 || strncmp(*p, name, n) != 0 || (*p)[n] != ' ')
    return NULL;
  char *after = NULL;
  unsigned long long size = strtoull(*p + n + 1, &after, 10);
  if (!after || *after != '\n' || size > (unsigned long long)(end - after - 1))
    return NULL;
  char *bytes = cs_xstrndup(after + 1, (size_t)size);
  *p = after + 1 + size;
  if (len)
    *len = (size_t)size;
  return bytes;
}

bool cl_rc_load(const char *cache_dir, const char *key, cl_rc_entry *e) {
  memset(e, 0, sizeof *e);
  char *path = entry_path(cache_dir, key);
  char *text = NULL;
  size_t len = 0;
  cs_error err = {{0}};
  bool ok = cs_file_exists(path) && cs_read_file(path, &text, &len, &err);
  if (ok) /* used now: kept by trim_entries */
    utimensat(AT_FDCWD, path, NULL, 0);
  free(path);
  if (!ok)
    return false;
  const char *p = text, *end = text + len;
  int status = -1;
  ok = cs_starts_with(p, magic) && sscanf(p + strlen(magic), "status %d\n", &status) == 1 &&
       (status == 0 || status == 1);
  if (ok) {
    p = cs_next_line(p + strlen(magic));
    e->status = status;
    e->notes = take_field(&p, end, "notes", NULL);
    e->report = e->notes ? take_field(&p, end, "report", &e->report_len) : NULL;
    ok = e->report && p == end;
  }
  free(text);
  if (!ok)
    cl_rc_entry_free(e);
  return ok;
}

/* As go's own cache does: at most once a day (by the time of dir/trim.txt),
 * removes the entries not used for five days. Best effort. */
static void trim_entries(const char *dir) {
  enum { DAY = 24 * 60 * 60, UNUSED = 5 * DAY };
  time_t now = time(NULL);
  char *stamp = cs_path_join(dir, "trim.txt");
  struct stat st;
  bool due = stat(stamp, &st) != 0 || st.st_mtime + DAY < now;
  cs_error err = {{0}};
  if (due && cs_write_file(stamp, "", 0, &err)) {
    cs_strlist names = {0};
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
      if (strlen(e->d_name) == 64 && strspn(e->d_name, "0123456789abcdef") == 64)
        cs_strlist_push(&names, e->d_name);
    if (d)
      closedir(d);
    for (size_t i = 0; i < names.len; i++) {
      char *path = cs_path_join(dir, names.items[i]);
      if (stat(path, &st) == 0 && st.st_mtime + UNUSED < now)
        unlink(path);
      free(path);
    }
    cs_strlist_free(&names);
  }
  free(stamp);
}

bool cl_rc_store(const char *cache_dir, const char *key, int status, const char *notes,
                 const char *report, size_t report_len, cs_error *err) {
  char *dir = cs_path_join(cache_dir, "results");
  char *path = entry_path(cache_dir, key);
  cs_buf b = {0};
  cs_buf_printf(&b, "%sstatus %d\nnotes %zu\n%s", magic, status, strlen(notes), notes);
  cs_buf_printf(&b, "report %zu\n", report_len);
  cs_buf_append(&b, report, report_len);
  bool ok = cs_mkdir_p(dir, err) && cs_write_file(path, b.data, b.len, err);
  if (ok)
    trim_entries(dir);
  cs_buf_free(&b);
  free(path);
  free(dir);
  return ok;
}

void cl_rc_entry_free(cl_rc_entry *e) {
  free(e->notes);
  free(e->report);
  memset(e, 0, sizeof *e);
}

/*---- The run's side ---------------------------------------------------------*/

bool cl_rc_serve(const char *cache_dir, const char *key, const char *output, bool verbose,
                 int *status) {
  char *cache = cs_cache_dir(cache_dir);
  cl_rc_entry e;
  bool hit = cl_rc_load(cache, key, &e);
  free(cache);
  if (!hit)
    return false;
  cs_error err = {{0}};
  fputs(e.notes, stderr);
  *status = e.status;
  if (!cs_write_file(output ? output : "-", e.report, e.report_len, &err)) {
    cs_say_error("%s", err.msg);
    *status = 2;
  } else if (verbose) {
    cs_say("results from the cache (key %s)", key);
  }
  cl_rc_entry_free(&e);
  return true;
}

void cl_rc_save(const char *cache_dir, const char *key, int status, const char *report,
                bool verbose) {
  char *cache = cs_cache_dir(cache_dir);
  cs_error err = {{0}};
  if (!cl_rc_store(cache, key, status, cl_rc_notes(), report, strlen(report), &err) && verbose)
    cs_say("results not cached: %s", err.msg);
  free(cache);
}

/*---- The warnings of a run --------------------------------------------------*/

static cs_buf notes;

void cl_rc_relay_line(const char *line, size_t n) {
  fprintf(stderr, "%.*s\n", (int)n, line);
  const char *w = memmem(line, n, "warning: ", strlen("warning: "));
  if (w) {
    cs_buf_append(&notes, line, n);
    cs_buf_putc(&notes, '\n');
  }
}

const char *cl_rc_notes(void) { return notes.data ? notes.data : ""; }
