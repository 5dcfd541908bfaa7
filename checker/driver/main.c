/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* cgo-lifetime: the one command users run on Go packages.
 *
 *   Go package -> cgo-boundary (manifest, compile commands)
 *              -> clang --analyze with CgoLifetime.so, per C file, with
 *                 cross-translation-unit analysis between the package's files
 *              -> cgo-lifetime-vet (the Go side) on the same packages, with the
 *                 manifest and the C side's merged summaries
 *              -> findings of the cgo checkers in the package, both sides in one
 *                 list -> text, SARIF, HTML
 *
 * Exit status: 0 no findings and everything analysed, 1 findings, 2 usage or
 * input error, 3 incomplete: something could not be analysed (Go code that
 * does not compile, a C file clang rejects, a plugin that does not load, no
 * clang); the findings of the rest are still printed, and one line per gap
 * says what and why. --allow-incomplete makes those lines warnings.
 *
 * The clang is the one release the plugin was built for (toolchain.h): found
 * by its exact version, and a clang of another release is said to be one. */
#define _GNU_SOURCE
#include "analyze.h"
#include "editor.h"
#include "file.h"
#include "findings.h"
#include "goside.h"
#include "json.h"
#include "options.h"
#include "proc.h"
#include "render.h"
#include "resultcache.h"
#include "summaries.h"
#include "toolchain.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef CGO_LIFETIME_VERSION
#define CGO_LIFETIME_VERSION "0.0.0"
#endif
/* Set by CMake from the LLVM the build found (cmake/LLVMVersion.cmake). */
#ifndef CGO_CLANG_PATH
#error "CGO_CLANG_PATH: the clang the plugin is built for"
#endif
#ifndef CGO_TOOLS_DIR
#error "CGO_TOOLS_DIR: the directory of the tools of that clang's release"
#endif
#ifndef CGO_CLANG_VERSION
#error "CGO_CLANG_VERSION: that clang's exact version, the plugin API version string"
#endif
#ifndef CGO_PLUGIN_INSTALL_RELPATH
#define CGO_PLUGIN_INSTALL_RELPATH "../lib/cgo-lifetime/CgoLifetime.so"
#endif
#ifndef CGO_TIDY_INSTALL_RELPATH
#define CGO_TIDY_INSTALL_RELPATH "../lib/cgo-lifetime/CgoLifetimeTidy.so"
#endif
#ifndef CGO_DOCS_INSTALL_RELPATH
#define CGO_DOCS_INSTALL_RELPATH "../share/doc/cgo-lifetime/checkers"
#endif
#ifndef CGO_SOURCE_DOCS_DIR
#define CGO_SOURCE_DOCS_DIR ""
#endif
#ifndef CGO_DOCS_BASE_URL
#define CGO_DOCS_BASE_URL "file:///usr/local/share/doc/cgo-lifetime/checkers/"
#endif

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2, EXIT_INCOMPLETE = 3 };
/* parse_options: the command line is read, run the action. */
enum { GO_ON = -1 };
enum format { FORMAT_TEXT, FORMAT_SARIF, FORMAT_HTML };
/* What the command does: analyse (the default), or one of the --print-* and
 * --editor-config actions. */
enum action {
  ACTION_ANALYSE,
  ACTION_PRINT_PLUGIN,
  ACTION_PRINT_TIDY_MODULE,
  ACTION_PRINT_CLANG,
  ACTION_PRINT_MANIFEST,
  ACTION_EDITOR_CONFIG
};

typedef struct options {
  enum action action;
  enum format format;
  const char *output;    /* -o */
  const char *cache_dir; /* --cache-dir */
  const char *go;        /* --go */
  const char *clang;     /* --clang */
  const char *plugin;    /* --plugin */
  const char *checkers;  /* --checkers */
  const char *root;      /* --root, for SARIF URIs */
  int jobs;              /* -j */
  bool ctu;
  bool verbose;
  bool keep_temps;
  bool allow_incomplete;       /* --allow-incomplete */
  bool no_cache;               /* --no-cache: no results from the cache, none stored */
  const char *summaries;       /* --summaries FILE: the merged summaries */
  bool summaries_only;         /* --summaries-only: no findings, no second pass */
  bool no_summaries;           /* --no-summaries: one pass, no summaries */
  bool no_go_side;             /* --no-go-side: the C side alone */
  cs_strlist models;           /* --models PATH, in order */
  int shape_callback_userdata; /* --shape-rules: -1 the plugin's default, 0 off, 1 on */
  int shape_destructor_name;
  cs_strlist packages;
} options;

enum {
  OPT_FORMAT = CS_LONG_ONLY,
  OPT_NO_CTU,
  OPT_CHECKERS,
  OPT_ROOT,
  OPT_CACHE_DIR,
  OPT_GO,
  OPT_CLANG,
  OPT_PLUGIN,
  OPT_KEEP_TEMPS,
  OPT_ALLOW_INCOMPLETE,
  OPT_NO_CACHE,
  OPT_MODELS,
  OPT_SUMMARIES,
  OPT_SUMMARIES_ONLY,
  OPT_NO_SUMMARIES,
  OPT_NO_GO_SIDE,
  OPT_SHAPE_RULES,
  OPT_VERSION,
  OPT_PRINT_PLUGIN,
  OPT_PRINT_TIDY_MODULE,
  OPT_PRINT_CLANG,
  OPT_PRINT_MANIFEST,
  OPT_EDITOR_CONFIG
};

static const cs_option option_table[] = {
    {0, NULL, NULL, "options:"},
    {OPT_FORMAT, "format", "FORMAT", "text (default), sarif (SARIF 2.1.0) or html"},
    {'o', NULL, "PATH",
     "output file (text, sarif; default and '-': stdout) or\n"
     "directory (html; default: cgo-lifetime-report)"},
    {'j', NULL, "N", "analyse N files at once (default: number of CPUs)"},
    {OPT_NO_CTU, "no-ctu", NULL, "no cross-file analysis between the package's C files"},
    {OPT_CHECKERS, "checkers", "LIST",
     "checkers to run (default: core,unix.DynamicMemoryModeling,cgo):\n"
     "the analyzer's, and the Go side's (cgo: all of them, or\n"
     "cgo.GoUsesFreed...); only findings of cgo.* checkers are reported"},
    {OPT_ROOT, "root", "DIR", "SARIF paths are relative to DIR (default: current directory)"},
    {OPT_CACHE_DIR, "cache-dir", "DIR",
     "the cache of cgo-boundary and of results\n"
     "(default: $XDG_CACHE_HOME/cgo-lifetime)"},
    {OPT_NO_CACHE, "no-cache", NULL,
     "analyse even when the inputs have not changed since a\n"
     "run whose results are cached, and store no results"},
    {OPT_GO, "go", "PATH", "the go command (default: $GO, else go on PATH)"},
    {OPT_CLANG, "clang", "PATH",
     "the clang that loads the plugin, of release " CGO_CLANG_VERSION "\n"
     "(default: " CGO_CLANG_PATH ", else clang-" CGO_CLANG_MAJOR "\n"
     "or clang on PATH, whichever is " CGO_CLANG_VERSION ")"},
    {OPT_PLUGIN, "plugin", "PATH", "CgoLifetime.so (default: found next to this program)"},
    {OPT_KEEP_TEMPS, "keep-temps", NULL, "keep the scratch directory and print its path"},
    {OPT_ALLOW_INCOMPLETE, "allow-incomplete", NULL,
     "what could not be analysed is a warning, not exit 3"},
    {OPT_MODELS, "models", "PATH",
     "a models file or folder of your own, read after the shipped\n"
     "models and $XDG_CONFIG_HOME/cgo-lifetime/models (repeatable)"},
    {OPT_SUMMARIES, "summaries", "FILE",
     "write the function summaries of the packages' C (schema 1)"},
    {OPT_SUMMARIES_ONLY, "summaries-only", NULL,
     "compute and write the summaries only (needs --summaries):\n"
     "no findings, no second pass"},
    {OPT_NO_SUMMARIES, "no-summaries", NULL, "one pass, no summaries: no cross-call findings"},
    {OPT_NO_GO_SIDE, "no-go-side", NULL, "analyse the C side alone (no cgo-lifetime-vet)"},
    {OPT_SHAPE_RULES, "shape-rules", "LIST",
     "the shape rules that guess what library functions without a\n"
     "model do: callback-userdata, destructor-name, separated by\n"
     "','; or none (default: destructor-name)"},
    {'v', "verbose", NULL, "print the commands run"},
    {'h', "help", NULL, "show this help"},
    {OPT_VERSION, "version", NULL, "show the version"},
    {0, NULL, NULL, "actions:"},
    {OPT_PRINT_PLUGIN, "print-plugin-path", NULL,
     "print the path of CgoLifetime.so (for scan-build,\nclang -fplugin=)"},
    {OPT_PRINT_TIDY_MODULE, "print-tidy-module-path", NULL,
     "print the path of CgoLifetimeTidy.so (clang-tidy --load)"},
    {OPT_PRINT_CLANG, "print-clang-path", NULL,
     "print the path of the clang that loads the plugin\n"
     "(the one --clang names, or the one found)"},
    {OPT_PRINT_MANIFEST, "print-manifest", NULL,
     "bring the packages' manifest in the cache up to date\n"
     "and print its path (-analyzer-config cgo:Manifest=)"},
    {OPT_EDITOR_CONFIG, "editor-config", NULL,
     "write .clang-tidy and compile_commands.json for the\n"
     "packages (default ./...) into the current directory"},
    {0},
};

static void usage(FILE *to) {
  fputs("usage: cgo-lifetime [options] PACKAGE...\n"
        "       cgo-lifetime --print-plugin-path | --print-tidy-module-path | --print-clang-path\n"
        "       cgo-lifetime [options] --print-manifest PACKAGE...\n"
        "       cgo-lifetime [options] --editor-config [PACKAGE...]\n"
        "\n"
        "Finds pointer-lifetime bugs at the cgo boundary in Go packages: runs the\n"
        "companion pass cgo-boundary, then the Clang Static Analyzer with the\n"
        "CgoLifetime plugin over the package's C files and cgo's generated C files.\n"
        "PACKAGE is a directory or a go list pattern (./...).\n"
        "\n",
        to);
  cs_options_usage(option_table, to);
  fputs("\n"
        "Exit status: 0 no findings, 1 findings, 2 usage or input error,\n"
        "3 incomplete: something could not be analysed (said on stderr; the\n"
        "findings of the rest are printed).\n",
        to);
}

static int usage_error(const char *what, const char *arg) {
  if (arg)
    cs_say_usage_error("%s: %s", what, arg);
  else
    cs_say_usage_error("%s", what);
  return EXIT_ERROR;
}

/* --shape-rules LIST: which rules are on; the others are off. */
static bool parse_shape_rules(const char *list, options *o) {
  o->shape_callback_userdata = o->shape_destructor_name = 0;
  if (strcmp(list, "none") == 0)
    return true;
  for (const char *p = list; *p;) {
    size_t n = strcspn(p, ",");
    if (n == strlen("callback-userdata") && strncmp(p, "callback-userdata", n) == 0)
      o->shape_callback_userdata = 1;
    else if (n == strlen("destructor-name") && strncmp(p, "destructor-name", n) == 0)
      o->shape_destructor_name = 1;
    else
      return false;
    p += n + (p[n] == ',');
  }
  return true;
}

/* One option into o: GO_ON, or the exit status after --help, --version or an
 * error. */
static int set_option(options *o, int id, const char *value) {
  char *end = NULL;
  long n;
  switch (id) {
  case OPT_FORMAT:
    if (strcmp(value, "text") == 0)
      o->format = FORMAT_TEXT;
    else if (strcmp(value, "sarif") == 0)
      o->format = FORMAT_SARIF;
    else if (strcmp(value, "html") == 0)
      o->format = FORMAT_HTML;
    else
      return usage_error("unknown format", value);
    return GO_ON;
  case 'j':
    n = strtol(value, &end, 10);
    if (!end || *end || n < 1 || n > 256)
      return usage_error("-j takes a number from 1 to 256", value);
    o->jobs = (int)n;
    return GO_ON;
  case 'o': o->output = value; return GO_ON;
  case OPT_NO_CTU: o->ctu = false; return GO_ON;
  case OPT_CHECKERS: o->checkers = value; return GO_ON;
  case OPT_ROOT: o->root = value; return GO_ON;
  case OPT_CACHE_DIR: o->cache_dir = value; return GO_ON;
  case OPT_GO: o->go = value; return GO_ON;
  case OPT_CLANG: o->clang = value; return GO_ON;
  case OPT_PLUGIN: o->plugin = value; return GO_ON;
  case OPT_KEEP_TEMPS: o->keep_temps = true; return GO_ON;
  case OPT_ALLOW_INCOMPLETE: o->allow_incomplete = true; return GO_ON;
  case OPT_NO_CACHE: o->no_cache = true; return GO_ON;
  case OPT_MODELS: cs_strlist_push(&o->models, value); return GO_ON;
  case OPT_SUMMARIES: o->summaries = value; return GO_ON;
  case OPT_SUMMARIES_ONLY: o->summaries_only = true; return GO_ON;
  case OPT_NO_SUMMARIES: o->no_summaries = true; return GO_ON;
  case OPT_NO_GO_SIDE: o->no_go_side = true; return GO_ON;
  case OPT_SHAPE_RULES:
    if (!parse_shape_rules(value, o))
      return usage_error("--shape-rules takes callback-userdata, destructor-name (separated by "
                         "',') or none",
                         value);
    return GO_ON;
  case 'v': o->verbose = true; return GO_ON;
  case OPT_PRINT_PLUGIN: o->action = ACTION_PRINT_PLUGIN; return GO_ON;
  case OPT_PRINT_TIDY_MODULE: o->action = ACTION_PRINT_TIDY_MODULE; return GO_ON;
  case OPT_PRINT_CLANG: o->action = ACTION_PRINT_CLANG; return GO_ON;
  case OPT_PRINT_MANIFEST: o->action = ACTION_PRINT_MANIFEST; return GO_ON;
  case OPT_EDITOR_CONFIG: o->action = ACTION_EDITOR_CONFIG; return GO_ON;
  case 'h': usage(stdout); return EXIT_CLEAN;
  case OPT_VERSION:
    printf("cgo-lifetime %s (for clang %s)\n", CGO_LIFETIME_VERSION, CGO_CLANG_VERSION);
    return EXIT_CLEAN;
  }
  return EXIT_ERROR; /* said by cs_getopt_next */
}

/* GO_ON, else the exit status. */
static int parse_options(int argc, char **argv, options *o) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  o->jobs = cpus > 0 ? (int)cpus : 1;
  o->ctu = true;
  o->checkers = "core,unix.DynamicMemoryModeling,cgo";
  o->shape_callback_userdata = o->shape_destructor_name = -1;
  cs_getopt g;
  cs_getopt_init(&g, option_table, argc, argv);
  int id, status = GO_ON;
  const char *value;
  while (status == GO_ON && (id = cs_getopt_next(&g, &value)) != 0)
    status = set_option(o, id, value);
  for (size_t i = 0; status == GO_ON && i < g.noperands; i++)
    cs_strlist_push(&o->packages, g.operands[i]);
  cs_getopt_free(&g);
  if (status != GO_ON)
    return status;
  if (o->action == ACTION_EDITOR_CONFIG && o->packages.len == 0)
    cs_strlist_push(&o->packages, "./...");
  bool needs_packages = o->action == ACTION_ANALYSE || o->action == ACTION_PRINT_MANIFEST;
  if (needs_packages && o->packages.len == 0)
    return usage_error("no package given", NULL);
  if (o->summaries_only && !o->summaries)
    return usage_error("--summaries-only needs --summaries FILE", NULL);
  if (o->summaries && o->no_summaries)
    return usage_error("--summaries and --no-summaries exclude each other", NULL);
  if (!needs_packages && o->action != ACTION_EDITOR_CONFIG && o->packages.len > 0)
    return usage_error("this option takes no package", o->packages.items[0]);
  return GO_ON;
}

/* The directory this program lives in (new string). */
static char *self_dir(void) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0)
    return cs_xstrdup(".");
  buf[n] = 0;
  return cs_dirname(buf);
}

/* The first of the candidates (relative to exe_dir) that exists, resolved
 * (new string); NULL when none does. */
static char *find_beside(const char *exe_dir, const char *const *candidates) {
  for (size_t i = 0; candidates[i]; i++) {
    char *p = cs_path_join(exe_dir, candidates[i]);
    char *real = cs_file_exists(p) ? realpath(p, NULL) : NULL;
    free(p);
    if (real)
      return real;
  }
  return NULL;
}

/* The plugin: --plugin, else beside this program in the build tree
 * (bin/../lib) or the install tree (bin/../LIBDIR/cgo-lifetime). NULL when
 * there is none. */
static char *find_plugin(const char *exe_dir, const char *given) {
  if (given)
    return cs_xstrdup(given);
  const char *const candidates[] = {"../lib/CgoLifetime.so", CGO_PLUGIN_INSTALL_RELPATH,
                                    "../lib/cgo-lifetime/CgoLifetime.so", NULL};
  return find_beside(exe_dir, candidates);
}

/* The clang-tidy module, found like the plugin. */
static char *find_tidy_module(const char *exe_dir) {
  const char *const candidates[] = {"../lib/CgoLifetimeTidy.so", CGO_TIDY_INSTALL_RELPATH,
                                    "../lib/cgo-lifetime/CgoLifetimeTidy.so", NULL};
  return find_beside(exe_dir, candidates);
}

/* Where the checkers' pages are, for SARIF's helpUri (new string, ending in
 * '/'): a configured web address as it is; else the pages installed beside
 * this program (so a relocated prefix or the .deb's /usr is right), the
 * configured file:// directory, the source tree's docs/checkers. */
static char *docs_base_url(const char *exe_dir) {
  static const char configured_url[] = CGO_DOCS_BASE_URL, source_docs[] = CGO_SOURCE_DOCS_DIR;
  static const char scheme[] = "file://";
  if (!cs_starts_with(configured_url, scheme))
    return cs_xstrdup(configured_url);
  char *installed = cs_path_join(exe_dir, CGO_DOCS_INSTALL_RELPATH);
  char *real = realpath(installed, NULL);
  free(installed);
  if (!real && cs_file_exists(&configured_url[sizeof scheme - 1]))
    return cs_xstrdup(configured_url);
  if (!real && strlen(source_docs) > 0)
    real = realpath(source_docs, NULL);
  if (!real)
    return cs_xstrdup(configured_url);
  char *url = cs_xasprintf("file://%s/", real);
  free(real);
  return url;
}

/* Says that nothing could be analysed because of the plugin or clang. */
static void nothing_analysed(cs_strlist *gaps, const char *why) {
  cs_strlist_push_owned(gaps, cs_xasprintf("nothing was analysed: %s", why));
}

/* The checkers CgoLifetime.so registers (Checkers.def's C side). */
static const char *const plugin_checkers[] = {
#define CGO_C_CHECKER(ID, NAME, ...) NAME,
#include "cgo-lifetime/Checkers.def"
};

/* A plugin built for another clang does not load, or loads and registers
 * nothing (-analyzer-checker-help lists no checker of ours): a gap in gaps,
 * never "no findings". */
static bool check_plugin(const char *clang, const char *plugin, bool verbose, cs_strlist *gaps) {
  if (!plugin || !cs_file_exists(plugin)) {
    char *why = plugin
                    ? cs_xasprintf("the analyzer plugin %s does not exist (use --plugin)", plugin)
                    : cs_xstrdup("the analyzer plugin CgoLifetime.so is not installed beside "
                                 "this program (use --plugin)");
    nothing_analysed(gaps, why);
    free(why);
    return false;
  }
  const char *argv[] = {clang, "-cc1", "-load", plugin, "-analyzer-checker-help", NULL};
  cs_command cmd = {.argv = argv};
  cs_proc_result res = {0};
  cs_error err = {{0}};
  if (!cs_run(&cmd, &res, &err)) {
    char *why = cs_xasprintf("cannot run clang %s (use --clang): %s", clang, err.msg);
    nothing_analysed(gaps, why);
    free(why);
    return false;
  }
  bool ok = res.exit_code == 0 && strstr(res.out, plugin_checkers[0]) != NULL;
  if (!ok) {
    char *reason = cs_tool_reason(res.err_text);
    char *why = cs_xasprintf("the plugin %s does not load into %s (it was built for clang %s)%s%s",
                             plugin, clang, CGO_CLANG_VERSION, reason[0] ? ": " : "", reason);
    nothing_analysed(gaps, why);
    free(why);
    free(reason);
  } else if (verbose) {
    cs_say("plugin %s loads into %s", plugin, clang);
  }
  cs_proc_result_free(&res);
  return ok;
}

/* The clang of the plugin's release (into tc), and the plugin loading into
 * it; else a gap that says which is missing and why. */
static bool find_clang_for(const options *o, const char *plugin, cl_toolchain *tc,
                           cs_strlist *gaps) {
  cs_error err = {{0}};
  if (!cl_find_toolchain(o->clang, CGO_CLANG_PATH, CGO_TOOLS_DIR, CGO_CLANG_VERSION, tc, &err)) {
    nothing_analysed(gaps, err.msg);
    return false;
  }
  if (o->verbose)
    cs_say("clang %s: %s (clang-extdef-mapping: %s)", CGO_CLANG_VERSION, tc->clang,
           tc->extdef_mapping);
  return check_plugin(tc->clang, plugin, o->verbose, gaps);
}

/* Is name a checker or a package of checkers in clang's help text (lines
 * "  NAME   description": a listed NAME equal to it, or under it)? */
static bool listed_checker(const char *help, const char *name) {
  size_t n = strlen(name);
  for (const char *p = help; *p; p = cs_next_line(p)) {
    if (!cs_starts_with(p, "  ") || p[2] == ' ')
      continue;
    const char *word = p + 2;
    size_t len = strcspn(word, " \n");
    if (len >= n && strncmp(word, name, n) == 0 && (len == n || word[n] == '.'))
      return true;
  }
  return false;
}

/* The first name of the analyzer's checker list that clang, with the plugin
 * loaded, knows neither as a checker nor as a package (new string), or NULL.
 * An unknown name is the user's mistake (exit 2), not a gap of the analysis. */
static char *unknown_checker(const char *clang, const char *plugin, const char *list) {
  const char *argv[] = {clang,
                        "-cc1",
                        "-load",
                        plugin,
                        "-analyzer-checker-help",
                        "-analyzer-checker-help-alpha",
                        "-analyzer-checker-help-developer",
                        NULL};
  cs_command cmd = {.argv = argv};
  cs_proc_result res = {0};
  cs_error err = {{0}};
  if (!cs_run(&cmd, &res, &err) || res.exit_code != 0) {
    cs_proc_result_free(&res);
    return NULL; /* check_plugin already said why clang cannot list them */
  }
  char *unknown = NULL;
  for (const char *p = list; *p && !unknown;) {
    size_t n = strcspn(p, ",");
    char *name = cs_xstrndup(p, n);
    if (n > 0 && !listed_checker(res.out, name))
      unknown = name;
    else
      free(name);
    p += n + (p[n] == ',');
  }
  cs_proc_result_free(&res);
  return unknown;
}

/* cgo-boundary's stderr: its "cgo-boundary: incomplete: ..." messages (with
 * their indented reason lines) go to gaps, everything else to our stderr. */
static void relay_companion_stderr(const char *text, cs_strlist *gaps) {
  static const char marker[] = "cgo-boundary: incomplete: ";
  cs_buf gap = {0};
  bool in_gap = false;
  for (const char *p = text; *p; p = cs_next_line(p)) {
    size_t n = strcspn(p, "\n");
    if (in_gap && cs_starts_with(p, "    ")) {
      cs_buf_putc(&gap, '\n');
      cs_buf_append(&gap, p, n);
      continue;
    }
    if (in_gap)
      cs_strlist_push_owned(gaps, cs_buf_take(&gap));
    in_gap = cs_starts_with(p, marker);
    if (in_gap)
      cs_buf_append(&gap, p + strlen(marker), n - strlen(marker));
    else
      cl_rc_relay_line(p, n);
  }
  if (in_gap)
    cs_strlist_push_owned(gaps, cs_buf_take(&gap));
  cs_buf_free(&gap);
}

/* The cgo-boundary beside this program, else the one on PATH. */
static char *companion_path(const char *exe_dir) {
  char *boundary = cs_path_join(exe_dir, "cgo-boundary");
  if (cs_file_exists(boundary))
    return boundary;
  free(boundary);
  return cs_xstrdup("cgo-boundary");
}

/* cgo-boundary's options from ours, then `extra`, then "--" and the packages. */
static void companion_argv(const options *o, const char *exe_dir, const char *const *extra,
                           cs_strlist *argv) {
  cs_strlist_push_owned(argv, companion_path(exe_dir));
  for (size_t i = 0; extra && extra[i]; i++)
    cs_strlist_push(argv, extra[i]);
  if (o->cache_dir) {
    cs_strlist_push(argv, "--cache-dir");
    cs_strlist_push(argv, o->cache_dir);
  }
  if (o->go) {
    cs_strlist_push(argv, "--go");
    cs_strlist_push(argv, o->go);
  }
  if (o->verbose)
    cs_strlist_push(argv, "-v");
  cs_strlist_push(argv, "--");
  cs_strlist_extend(argv, &o->packages);
  cs_strlist_terminate(argv);
}

/* Runs cgo-boundary for the manifest and compile commands. Its own one-line
 * error is passed through (err left empty); what it could not analyse goes to
 * gaps, and the run goes on. */
static bool run_companion(const options *o, const char *exe_dir, const char *manifest,
                          const char *compdb, cs_strlist *gaps, cs_error *err) {
  const char *extra[] = {"-o", manifest, "--compdb", compdb, NULL};
  cs_strlist argv = {0};
  companion_argv(o, exe_dir, extra, &argv);
  cs_command cmd = {.argv = (const char *const *)argv.items};
  cs_proc_result res = {0};
  bool ok = cs_run(&cmd, &res, err);
  if (!ok) {
    cs_fail(err, "cannot run cgo-boundary: %s", err->msg);
  } else if (res.exit_code == 0 || res.exit_code == EXIT_INCOMPLETE) {
    relay_companion_stderr(res.err_text, gaps);
  } else {
    fputs(res.err_text, stderr); /* "cgo-boundary: error: ..." */
    err->msg[0] = 0;
    ok = false;
  }
  cs_proc_result_free(&res);
  cs_strlist_free(&argv);
  return ok;
}

/* -o: a file (written atomically when it is a regular file), a device or
 * FIFO (in place), or standard output (no -o, or "-"). */
static bool write_output(const char *path, const char *text, cs_error *err) {
  return cs_write_file(path ? path : "-", text, strlen(text), err);
}

static bool collect(const cs_strlist *sarif_paths, const cl_filter *filter, cl_findings *all,
                    cs_error *err) {
  for (size_t i = 0; i < sarif_paths->len; i++) {
    char *text = NULL;
    size_t len = 0;
    if (!cs_file_exists(sarif_paths->items[i]))
      continue; /* clang writes no log for a file with nothing to analyse */
    if (!cs_read_file(sarif_paths->items[i], &text, &len, err))
      return false;
    bool ok = cl_findings_add_sarif(all, text, len, filter, err);
    free(text);
    if (!ok)
      return cs_fail(err, "cannot read the analyzer's SARIF log %s", sarif_paths->items[i]);
  }
  cl_findings_sort(all);
  return true;
}

/* Writes the report; the text or SARIF written is *rendered (new string, for
 * the results cache; NULL for HTML). */
static int emit(const options *o, const cl_findings *all, const cs_strlist *html_dirs,
                const char *cwd, const char *exe_dir, bool go_side, char **rendered,
                cs_error *err) {
  bool ok = true;
  *rendered = NULL;
  if (o->format == FORMAT_TEXT) {
    cs_buf b = {0};
    FILE *mem = open_memstream(&b.data, &b.len);
    cl_render_text(all, cwd, mem);
    fclose(mem);
    *rendered = b.data ? b.data : cs_xstrdup("");
    ok = write_output(o->output, *rendered, err);
  } else if (o->format == FORMAT_SARIF) {
    char *root = cs_absolute_path(o->root ? o->root : cwd);
    char *docs = docs_base_url(exe_dir);
    *rendered = cl_render_sarif(all, root, CGO_LIFETIME_VERSION, docs, go_side);
    ok = write_output(o->output, *rendered, err);
    free(docs);
    free(root);
  } else {
    const char *dir = o->output ? o->output : "cgo-lifetime-report";
    ok = cl_render_html(all, html_dirs, dir, cwd, err);
    if (ok)
      cs_say("wrote %s/index.html (%zu finding%s)", dir, all->len, all->len == 1 ? "" : "s");
  }
  return ok ? EXIT_CLEAN : EXIT_ERROR;
}

/* Prints what could not be analysed, one message each. */
static void report_gaps(const cs_strlist *gaps, bool as_warnings) {
  for (size_t i = 0; i < gaps->len; i++)
    cs_say("%sincomplete: %s", as_warnings ? "warning: " : "", gaps->items[i]);
}

/* A scratch directory under $TMPDIR (new string), or NULL with err set. */
static char *make_workdir(cs_error *err) {
  const char *tmp = getenv("TMPDIR");
  char *workdir = cs_xasprintf("%s/cgo-lifetime.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(workdir)) {
    cs_fail(err, "cannot create a scratch directory %s: %s", workdir, strerror(errno));
    free(workdir);
    return NULL;
  }
  return workdir;
}

static void remove_workdir(char *workdir, bool keep) {
  if (!workdir)
    return;
  if (keep)
    cs_say("scratch files kept in %s", workdir);
  else
    cs_remove_tree(workdir);
  free(workdir);
}

/*---- Models and summaries (docs/summaries.md) -----------------------------*/

/* The models the plugin reads, lowest precedence first, ';'-separated (new
 * string): the shipped folder found beside this program (then *shipped is
 * set, and the plugin is told not to look for its own), the user's
 * $XDG_CONFIG_HOME/cgo-lifetime/models when it exists, every entry of
 * $CGO_LIFETIME_MODELS, every --models: the order cgo-lifetime-vet reads
 * them in (cfacts.Config.AddEnv). */
static char *models_list(const options *o, const char *exe_dir, bool *shipped, bool *user) {
  const char *const candidates[] = {"../share/cgo-lifetime/models", NULL};
  char *dir = find_beside(exe_dir, candidates);
  cs_buf b = {0};
  *shipped = dir != NULL;
  *user = false;
  if (dir)
    cs_buf_puts(&b, dir);
  free(dir);
  const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
  char *config = xdg && xdg[0] == '/' ? cs_path_join(xdg, "cgo-lifetime/models")
                 : home && home[0]    ? cs_xasprintf("%s/.config/cgo-lifetime/models", home)
                                      : NULL;
  struct stat st;
  if (config && stat(config, &st) == 0 && S_ISDIR(st.st_mode)) {
    cs_buf_printf(&b, "%s%s", b.len ? ";" : "", config);
    *user = true;
  }
  free(config);
  /* $CGO_LIFETIME_MODELS, which cgo-lifetime-vet reads too: one search
   * path for both sides (the Go side reads the environment itself). */
  const char *env = getenv("CGO_LIFETIME_MODELS");
  for (const char *p = env ? env : ""; *p;) {
    size_t n = strcspn(p, ":");
    if (n > 0) {
      char *entry = cs_xstrndup(p, n);
      char *abs = cs_absolute_path(entry);
      cs_buf_printf(&b, "%s%s", b.len ? ";" : "", abs);
      free(abs);
      free(entry);
      *user = true;
    }
    p += n + (p[n] == ':');
  }
  for (size_t i = 0; i < o->models.len; i++) {
    char *abs = cs_absolute_path(o->models.items[i]);
    cs_buf_printf(&b, "%s%s", b.len ? ";" : "", abs);
    free(abs);
    *user = true;
  }
  return cs_buf_take(&b);
}

/* A user's models file that cannot be read or breaks the schema stops the
 * run before anything is analysed, with the plugin's one line: "FILE:LINE:COL:
 * message". The plugin reads the models of an empty translation unit. */
static bool check_models(const cl_config *cfg, cs_error *err) {
  cs_strlist argv = {0};
  cs_strlist_push(&argv, cfg->clang);
  cs_strlist_push(&argv, "-cc1");
  cs_strlist_push(&argv, "-analyze");
  cs_strlist_push(&argv, "-load");
  cs_strlist_push(&argv, cfg->plugin);
  cs_strlist_push(&argv, "-analyzer-checker=cgo");
  if (cfg->no_shipped_models) {
    cs_strlist_push(&argv, "-analyzer-config");
    cs_strlist_push(&argv, "cgo:ShippedModels=false");
  }
  cs_strlist_push(&argv, "-analyzer-config");
  cs_strlist_push_owned(&argv, cs_xasprintf("cgo:Models=%s", cfg->models));
  cs_strlist_push(&argv, "-x");
  cs_strlist_push(&argv, "c");
  cs_strlist_push(&argv, "/dev/null");
  cs_strlist_push_owned(&argv, NULL);
  argv.len--;
  cs_command cmd = {.argv = (const char *const *)argv.items};
  cs_proc_result res = {0};
  bool ok = cs_run(&cmd, &res, err);
  if (ok && res.exit_code != 0) {
    static const char marker[] = "error: cgo-lifetime: ";
    const char *hit = strstr(res.err_text, marker);
    if (hit)
      cs_fail(err, "%.*s", (int)strcspn(hit + strlen(marker), "\n"), hit + strlen(marker));
    else
      cs_fail(err, "the models cannot be read: %s", res.err_text);
    ok = false;
  }
  cs_proc_result_free(&res);
  cs_strlist_free(&argv);
  return ok;
}

/* The path of unit i's results in list (pass 1's or pass 2's), if there. */
static const char *result_of(const cs_strlist *list, const char *dir, size_t i, bool html) {
  char *want =
      html ? cs_xasprintf("%s/html-%zu", dir, i) : cs_xasprintf("%s/unit-%zu.sarif", dir, i);
  char *want_html_sarif = cs_xasprintf("%s/html-%zu/unit.sarif", dir, i);
  const char *found = NULL;
  for (size_t k = 0; k < list->len && !found; k++)
    if (strcmp(list->items[k], want) == 0 || strcmp(list->items[k], want_html_sarif) == 0)
      found = list->items[k];
  free(want);
  free(want_html_sarif);
  return found;
}

/* After the first pass: merges the units' summaries, writes --summaries,
 * and (unless --summaries-only) analyses again, with the merged summaries,
 * the units that define a Go-called function freeing what another one
 * handed to Go; their results replace the first pass's. */
static bool summaries_and_second_pass(const options *o, const cl_config *cfg, const cl_units *units,
                                      const cs_strlist *package_dirs, cs_strlist *sarif_paths,
                                      cs_strlist *html_dirs, cs_strlist *gaps, char **merged,
                                      cs_error *err) {
  time_t started = time(NULL);
  cl_summaries *sums = cl_summaries_new();
  bool ok = true;
  for (size_t i = 0; ok && i < units->len; i++) {
    char *path = cl_unit_summaries_path(cfg, i);
    ok = cl_summaries_add_file(sums, path, i, err);
    free(path);
  }
  if (ok)
    cl_summaries_link(sums);
  static const char generator[] =
      "cgo-lifetime " CGO_LIFETIME_VERSION " (clang " CGO_CLANG_VERSION ")";
  if (ok && o->summaries) {
    cs_strlist inputs = {0};
    cl_summary_inputs(package_dirs, &inputs);
    char *text = cl_summaries_render(sums, generator, &inputs, err);
    ok = text && cs_write_file(o->summaries, text, strlen(text), err);
    free(text);
    cs_strlist_free(&inputs);
  }
  /* The merged summaries, for the second pass and the Go side. */
  if (ok && !o->summaries_only) {
    *merged = cs_path_join(cfg->workdir, "summaries.json");
    char *text = cl_summaries_render(sums, generator, NULL, err);
    ok = text && cs_write_file(*merged, text, strlen(text), err);
    free(text);
  }
  bool *rerun = cs_xcalloc(units->len ? units->len : 1, sizeof *rerun);
  size_t n = ok && !o->summaries_only ? cl_summaries_rerun_units(sums, rerun, units->len) : 0;
  if (n > 0) {
    char *pass2_dir = cs_path_join(cfg->workdir, "pass2");
    char *ctu_dir = cs_path_join(cfg->workdir, "ctu");
    ok = cs_mkdir_p(pass2_dir, err);
    cl_units again = {cs_xcalloc(n, sizeof(cl_unit)), 0};
    size_t *index = cs_xcalloc(n, sizeof *index);
    for (size_t i = 0; i < units->len; i++)
      if (rerun[i]) {
        index[again.len] = i;
        again.items[again.len++] = units->items[i];
      }
    cl_config second = *cfg;
    second.workdir = pass2_dir;
    second.ctu_dir = ctu_dir;
    second.write_summaries = false;
    second.summaries = *merged;
    second.progress = cfg->verbose;
    cs_strlist sarif2 = {0}, html2 = {0}, out_sarif = {0}, out_html = {0};
    if (ok)
      cl_analyze_all(&second, &again, &sarif2, &html2, gaps);
    /* Unit order, as cl_analyze_all gives it: the findings merge keeps the
     * first of two duplicates. */
    for (size_t i = 0, j = 0; ok && i < units->len; i++) {
      const char *sarif = NULL, *html = NULL;
      if (j < again.len && index[j] == i) {
        sarif = result_of(&sarif2, pass2_dir, j, false);
        html = result_of(&html2, pass2_dir, j, true);
        j++;
      }
      if (!sarif) {
        sarif = result_of(sarif_paths, cfg->workdir, i, false);
        html = result_of(html_dirs, cfg->workdir, i, true);
      }
      if (sarif)
        cs_strlist_push(&out_sarif, sarif);
      if (html)
        cs_strlist_push(&out_html, html);
    }
    if (ok) {
      cs_strlist_free(sarif_paths);
      cs_strlist_free(html_dirs);
      *sarif_paths = out_sarif;
      *html_dirs = out_html;
    } else {
      cs_strlist_free(&out_sarif);
      cs_strlist_free(&out_html);
    }
    if (cfg->verbose)
      fprintf(stderr, "cgo-lifetime: second pass with the summaries: %zu unit%s in %lds\n", n,
              n == 1 ? "" : "s", (long)(time(NULL) - started));
    cs_strlist_free(&sarif2);
    cs_strlist_free(&html2);
    free(again.items);
    free(index);
    free(pass2_dir);
    free(ctu_dir);
  }
  free(rerun);
  cl_summaries_free(sums);
  return ok;
}

/* --checkers split by side: the analyzer's list without the Go side's
 * names (new string), and the Go side's checkers (go_checks: the names given;
 * empty with *go_all: every one, for "cgo"). The Go side runs when either
 * says so. */
static char *split_checkers(const char *list, cs_strlist *go_checks, bool *go_all) {
  cs_buf c_list = {0};
  *go_all = false;
  for (const char *p = list; *p;) {
    size_t n = strcspn(p, ",");
    char *name = cs_xstrndup(p, n);
    if (cl_is_go_checker(name)) {
      cs_strlist_push_owned(go_checks, name);
    } else {
      if (strcmp(name, "cgo") == 0)
        *go_all = true;
      if (n > 0)
        cs_buf_printf(&c_list, "%s%s", c_list.len ? "," : "", name);
      free(name);
    }
    p += n + (p[n] == ',');
  }
  if (*go_all)
    cs_strlist_free(go_checks);
  char *text = cs_buf_take(&c_list);
  return text ? text : cs_xstrdup("");
}

/* The plugin's model of the boundary (Checkers.def's CGO_MODEL_CHECKER), which
 * computes the summaries: on whenever the Go side runs, so that the Go side
 * has the C functions' summaries even when --checkers names no checker of the
 * C side. */
static const char model_checker[] =
#define CGO_MODEL_CHECKER(ID, NAME, HELP) NAME
#include "cgo-lifetime/Checkers.def"
    ;

/* cgo-lifetime-vet beside this program (new string), or NULL. */
static char *find_vet(const char *exe_dir) {
  const char *const candidates[] = {"cgo-lifetime-vet", NULL};
  return find_beside(exe_dir, candidates);
}

/* The Go side, after the C side: its findings join the C side's in all. */
static bool run_go_side(const options *o, const char *exe_dir, const char *manifest,
                        const char *merged, const cs_strlist *go_checks, const cl_filter *filter,
                        cl_findings *all, cs_strlist *gaps, cs_error *err) {
  char *vet = find_vet(exe_dir);
  cl_goside g = {
      .vet = vet,
      .manifest = manifest,
      .summaries = merged,
      .models = &o->models,
      .checks = go_checks,
      .go = o->go,
      /* The shape rules as the plugin applies them: destructor-name on,
       * callback-userdata off, unless --shape-rules says otherwise. */
      .shape_callback_userdata = o->shape_callback_userdata < 0 ? 0 : o->shape_callback_userdata,
      .shape_destructor_name = o->shape_destructor_name < 0 ? 1 : o->shape_destructor_name,
      .verbose = o->verbose,
  };
  bool ok = cl_goside_run(&g, &o->packages, filter, all, gaps, err);
  free(vet);
  return ok;
}

/*---- The results cache (resultcache.h) ------------------------------------*/

/* Is this run's result cached? Not with --no-cache, nor for the HTML
 * directory, --summaries (a file written besides the report) or
 * --keep-temps (scratch files the user wants to see). */
static bool cacheable(const options *o) {
  return !o->no_cache && o->format != FORMAT_HTML && !o->summaries && !o->keep_temps;
}

/* The options and environment that change the findings or their rendering,
 * for the key (new string): everything parse_options reads but -j, -v,
 * --cache-dir and -o; the current directory (text paths are relative to
 * it); $PATH and $GO (which clang and go are found); $CGO_LIFETIME_*. */
static char *cache_settings(const options *o, const char *cwd, const char *exe_dir) {
  extern char **environ;
  cs_buf b = {0};
  cs_buf_printf(&b, "version %s clang %s\ncwd %s\nexe %s\n", CGO_LIFETIME_VERSION,
                CGO_CLANG_VERSION, cwd, exe_dir);
  cs_buf_printf(&b, "format %d\nroot %s\ncheckers %s\n", (int)o->format, o->root ? o->root : "",
                o->checkers);
  cs_buf_printf(&b, "ctu %d allow-incomplete %d no-summaries %d no-go-side %d shape %d %d\n",
                o->ctu, o->allow_incomplete, o->no_summaries, o->no_go_side,
                o->shape_callback_userdata, o->shape_destructor_name);
  cs_buf_printf(&b, "go %s\nclang %s\nplugin %s\n", o->go ? o->go : "", o->clang ? o->clang : "",
                o->plugin ? o->plugin : "");
  for (size_t i = 0; i < o->models.len; i++)
    cs_buf_printf(&b, "models %s\n", o->models.items[i]);
  for (size_t i = 0; i < o->packages.len; i++)
    cs_buf_printf(&b, "package %s\n", o->packages.items[i]);
  for (char **e = environ; *e; e++)
    if (cs_starts_with(*e, "CGO_LIFETIME_") || cs_starts_with(*e, "PATH=") ||
        cs_starts_with(*e, "GO="))
      cs_buf_printf(&b, "env %s\n", *e);
  return cs_buf_take(&b);
}

/* The key of this run into key ("" when it cannot be computed: then the run
 * goes on without the cache, and -v says why). */
static void cache_key(const options *o, const char *cwd, const char *exe_dir, const char *plugin,
                      char key[65]) {
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  char *settings = cache_settings(o, cwd, exe_dir);
  char *vet = find_vet(exe_dir), *companion = companion_path(exe_dir);
  bool shipped = false, user = false;
  char *models = models_list(o, exe_dir, &shipped, &user);
  const char *env_go = getenv("GO");
  const char *go = o->go ? o->go : env_go && *env_go ? env_go : "go";
  const char *clang = o->clang ? o->clang : CGO_CLANG_PATH;
  const char *go_file = strchr(go, '/') ? go : NULL; /* else go env's GOVERSION */
  const char *tools[] = {"/proc/self/exe", plugin, vet, companion, clang, go_file};
  cl_rc_inputs in = {
      .tools = tools,
      .ntools = sizeof tools / sizeof *tools,
      .settings = settings,
      .models = models,
      .packages = &o->packages,
      .go = go,
  };
  cs_error err = {{0}};
  if (!cl_rc_key(&in, key, &err)) {
    key[0] = 0;
    if (o->verbose)
      cs_say("no results cache for this run: %s", err.msg);
  } else if (o->verbose) {
    clock_gettime(CLOCK_MONOTONIC, &t1);
    cs_say("results cache key %s (computed in %ld ms)", key,
           (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
  }
  free(models);
  free(companion);
  free(vet);
  free(settings);
}

static int run(const options *o) {
  cs_error err = {{0}};
  char cwd_buf[PATH_MAX];
  const char *cwd = getcwd(cwd_buf, sizeof cwd_buf) ? cwd_buf : ".";
  char *exe_dir = self_dir();
  char *plugin = find_plugin(exe_dir, o->plugin);
  cl_toolchain tc = {0};
  int status = EXIT_ERROR;
  bool analysed_nothing = false;
  char *workdir = NULL;
  cl_units units = {0};
  cs_strlist package_dirs = {0}, sarif_paths = {0}, html_dirs = {0}, gaps = {0};
  cl_findings all = {0};
  time_t started = time(NULL);
  cs_strlist go_checks = {0};
  bool go_all = false;
  char *c_checkers = split_checkers(o->checkers, &go_checks, &go_all);
  bool go_side = !o->no_go_side && !o->summaries_only && (go_all || go_checks.len > 0);
  char *merged = NULL, *manifest = NULL, *rendered = NULL;
  char key[65] = "";
  if (cacheable(o)) {
    cache_key(o, cwd, exe_dir, plugin, key);
    if (key[0] && cl_rc_serve(o->cache_dir, key, o->output, o->verbose, &status))
      goto done;
  }
  if (go_side) {
    char *with_model = cs_xasprintf("%s%s%s", c_checkers, c_checkers[0] ? "," : "", model_checker);
    free(c_checkers);
    c_checkers = with_model;
  }

  if (!find_clang_for(o, plugin, &tc, &gaps)) {
    analysed_nothing = true;
    status = EXIT_INCOMPLETE;
    goto done;
  }
  char *unknown = unknown_checker(tc.clang, plugin, c_checkers);
  if (unknown) {
    cs_fail(&err,
            "unknown checker in --checkers: %s (neither a checker nor a package of "
            "checkers of clang with the plugin, nor a Go-side checker)",
            unknown);
    free(unknown);
    goto done;
  }
  workdir = make_workdir(&err);
  if (!workdir)
    goto done;
  manifest = cs_path_join(workdir, "manifest.json");
  char *compdb = cs_path_join(workdir, "compile_commands.json");
  bool ok = run_companion(o, exe_dir, manifest, compdb, &gaps, &err) &&
            cl_load_units(compdb, &units, &package_dirs, &err);
  free(compdb);
  if (!ok)
    goto done;
  cl_config cfg = {
      .clang = tc.clang,
      .extdef_mapping = tc.extdef_mapping,
      .plugin = plugin,
      .manifest = manifest,
      .checkers = c_checkers,
      .workdir = workdir,
      .ctu = o->ctu && units.len > 1,
      .html = o->format == FORMAT_HTML,
      .jobs = o->jobs,
      .verbose = o->verbose,
      .progress = o->verbose || (isatty(STDERR_FILENO) && units.len > 2),
      .write_summaries = !o->no_summaries,
      .shape_callback_userdata = o->shape_callback_userdata,
      .shape_destructor_name = o->shape_destructor_name,
  };
  bool shipped = false, user_models = false;
  char *models = models_list(o, exe_dir, &shipped, &user_models);
  cfg.models = models;
  cfg.no_shipped_models = shipped;
  if ((user_models && !check_models(&cfg, &err)) ||
      (cfg.ctu && !cl_prepare_ctu(&cfg, &units, &err)) ||
      !cl_add_header_units(&cfg, &units, &package_dirs, &err)) {
    free(models);
    goto done;
  }
  cl_analyze_all(&cfg, &units, &sarif_paths, &html_dirs, &gaps);
  ok = !cfg.write_summaries ||
       summaries_and_second_pass(o, &cfg, &units, &package_dirs, &sarif_paths, &html_dirs, &gaps,
                                 &merged, &err);
  free(models);
  if (!ok)
    goto done;
  if (o->summaries_only) {
    status = EXIT_CLEAN;
    goto done;
  }
  cl_filter filter = {"cgo.", &package_dirs};
  if (!collect(&sarif_paths, &filter, &all, &err))
    goto done;
  if (go_side) {
    size_t gaps_before = gaps.len;
    if (!run_go_side(o, exe_dir, manifest, merged, &go_checks, &filter, &all, &gaps, &err))
      goto done;
    /* One bug, one finding: the C side's keep reports, weighed by the Go
     * calls the Go side followed (all of them only when it had no gap). */
    cl_findings_merge_keeps(&all, gaps.len == gaps_before, o->verbose, cwd);
    cl_findings_sort(&all);
  }
  status = emit(o, &all, &html_dirs, cwd, exe_dir, go_side, &rendered, &err);
  if (status == EXIT_CLEAN && all.len > 0)
    status = EXIT_FINDINGS;
  if (o->verbose)
    cs_say("%zu file%s analysed in %lds, %zu finding%s", units.len, units.len == 1 ? "" : "s",
           (long)(time(NULL) - started), all.len, all.len == 1 ? "" : "s");

done:
  if (status == EXIT_ERROR && err.msg[0])
    cs_say_error("%s", err.msg);
  /* An error stops the run; the gaps found until then are still said. A run
   * that analysed nothing is incomplete even with --allow-incomplete. */
  bool allowed = o->allow_incomplete && !analysed_nothing;
  report_gaps(&gaps, allowed);
  if (gaps.len > 0 && !allowed && status != EXIT_ERROR)
    status = EXIT_INCOMPLETE;
  /* A complete run's result: exit 0 or 1, nothing left unanalysed. */
  if (key[0] && rendered && gaps.len == 0 && (status == EXIT_CLEAN || status == EXIT_FINDINGS))
    cl_rc_save(o->cache_dir, key, status, rendered, o->verbose);
  remove_workdir(workdir, o->keep_temps);
  free(rendered);
  cl_findings_free(&all);
  cl_units_free(&units);
  cs_strlist_free(&package_dirs);
  cs_strlist_free(&sarif_paths);
  cs_strlist_free(&html_dirs);
  cs_strlist_free(&gaps);
  cs_strlist_free(&go_checks);
  free(c_checkers);
  free(merged);
  free(manifest);
  cl_toolchain_free(&tc);
  free(plugin);
  free(exe_dir);
  return status;
}

/* --print-plugin-path, --print-tidy-module-path, --print-clang-path: like
 * clang -print-resource-dir. The plugin, and the clang, are printed only when
 * the plugin loads into the clang it was built for (found, or --clang): a
 * path that scan-build cannot load would be a silent pass. */
static int print_path(const options *o) {
  char *exe_dir = self_dir();
  bool tidy = o->action == ACTION_PRINT_TIDY_MODULE;
  char *path = tidy ? find_tidy_module(exe_dir) : find_plugin(exe_dir, o->plugin);
  int status = EXIT_CLEAN;
  cs_strlist gaps = {0};
  cl_toolchain tc = {0};
  if (!tidy && path && !find_clang_for(o, path, &tc, &gaps)) {
    report_gaps(&gaps, false);
    status = EXIT_INCOMPLETE;
  } else if (path && cs_file_exists(path)) {
    printf("%s\n", o->action == ACTION_PRINT_CLANG ? tc.clang : path);
  } else {
    cs_say_error("%s is not installed beside %s (looked in ../lib, %s)",
                 tidy ? "CgoLifetimeTidy.so" : "CgoLifetime.so", exe_dir,
                 tidy ? CGO_TIDY_INSTALL_RELPATH : CGO_PLUGIN_INSTALL_RELPATH);
    status = EXIT_ERROR;
  }
  cl_toolchain_free(&tc);
  cs_strlist_free(&gaps);
  free(path);
  free(exe_dir);
  return status;
}

/* --print-manifest: cgo-boundary with its default outputs, in the cache. */
static int print_manifest(const options *o) {
  char *exe_dir = self_dir();
  const char *extra[] = {o->allow_incomplete ? "--allow-incomplete" : NULL, NULL};
  cs_strlist argv = {0};
  companion_argv(o, exe_dir, extra, &argv);
  cs_command cmd = {.argv = (const char *const *)argv.items};
  cs_error err = {{0}};
  pid_t pid;
  int status = EXIT_ERROR;
  if (!cs_start(&cmd, &pid, &err))
    cs_say_error("%s", err.msg);
  else if (cs_wait(pid, &status) < 0 || status > 127) /* killed by a signal */
    status = EXIT_ERROR;
  cs_strlist_free(&argv);
  free(exe_dir);
  return status;
}

/* --editor-config: .clang-tidy and compile_commands.json in the current
 * directory; the packages' manifests in the cache are brought up to date on
 * the way. */
static int editor_config(const options *o) {
  cs_error err = {{0}};
  char *exe_dir = self_dir();
  cs_strlist gaps = {0};
  int status = EXIT_ERROR;
  char *workdir = make_workdir(&err);
  if (workdir) {
    char *manifest = cs_path_join(workdir, "manifest.json");
    char *compdb = cs_path_join(workdir, "compile_commands.json");
    char *text = NULL, *cache = cs_cache_dir(o->cache_dir);
    if (run_companion(o, exe_dir, manifest, compdb, &gaps, &err) &&
        cs_read_file(compdb, &text, NULL, &err) && cl_write_editor_files(".", text, cache, &err))
      status = EXIT_CLEAN;
    free(text);
    free(cache);
    free(manifest);
    free(compdb);
  }
  if (status == EXIT_ERROR && err.msg[0])
    cs_say_error("%s", err.msg);
  report_gaps(&gaps, o->allow_incomplete);
  if (status == EXIT_CLEAN && gaps.len > 0 && !o->allow_incomplete)
    status = EXIT_INCOMPLETE;
  remove_workdir(workdir, o->keep_temps);
  cs_strlist_free(&gaps);
  free(exe_dir);
  return status;
}

int main(int argc, char **argv) {
  options o = {0};
  cs_json_init();
  int status = parse_options(argc, argv, &o);
  if (status == GO_ON) {
    switch (o.action) {
    case ACTION_ANALYSE: status = run(&o); break;
    case ACTION_PRINT_PLUGIN:
    case ACTION_PRINT_TIDY_MODULE:
    case ACTION_PRINT_CLANG: status = print_path(&o); break;
    case ACTION_PRINT_MANIFEST: status = print_manifest(&o); break;
    case ACTION_EDITOR_CONFIG: status = editor_config(&o); break;
    }
  }
  cs_strlist_free(&o.packages);
  cs_strlist_free(&o.models);
  return status;
}
