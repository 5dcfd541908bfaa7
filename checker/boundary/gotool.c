/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _POSIX_C_SOURCE 200809L
#include "gotool.h"

#include "file.h"
#include "json.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const go_env[] = {"CGO_ENABLED=1", NULL};

bool cb_go_run(const cb_go *go, const char *const *args, const char *cwd, cs_proc_result *res,
               cs_error *err) {
  size_t n = 0;
  while (args[n])
    n++;
  const char **argv = cs_xcalloc(n + 2, sizeof *argv);
  argv[0] = go->binary;
  for (size_t i = 0; i < n; i++)
    argv[i + 1] = args[i];
  if (go->verbose) {
    char *line = cs_join(argv, n + 1, " ");
    cs_say("running: %s%s%s%s", line, cwd ? "  (in " : "", cwd ? cwd : "", cwd ? ")" : "");
    free(line);
  }
  cs_command cmd = {.argv = argv, .cwd = cwd, .env = go_env};
  bool ok = cs_run(&cmd, res, err);
  free(argv);
  return ok;
}

/* Splits a flags variable as the go command does (cmd/internal/quoted):
 * on blanks, with '...' or "..." quoting a word (no escapes). False when a
 * quote is not closed. */
static bool split_quoted(const char *text, cs_strlist *out) {
  cs_buf word = {0};
  bool in_word = false;
  char quote = 0;
  for (const char *p = text;; p++) {
    char c = *p;
    if (c == 0 || (!quote && (c == ' ' || c == '\t' || c == '\n' || c == '\r'))) {
      if (quote) {
        cs_buf_free(&word);
        return false;
      }
      if (in_word)
        cs_strlist_push_owned(out, cs_buf_take(&word));
      in_word = false;
      if (c == 0)
        break;
    } else if (quote && c == quote) {
      quote = 0;
    } else if (!quote && !in_word && (c == '\'' || c == '"')) {
      quote = c;
      in_word = true;
    } else {
      cs_buf_putc(&word, c);
      in_word = true;
    }
  }
  cs_buf_free(&word);
  return true;
}

/* Line i (0-based) of text, without its newline (new string). */
static char *nth_line(const char *text, int i) {
  const char *p = text;
  for (; i > 0 && *p; i--)
    p = cs_next_line(p);
  return cs_xstrndup(p, strcspn(p, "\n"));
}

bool cb_go_init(cb_go *go, const char *binary, bool verbose, cs_error *err) {
  memset(go, 0, sizeof *go);
  go->binary = binary;
  go->verbose = verbose;
  cs_proc_result res;
  /* `go env` gives the environment's CGO_* values, else those of go env -w,
   * else Go's defaults: what `go build` uses. */
  const char *args[] = {"env", "GOVERSION", "CGO_CPPFLAGS", "CGO_CFLAGS", NULL};
  cs_error run_err = {{0}};
  if (!cb_go_run(go, args, NULL, &res, &run_err))
    return cs_fail(err, "cannot run Go ('%s'): %s; install Go or name it with --go or $GO", binary,
                   strchr(run_err.msg, ':') ? strchr(run_err.msg, ':') + 2 : run_err.msg);
  if (res.exit_code != 0) {
    char *reason = cs_tool_reason(res.err_text);
    cs_fail(err, "'%s env GOVERSION' failed: %s", binary, reason);
    free(reason);
    cs_proc_result_free(&res);
    return false;
  }
  go->version = nth_line(res.out, 0);
  char *cppflags = nth_line(res.out, 1), *cflags = nth_line(res.out, 2);
  bool ok = true;
  if (!cs_starts_with(go->version, "go"))
    ok = cs_fail(err, "'%s' does not look like the go command (version '%s')", binary, go->version);
  else if (!split_quoted(cppflags, &go->cppflags) || !split_quoted(cflags, &go->cflags))
    ok = cs_fail(err,
                 "cannot split CGO_CPPFLAGS '%s' or CGO_CFLAGS '%s' as go does (a quote "
                 "is not closed)",
                 cppflags, cflags);
  free(cppflags);
  free(cflags);
  cs_proc_result_free(&res);
  return ok;
}

void cb_go_free(cb_go *go) {
  free(go->version);
  go->version = NULL;
  cs_strlist_free(&go->cppflags);
  cs_strlist_free(&go->cflags);
}

/* Fills a package from one `go list -json` object. */
static void package_from_json(const json_t *obj, cb_package *pkg) {
  memset(pkg, 0, sizeof *pkg);
  const char *dir = cs_json_get_string(obj, "Dir");
  const char *path = cs_json_get_string(obj, "ImportPath");
  const char *name = cs_json_get_string(obj, "Name");
  pkg->dir = cs_xstrdup(dir ? dir : ".");
  pkg->import_path = cs_xstrdup(path ? path : pkg->dir);
  pkg->name = cs_xstrdup(name ? name : "");
  cs_json_get_strings(obj, "GoFiles", &pkg->go_files);
  cs_json_get_strings(obj, "CgoFiles", &pkg->cgo_files);
  cs_json_get_strings(obj, "CFiles", &pkg->c_files);
  cs_json_get_strings(obj, "HFiles", &pkg->h_files);
  cs_json_get_strings(obj, "CgoCPPFLAGS", &pkg->cflags);
  cs_json_get_strings(obj, "CgoCFLAGS", &pkg->cflags);
}

/* Splits pkg-config's output on white space (it quotes nothing we need). */
static void split_words(const char *text, cs_strlist *out) {
  const char *p = text;
  while (*p) {
    p += strspn(p, " \t\r\n");
    size_t n = strcspn(p, " \t\r\n");
    if (n)
      cs_strlist_push_owned(out, cs_xstrndup(p, n));
    p += n;
  }
}

/* pkg-config --cflags of the package's #cgo pkg-config names, into out. */
static bool pkg_config_flags(const json_t *obj, const cb_package *pkg, cs_strlist *out,
                             cs_error *err) {
  cs_strlist names = {0};
  cs_json_get_strings(obj, "CgoPkgConfig", &names);
  if (names.len == 0)
    return true;
  const char **argv = cs_xcalloc(names.len + 4, sizeof *argv);
  argv[0] = "pkg-config";
  argv[1] = "--cflags";
  argv[2] = "--";
  for (size_t i = 0; i < names.len; i++)
    argv[i + 3] = names.items[i];
  cs_command cmd = {.argv = argv, .cwd = pkg->dir};
  cs_proc_result res;
  bool ok = cs_run(&cmd, &res, err);
  if (ok && res.exit_code != 0) {
    char *reason = cs_tool_reason(res.err_text);
    ok = cs_fail(err, "pkg-config failed for %s: %s", pkg->import_path, reason);
    free(reason);
  }
  if (ok)
    split_words(res.out, out);
  if (res.out)
    cs_proc_result_free(&res);
  free(argv);
  cs_strlist_free(&names);
  return ok;
}

/* pkg->cflags as `go build` orders them (cmd/go's CFlags and cgo step). */
static bool set_compile_flags(const cb_go *go, const json_t *obj, cb_package *pkg, cs_error *err) {
  cs_strlist pc = {0};
  if (!pkg_config_flags(obj, pkg, &pc, err)) {
    cs_strlist_free(&pc);
    return false;
  }
  cs_strlist_free(&pkg->cflags);
  cs_strlist_extend(&pkg->cflags, &go->cppflags);
  cs_json_get_strings(obj, "CgoCPPFLAGS", &pkg->cflags);
  cs_strlist_extend(&pkg->cflags, &pc);
  cs_strlist_extend(&pkg->cflags, &go->cflags);
  cs_json_get_strings(obj, "CgoCFLAGS", &pkg->cflags);
  cs_strlist_free(&pc);
  return true;
}

/* Two arguments may name one package ("." and "./..."): keep it once. */
static bool already_listed(const cb_package *pkgs, size_t npkgs, const char *dir) {
  for (size_t i = 0; dir && i < npkgs; i++)
    if (strcmp(pkgs[i].dir, dir) == 0)
      return true;
  return false;
}

/* Why `go list` failed for arg, told apart: a go.mod or go.work that go cannot
 * read, a module that needs a newer Go, a directory that is not a Go package,
 * anything else. */
static bool list_failure(const cb_go *go, const char *arg, bool is_dir, const char *text,
                         cs_error *err) {
  char *reason = cs_tool_reason(text);
  const char *parsing = strstr(text, "errors parsing ");
  if (parsing) {
    const char *file = parsing + strlen("errors parsing ");
    int n = (int)strcspn(file, ":\n");
    cs_fail(err, "the %.*s of '%s' cannot be read: %s", n, file, arg, reason);
  } else if (strstr(text, "requires go >= ") || strstr(text, "invalid go version")) {
    cs_fail(err, "'%s' needs another Go than %s (%s): %s", arg, go->version, go->binary, reason);
  } else if (is_dir) {
    cs_fail(err, "'%s' is not a Go package: %s", arg, reason);
  } else {
    cs_fail(err, "go list failed for '%s': %s", arg, reason);
  }
  free(reason);
  return false;
}

/* A package argument that go reads as a directory ("." and "..", or one that
 * starts with "./", "../" or "/"; "/..." patterns by the part before it). */
static bool names_directory(const char *arg) {
  return strcmp(arg, ".") == 0 || strcmp(arg, "..") == 0 || cs_starts_with(arg, "./") ||
         cs_starts_with(arg, "../") || arg[0] == '/';
}

static bool list_one(const cb_go *go, const char *arg, cb_package **pkgs, size_t *npkgs,
                     size_t *without_cgo, cs_error *err) {
  if (names_directory(arg)) {
    size_t n = strlen(arg);
    char *dir = cs_ends_with(arg, "/...") ? cs_xstrndup(arg, n - 4) : cs_xstrdup(arg);
    bool exists = dir[0] == '\0' || cs_is_directory(dir);
    free(dir);
    if (!exists)
      return cs_fail(err, "'%s': no such directory", arg);
  }
  char *cwd;
  const char *pattern;
  cs_go_package_argument(arg, &cwd, &pattern);
  const char *args[] = {"list", "-json", "--", pattern, NULL};
  cs_proc_result res;
  bool is_dir = cwd != NULL;
  bool ok = cb_go_run(go, args, cwd, &res, err);
  free(cwd);
  if (!ok)
    return false;
  if (res.exit_code != 0) {
    list_failure(go, arg, is_dir, res.err_text, err);
    cs_proc_result_free(&res);
    return false;
  }
  cs_json_stream stream;
  cs_json_stream_init(&stream, res.out, res.out_len);
  json_t *obj;
  while ((ok = cs_json_stream_next(&stream, &obj, err)) && obj) {
    bool duplicate = already_listed(*pkgs, *npkgs, cs_json_get_string(obj, "Dir"));
    if (json_array_size(cs_json_get_array(obj, "CgoFiles")) == 0) {
      (*without_cgo)++;
    } else if (!duplicate) {
      *pkgs = cs_xrealloc(*pkgs, (*npkgs + 1) * sizeof **pkgs);
      package_from_json(obj, &(*pkgs)[*npkgs]);
      (*npkgs)++;
      ok = set_compile_flags(go, obj, &(*pkgs)[*npkgs - 1], err);
    }
    json_decref(obj);
    if (!ok)
      break;
  }
  if (!ok && strncmp(err->msg, "invalid JSON", 12) == 0) {
    char *copy = cs_xstrdup(err->msg);
    cs_fail(err, "cannot read the output of 'go list -json': %s", copy);
    free(copy);
  }
  cs_proc_result_free(&res);
  return ok;
}

static int compare_packages(const void *a, const void *b) {
  return strcmp(((const cb_package *)a)->import_path, ((const cb_package *)b)->import_path);
}

bool cb_go_list(const cb_go *go, const cs_strlist *args, cb_package **pkgs, size_t *npkgs,
                cs_error *err) {
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
      return cs_fail(err, "'%s' has no cgo files (no Go file imports \"C\")", args->items[0]);
    return cs_fail(err, "none of the %zu packages uses cgo (no Go file imports \"C\")",
                   without_cgo);
  }
  qsort(*pkgs, *npkgs, sizeof **pkgs, compare_packages);
  return true;
}

bool cb_go_cgo(const cb_go *go, const cb_package *pkg, cs_error *err) {
  /* As `go build` runs it: in the package directory, the package's
   * CPPFLAGS/CFLAGS after `--`, and -I of the objdir first. */
  size_t n = 0;
  const char **args = cs_xcalloc(pkg->cflags.len + pkg->cgo_files.len + 12, sizeof *args);
  args[n++] = "tool";
  args[n++] = "cgo";
  /* With the trailing '/': cgo names its temporary objects OBJDIR + "_cgo_N.o"
   * before it adds one itself (Go 1.26), which left cgo_cgo_N.o beside the
   * objdir. */
  char *objdir_slash = cs_xasprintf("%s/", pkg->objdir);
  args[n++] = "-objdir";
  args[n++] = objdir_slash;
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
  cs_proc_result res;
  bool ok = cb_go_run(go, args, pkg->dir, &res, err);
  free(args);
  free(objdir_slash);
  if (!ok)
    return false;
  if (res.exit_code != 0) {
    char *raw = cs_tool_reason(res.err_text);
    char *reason = cs_reason_from(raw, pkg->dir);
    cs_fail(err, "'go tool cgo' failed for %s: %s", pkg->import_path, reason);
    free(reason);
    free(raw);
    if (go->verbose)
      fputs(res.err_text, stderr);
  }
  ok = res.exit_code == 0;
  cs_proc_result_free(&res);
  /* cgo's temporary objects (_cgo_N.o, _cgo_.o) that it leaves in the objdir. */
  cs_error ignored;
  cs_remove_files(pkg->objdir, "_cgo_", ".o", &ignored);
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
  if (cs_starts_with(name, "./"))
    name += 2;
  *file = cs_xstrndup(name, (size_t)(colon - name));
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
  if (cs_starts_with(message, leak)) {
    const char *p = message + strlen(leak);
    size_t n = strcspn(p, " ");
    *param = cs_xstrndup(p, n);
    if (cs_starts_with(p + n, " to result")) {
      *report = cs_xasprintf("leaking param: %s to result", *param);
      *effect = CB_EFFECT_BORROW;
    } else {
      *report = cs_xasprintf("leaking param: %s", *param);
      *effect = CB_EFFECT_RETAIN;
    }
    return true;
  }
  if (cs_starts_with(message, content)) {
    *param = cs_xstrndup(message + strlen(content), strcspn(message + strlen(content), " "));
    *report = cs_xasprintf("leaking param content: %s", *param);
    *effect = CB_EFFECT_BORROW;
    return true;
  }
  if (cs_starts_with(message, moved)) {
    *param = cs_xstrndup(message + strlen(moved), strcspn(message + strlen(moved), " "));
    *report = cs_xasprintf("moved to heap: %s", *param);
    *effect = CB_EFFECT_RETAIN;
    return true;
  }
  const char *tail = strstr(message, noescape);
  bool whole = tail && tail[strlen(noescape)] == '\0' && tail > message &&
               memchr(message, ' ', (size_t)(tail - message)) == NULL;
  if (whole) {
    *param = cs_xstrndup(message, (size_t)(tail - message));
    *report = cs_xasprintf("%s does not escape", *param);
    *effect = CB_EFFECT_BORROW;
    return true;
  }
  return false;
}

static void parse_escape_output(const char *text, cb_escape_fact **facts, size_t *nfacts) {
  const char *p = text;
  while (*p) {
    size_t n = strcspn(p, "\n");
    char *line = cs_xstrndup(p, n);
    p += n + (p[n] == '\n');
    char *file;
    int lineno;
    const char *message;
    char *param, *report;
    cb_effect effect;
    if (split_position(line, &file, &lineno, &message)) {
      if (cs_ends_with(file, ".go") && classify(message, &param, &report, &effect)) {
        *facts = cs_xrealloc(*facts, (*nfacts + 1) * sizeof **facts);
        (*facts)[(*nfacts)++] = (cb_escape_fact){file, lineno, param, report, effect};
        file = NULL;
      }
      free(file);
    }
    free(line);
  }
}

/* Whether message is one of the compiler's -m diagnostics ("can inline f",
 * "leaking param: p", "x does not escape", ...), which carry a position but
 * state no error. */
static bool is_escape_note(const char *message) {
  static const char *const prefixes[] = {"can inline ",     "inlining call to ", "leaking param",
                                         "leaking closure", "moved to heap: ",   NULL};
  static const char *const suffixes[] = {" does not escape", " escapes to heap", NULL};
  for (size_t i = 0; prefixes[i]; i++)
    if (cs_starts_with(message, prefixes[i]))
      return true;
  for (size_t i = 0; suffixes[i]; i++)
    if (cs_ends_with(message, suffixes[i]))
      return true;
  return false;
}

/* Whether the compiler's -m output is in text, i.e. the package's Go code was
 * compiled and escape analysis ran (a build may still fail after that, at a C
 * file or the link). Type errors stop the compiler before escape analysis. */
static bool escape_analysis_ran(const char *text) {
  bool ran = false;
  for (const char *p = text; *p && !ran; p = cs_next_line(p)) {
    char *line = cs_xstrndup(p, strcspn(p, "\n"));
    char *file;
    int lineno;
    const char *message;
    if (split_position(line, &file, &lineno, &message)) {
      ran = cs_ends_with(file, ".go") && is_escape_note(message);
      free(file);
    }
    free(line);
  }
  return ran;
}

/* The directory of "WORK=DIR" that `go build -work` prints first, or NULL. */
static char *work_directory(const char *text) {
  for (const char *p = text; *p; p = cs_next_line(p))
    if (cs_starts_with(p, "WORK=/"))
      return cs_xstrndup(p + 5, strcspn(p + 5, "\n"));
  return NULL;
}

bool cb_go_escape(const cb_go *go, const cb_package *pkg, cb_escape_fact **facts, size_t *nfacts,
                  char **incomplete, char **work, cs_error *err) {
  *facts = NULL;
  *nfacts = 0;
  *incomplete = NULL;
  *work = NULL;
  /* The compiler's output is replayed from the build cache when the package
   * is not recompiled (Go 1.19 and later), so no -a is needed. -work keeps
   * the build's directory, where cgo's output is when the build ran cgo. */
  const char *args[] = {"build", "-work", "-gcflags=-m", "-o", "/dev/null", ".", NULL};
  cs_proc_result res;
  if (!cb_go_run(go, args, pkg->dir, &res, err))
    return false;
  *work = work_directory(res.err_text);
  parse_escape_output(res.err_text, facts, nfacts);
  if (res.exit_code != 0 && !escape_analysis_ran(res.err_text)) {
    char *raw = cs_tool_reason(res.err_text);
    char *reason = cs_reason_from(raw, pkg->dir);
    free(raw);
    *incomplete = cs_xasprintf("%s: 'go build' fails before Go's escape analysis, so which Go "
                               "exports keep C pointers is unknown: %s",
                               pkg->import_path, reason[0] ? reason : "(go printed no reason)");
    free(reason);
  } else if (res.exit_code != 0 && go->verbose) {
    cs_say("'go build' of %s fails after escape analysis (a C file or "
           "the link); the escape facts are complete",
           pkg->import_path);
  }
  cs_proc_result_free(&res);
  return true;
}
