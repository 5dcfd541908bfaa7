#define _POSIX_C_SOURCE 200809L
#include "gotool.h"

#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const go_env[] = {"CGO_ENABLED=1", NULL};

bool cb_go_run(const cb_go *go, const char *const *args, const char *cwd, cb_proc_result *res,
               cb_error *err) {
  size_t n = 0;
  while (args[n])
    n++;
  const char **argv = cb_xcalloc(n + 2, sizeof *argv);
  argv[0] = go->binary;
  for (size_t i = 0; i < n; i++)
    argv[i + 1] = args[i];
  if (go->verbose) {
    fprintf(stderr, "cgo-boundary: running:");
    for (size_t i = 0; i <= n; i++)
      fprintf(stderr, " %s", argv[i]);
    fprintf(stderr, "%s%s%s\n", cwd ? "  (in " : "", cwd ? cwd : "", cwd ? ")" : "");
  }
  cb_command cmd = {argv, cwd, go_env};
  bool ok = cb_run(&cmd, res, err);
  free(argv);
  return ok;
}

bool cb_go_init(cb_go *go, const char *binary, bool verbose, cb_error *err) {
  memset(go, 0, sizeof *go);
  go->binary = binary;
  go->verbose = verbose;
  cb_proc_result res;
  const char *args[] = {"env", "GOVERSION", NULL};
  cb_error run_err = {{0}};
  if (!cb_go_run(go, args, NULL, &res, &run_err))
    return cb_fail(err, "cannot run Go ('%s'): %s; install Go or name it with --go or $GO", binary,
                   strchr(run_err.msg, ':') ? strchr(run_err.msg, ':') + 2 : run_err.msg);
  if (res.exit_code != 0) {
    char *line = cb_first_line(res.err_text);
    cb_fail(err, "'%s env GOVERSION' failed: %s", binary, line);
    free(line);
    cb_proc_result_free(&res);
    return false;
  }
  go->version = cb_first_line(res.out);
  cb_proc_result_free(&res);
  if (!cb_starts_with(go->version, "go"))
    return cb_fail(err, "'%s' does not look like the go command (version '%s')", binary,
                   go->version);
  return true;
}

void cb_go_free(cb_go *go) {
  free(go->version);
  go->version = NULL;
}

static bool is_directory(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Fills a package from one `go list -json` object. */
static void package_from_json(const json_value *obj, cb_package *pkg) {
  memset(pkg, 0, sizeof *pkg);
  const char *dir = json_get_string(obj, "Dir");
  const char *path = json_get_string(obj, "ImportPath");
  const char *name = json_get_string(obj, "Name");
  pkg->dir = cb_xstrdup(dir ? dir : ".");
  pkg->import_path = cb_xstrdup(path ? path : pkg->dir);
  pkg->name = cb_xstrdup(name ? name : "");
  json_get_strings(obj, "GoFiles", &pkg->go_files);
  json_get_strings(obj, "CgoFiles", &pkg->cgo_files);
  json_get_strings(obj, "CFiles", &pkg->c_files);
  json_get_strings(obj, "HFiles", &pkg->h_files);
  json_get_strings(obj, "CgoCPPFLAGS", &pkg->cflags);
  json_get_strings(obj, "CgoCFLAGS", &pkg->cflags);
}

/* Splits pkg-config's output on white space (it quotes nothing we need). */
static void split_words(const char *text, cb_strlist *out) {
  const char *p = text;
  while (*p) {
    p += strspn(p, " \t\r\n");
    size_t n = strcspn(p, " \t\r\n");
    if (n)
      cb_strlist_push_owned(out, cb_xstrndup(p, n));
    p += n;
  }
}

static bool add_pkg_config_flags(const json_value *obj, cb_package *pkg, cb_error *err) {
  cb_strlist names = {0};
  json_get_strings(obj, "CgoPkgConfig", &names);
  if (names.len == 0)
    return true;
  const char **argv = cb_xcalloc(names.len + 4, sizeof *argv);
  argv[0] = "pkg-config";
  argv[1] = "--cflags";
  argv[2] = "--";
  for (size_t i = 0; i < names.len; i++)
    argv[i + 3] = names.items[i];
  cb_command cmd = {argv, pkg->dir, NULL};
  cb_proc_result res;
  bool ok = cb_run(&cmd, &res, err);
  if (ok && res.exit_code != 0) {
    char *line = cb_first_line(res.err_text);
    ok = cb_fail(err, "pkg-config failed for %s: %s", pkg->import_path, line);
    free(line);
  }
  if (ok)
    split_words(res.out, &pkg->cflags);
  if (res.out)
    cb_proc_result_free(&res);
  free(argv);
  cb_strlist_free(&names);
  return ok;
}

/* One argument: where to run `go list` and with which pattern. */
static void resolve_argument(const char *arg, char **cwd, const char **pattern) {
  *cwd = NULL;
  *pattern = arg;
  if (cb_ends_with(arg, "/...")) {
    char *dir = cb_xstrndup(arg, strlen(arg) - 4);
    if (dir[0] && is_directory(dir)) {
      *cwd = dir;
      *pattern = "./...";
      return;
    }
    free(dir);
  } else if (is_directory(arg)) {
    *cwd = cb_xstrdup(arg);
    *pattern = ".";
  }
}

/* Two arguments may name one package ("." and "./..."): keep it once. */
static bool already_listed(const cb_package *pkgs, size_t npkgs, const char *dir) {
  for (size_t i = 0; dir && i < npkgs; i++)
    if (strcmp(pkgs[i].dir, dir) == 0)
      return true;
  return false;
}

static bool list_one(const cb_go *go, const char *arg, cb_package **pkgs, size_t *npkgs,
                     size_t *without_cgo, cb_error *err) {
  char *cwd;
  const char *pattern;
  resolve_argument(arg, &cwd, &pattern);
  const char *args[] = {"list", "-json", "--", pattern, NULL};
  cb_proc_result res;
  bool is_dir = cwd != NULL;
  bool ok = cb_go_run(go, args, cwd, &res, err);
  free(cwd);
  if (!ok)
    return false;
  if (res.exit_code != 0) {
    char *line = cb_first_line(res.err_text);
    if (is_dir)
      cb_fail(err, "'%s' is not a Go package: %s", arg, line);
    else
      cb_fail(err, "go list failed for '%s': %s", arg, line);
    free(line);
    cb_proc_result_free(&res);
    return false;
  }
  json_parser parser;
  json_parser_init(&parser, res.out, res.out_len);
  json_value *obj;
  while ((ok = json_parse_next(&parser, &obj, err)) && obj) {
    json_value *cgo = json_get_array(obj, "CgoFiles");
    bool duplicate = already_listed(*pkgs, *npkgs, json_get_string(obj, "Dir"));
    if (!cgo || cgo->len == 0) {
      (*without_cgo)++;
    } else if (!duplicate) {
      *pkgs = cb_xrealloc(*pkgs, (*npkgs + 1) * sizeof **pkgs);
      package_from_json(obj, &(*pkgs)[*npkgs]);
      (*npkgs)++;
      ok = add_pkg_config_flags(obj, &(*pkgs)[*npkgs - 1], err);
    }
    json_free(obj);
    if (!ok)
      break;
  }
  if (!ok && strncmp(err->msg, "invalid JSON", 12) == 0) {
    char *copy = cb_xstrdup(err->msg);
    cb_fail(err, "cannot read the output of 'go list -json': %s", copy);
    free(copy);
  }
  cb_proc_result_free(&res);
  return ok;
}

static int compare_packages(const void *a, const void *b) {
  return strcmp(((const cb_package *)a)->import_path, ((const cb_package *)b)->import_path);
}

bool cb_go_list(const cb_go *go, const cb_strlist *args, cb_package **pkgs, size_t *npkgs,
                cb_error *err) {
  *pkgs = NULL;
  *npkgs = 0;
  size_t without_cgo = 0;
  for (size_t i = 0; i < args->len; i++) {
    if (!list_one(go, args->items[i], pkgs, npkgs, &without_cgo, err)) {
      for (size_t j = 0; j < *npkgs; j++)
        cb_package_free(&(*pkgs)[j]);
      free(*pkgs);
      *pkgs = NULL;
      *npkgs = 0;
      return false;
    }
  }
  if (*npkgs == 0) {
    if (args->len == 1)
      return cb_fail(err, "'%s' has no cgo files (no Go file imports \"C\")", args->items[0]);
    return cb_fail(err, "none of the %zu packages uses cgo (no Go file imports \"C\")",
                   without_cgo);
  }
  qsort(*pkgs, *npkgs, sizeof **pkgs, compare_packages);
  return true;
}

bool cb_go_cgo(const cb_go *go, const cb_package *pkg, cb_error *err) {
  /* As `go build` runs it: in the package directory, the package's
   * CPPFLAGS/CFLAGS after `--`, and -I of the objdir first. */
  size_t n = 0;
  const char **args = cb_xcalloc(pkg->cflags.len + pkg->cgo_files.len + 12, sizeof *args);
  args[n++] = "tool";
  args[n++] = "cgo";
  args[n++] = "-objdir";
  args[n++] = pkg->objdir;
  args[n++] = "-importpath";
  args[n++] = pkg->import_path;
  args[n++] = "--";
  args[n++] = "-I";
  args[n++] = pkg->objdir;
  for (size_t i = 0; i < pkg->cflags.len; i++)
    args[n++] = pkg->cflags.items[i];
  for (size_t i = 0; i < pkg->cgo_files.len; i++)
    args[n++] = pkg->cgo_files.items[i];
  args[n] = NULL;
  cb_proc_result res;
  bool ok = cb_go_run(go, args, pkg->dir, &res, err);
  free(args);
  if (!ok)
    return false;
  if (res.exit_code != 0) {
    char *line = cb_first_line(res.err_text);
    cb_fail(err, "'go tool cgo' failed for %s: %s", pkg->import_path, line);
    free(line);
    if (go->verbose)
      fputs(res.err_text, stderr);
  }
  ok = res.exit_code == 0;
  cb_proc_result_free(&res);
  return ok;
}

void cb_escape_facts_free(cb_escape_fact *facts, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(facts[i].file);
    free(facts[i].param);
    free(facts[i].report);
  }
  free(facts);
}

/* Parses "FILE:LINE:COL: MESSAGE" (FILE may start with "./"). */
static bool split_position(const char *line, char **file, int *lineno, const char **message) {
  const char *colon = strchr(line, ':');
  if (!colon)
    return false;
  char *end;
  long l = strtol(colon + 1, &end, 10);
  if (end == colon + 1 || *end != ':')
    return false;
  const char *col = end + 1;
  strtol(col, &end, 10);
  if (end == col || *end != ':' || end[1] != ' ')
    return false;
  const char *name = line;
  if (cb_starts_with(name, "./"))
    name += 2;
  *file = cb_xstrndup(name, (size_t)(colon - name));
  *lineno = (int)l;
  *message = end + 2;
  return true;
}

/* Recognises the escape-analysis messages about a parameter, in the wordings of
 * Go 1.19 through 1.26, and normalises them:
 *   "leaking param: p"                           -> retain
 *   "leaking param: p to result ~r0 level=0"     -> borrow ("leaking param: p to result")
 *   "leaking param content: p"                   -> borrow (only what p points to leaks)
 *   "p does not escape"                          -> borrow
 *   "moved to heap: p"                           -> retain (the variable itself escapes) */
static bool classify(const char *message, char **param, char **report, cb_effect *effect) {
  static const char leak[] = "leaking param: ", content[] = "leaking param content: ";
  static const char moved[] = "moved to heap: ", noescape[] = " does not escape";
  if (cb_starts_with(message, leak)) {
    const char *p = message + strlen(leak);
    size_t n = strcspn(p, " ");
    *param = cb_xstrndup(p, n);
    if (cb_starts_with(p + n, " to result")) {
      *report = cb_xasprintf("leaking param: %s to result", *param);
      *effect = CB_EFFECT_BORROW;
    } else {
      *report = cb_xasprintf("leaking param: %s", *param);
      *effect = CB_EFFECT_RETAIN;
    }
    return true;
  }
  if (cb_starts_with(message, content)) {
    *param = cb_xstrndup(message + strlen(content), strcspn(message + strlen(content), " "));
    *report = cb_xasprintf("leaking param content: %s", *param);
    *effect = CB_EFFECT_BORROW;
    return true;
  }
  if (cb_starts_with(message, moved)) {
    *param = cb_xstrndup(message + strlen(moved), strcspn(message + strlen(moved), " "));
    *report = cb_xasprintf("moved to heap: %s", *param);
    *effect = CB_EFFECT_RETAIN;
    return true;
  }
  const char *tail = strstr(message, noescape);
  bool whole = tail && tail[strlen(noescape)] == '\0' && tail > message &&
               memchr(message, ' ', (size_t)(tail - message)) == NULL;
  if (whole) {
    *param = cb_xstrndup(message, (size_t)(tail - message));
    *report = cb_xasprintf("%s does not escape", *param);
    *effect = CB_EFFECT_BORROW;
    return true;
  }
  return false;
}

static void parse_escape_output(const char *text, cb_escape_fact **facts, size_t *nfacts) {
  const char *p = text;
  while (*p) {
    size_t n = strcspn(p, "\n");
    char *line = cb_xstrndup(p, n);
    p += n + (p[n] == '\n');
    char *file;
    int lineno;
    const char *message;
    char *param, *report;
    cb_effect effect;
    if (split_position(line, &file, &lineno, &message)) {
      if (cb_ends_with(file, ".go") && classify(message, &param, &report, &effect)) {
        *facts = cb_xrealloc(*facts, (*nfacts + 1) * sizeof **facts);
        (*facts)[(*nfacts)++] = (cb_escape_fact){file, lineno, param, report, effect};
        file = NULL;
      }
      free(file);
    }
    free(line);
  }
}

/* The directory of "WORK=DIR" that `go build -work` prints first, or NULL. */
static char *work_directory(const char *text) {
  for (const char *p = text; *p; p = cb_next_line(p))
    if (cb_starts_with(p, "WORK=/"))
      return cb_xstrndup(p + 5, strcspn(p + 5, "\n"));
  return NULL;
}

bool cb_go_escape(const cb_go *go, const cb_package *pkg, cb_escape_fact **facts, size_t *nfacts,
                  char **warning, char **work, cb_error *err) {
  *facts = NULL;
  *nfacts = 0;
  *warning = NULL;
  *work = NULL;
  /* The compiler's output is replayed from the build cache when the package
   * is not recompiled (Go 1.19 and later), so no -a is needed. -work keeps
   * the build's directory, where cgo's output is when the build ran cgo. */
  const char *args[] = {"build", "-work", "-gcflags=-m", "-o", "/dev/null", ".", NULL};
  cb_proc_result res;
  if (!cb_go_run(go, args, pkg->dir, &res, err))
    return false;
  *work = work_directory(res.err_text);
  parse_escape_output(res.err_text, facts, nfacts);
  if (res.exit_code != 0) {
    char *first = NULL;
    /* Skip the WORK= line and the "# import/path" header go prints before a
     * package's output. */
    const char *p = res.err_text;
    while (*p == '#' || cb_starts_with(p, "WORK="))
      p = cb_next_line(p);
    first = cb_first_line(p);
    *warning = cb_xasprintf("'go build -gcflags=-m' failed for %s (%s); escape analysis facts are "
                            "incomplete", pkg->import_path, first);
    free(first);
  }
  cb_proc_result_free(&res);
  return true;
}
