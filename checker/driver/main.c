/* cgo-lifetime: the one command users run on Go packages.
 *
 *   Go package -> cgo-boundary (manifest, compile commands)
 *              -> clang-19 --analyze with CgoLifetime.so, per C file, with
 *                 cross-translation-unit analysis between the package's files
 *              -> findings of the cgo checkers in the package -> text, SARIF, HTML
 *
 * Exit status: 0 no findings, 1 findings, 2 usage or tool error (including a
 * C file that could not be analysed; the others are still checked). */
#define _GNU_SOURCE
#include "analyze.h"
#include "findings.h"
#include "proc.h"
#include "render.h"
#include "util.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef CGO_LIFETIME_VERSION
#define CGO_LIFETIME_VERSION "0.0.0"
#endif
#ifndef CGO_CLANG_PATH
#define CGO_CLANG_PATH "/usr/lib/llvm-19/bin/clang"
#endif
#ifndef CGO_TOOLS_DIR
#define CGO_TOOLS_DIR "/usr/lib/llvm-19/bin"
#endif
#ifndef CGO_CLANG_VERSION
#define CGO_CLANG_VERSION "19"
#endif
#ifndef CGO_PLUGIN_INSTALL_RELPATH
#define CGO_PLUGIN_INSTALL_RELPATH "../lib/cgo-lifetime/CgoLifetime.so"
#endif

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_ERROR = 2 };
enum format { FORMAT_TEXT, FORMAT_SARIF, FORMAT_HTML };

typedef struct options {
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
  cb_strlist packages;
} options;

static void usage(FILE *to) {
  fputs("usage: cgo-lifetime [options] PACKAGE...\n"
        "\n"
        "Finds pointer-lifetime bugs at the cgo boundary in Go packages: runs the\n"
        "companion pass cgo-boundary, then the Clang Static Analyzer with the\n"
        "CgoLifetime plugin over the package's C files and cgo's generated C files.\n"
        "PACKAGE is a directory or a go list pattern (./...).\n"
        "\n"
        "options:\n"
        "  --format FORMAT  text (default), sarif (SARIF 2.1.0) or html\n"
        "  -o PATH          output file (text, sarif; default: stdout) or\n"
        "                   directory (html; default: cgo-lifetime-report)\n"
        "  -j N             analyse N files at once (default: number of CPUs)\n"
        "  --no-ctu         no cross-file analysis between the package's C files\n"
        "  --checkers LIST  analyzer checkers to run (default: core,unix.DynamicMemoryModeling,cgo);\n"
        "                   only findings of cgo.* checkers are reported\n"
        "  --root DIR       SARIF paths are relative to DIR (default: current directory)\n"
        "  --cache-dir DIR  cgo-boundary's cache (default: $XDG_CACHE_HOME/cgo-lifetime)\n"
        "  --go PATH        the go command (default: $GO, else go on PATH)\n"
        "  --clang PATH     the clang that loads the plugin (default: " CGO_CLANG_PATH ")\n"
        "  --plugin PATH    CgoLifetime.so (default: found next to this program)\n"
        "  --keep-temps     keep the scratch directory and print its path\n"
        "  -v, --verbose    print the commands run\n"
        "  --help, --version\n"
        "\n"
        "Exit status: 0 no findings, 1 findings, 2 usage or tool error.\n",
        to);
}

static int usage_error(const char *what, const char *arg) {
  fprintf(stderr, "cgo-lifetime: error: %s%s%s (see --help)\n", what, arg ? ": " : "",
          arg ? arg : "");
  return EXIT_ERROR;
}

/* 0 on success, else an exit status. */
static int parse_options(int argc, char **argv, options *o) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  o->jobs = cpus > 0 ? (int)cpus : 1;
  o->ctu = true;
  o->checkers = "core,unix.DynamicMemoryModeling,cgo";
  bool only_packages = false;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    const char *v;
    if (only_packages || arg[0] != '-') {
      cb_strlist_push(&o->packages, arg);
    } else if (strcmp(arg, "--") == 0) {
      only_packages = true;
    } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      usage(stdout);
      exit(EXIT_CLEAN);
    } else if (strcmp(arg, "--version") == 0) {
      printf("cgo-lifetime %s (for clang %s)\n", CGO_LIFETIME_VERSION, CGO_CLANG_VERSION);
      exit(EXIT_CLEAN);
    } else if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0) {
      o->verbose = true;
    } else if (strcmp(arg, "--no-ctu") == 0) {
      o->ctu = false;
    } else if (strcmp(arg, "--keep-temps") == 0) {
      o->keep_temps = true;
    } else if ((v = cb_option_value("--format", argc, argv, &i)) != NULL) {
      if (strcmp(v, "text") == 0)
        o->format = FORMAT_TEXT;
      else if (strcmp(v, "sarif") == 0)
        o->format = FORMAT_SARIF;
      else if (strcmp(v, "html") == 0)
        o->format = FORMAT_HTML;
      else
        return usage_error("unknown format", v);
    } else if ((v = cb_option_value("-j", argc, argv, &i)) != NULL) {
      char *end = NULL;
      long n = strtol(v, &end, 10);
      if (!end || *end || n < 1 || n > 256)
        return usage_error("-j takes a number from 1 to 256", v);
      o->jobs = (int)n;
    } else if ((v = cb_option_value("-o", argc, argv, &i)) != NULL) {
      o->output = v;
    } else if ((v = cb_option_value("--cache-dir", argc, argv, &i)) != NULL) {
      o->cache_dir = v;
    } else if ((v = cb_option_value("--go", argc, argv, &i)) != NULL) {
      o->go = v;
    } else if ((v = cb_option_value("--clang", argc, argv, &i)) != NULL) {
      o->clang = v;
    } else if ((v = cb_option_value("--plugin", argc, argv, &i)) != NULL) {
      o->plugin = v;
    } else if ((v = cb_option_value("--checkers", argc, argv, &i)) != NULL) {
      o->checkers = v;
    } else if ((v = cb_option_value("--root", argc, argv, &i)) != NULL) {
      o->root = v;
    } else {
      return usage_error("unknown option or missing value", arg);
    }
  }
  if (o->packages.len == 0)
    return usage_error("no package given", NULL);
  return 0;
}

/* The directory this program lives in (new string). */
static char *self_dir(void) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0)
    return cb_xstrdup(".");
  buf[n] = 0;
  return cb_dirname(buf);
}

/* The plugin: --plugin, else beside this program in the build tree
 * (bin/../lib) or the install tree (bin/../lib/cgo-lifetime). */
static char *find_plugin(const char *exe_dir, const char *given) {
  if (given)
    return cb_xstrdup(given);
  const char *candidates[] = {"../lib/CgoLifetime.so", CGO_PLUGIN_INSTALL_RELPATH,
                              "../lib/cgo-lifetime/CgoLifetime.so", NULL};
  for (size_t i = 0; candidates[i]; i++) {
    char *p = cb_path_join(exe_dir, candidates[i]);
    if (cb_file_exists(p))
      return p;
    free(p);
  }
  return cb_path_join(exe_dir, "../lib/CgoLifetime.so");
}

/* A plugin built for another clang does not load, or loads and registers
 * nothing; say so in one line instead of reporting "no findings". */
static bool check_plugin(const char *clang, const char *plugin, bool verbose, cb_error *err) {
  if (!cb_file_exists(plugin))
    return cb_fail(err, "the analyzer plugin %s does not exist (use --plugin)", plugin);
  const char *argv[] = {clang, "-cc1", "-load", plugin, "-analyzer-checker-help", NULL};
  cb_command cmd = {argv, NULL, NULL};
  cb_proc_result res = {0};
  if (!cb_run(&cmd, &res, err))
    return cb_fail(err, "cannot run %s (use --clang): %s", clang, err->msg);
  bool ok = res.exit_code == 0 && strstr(res.out, "cgo.FreedToGo") != NULL;
  if (!ok) {
    char *why = cb_first_line(res.err_text);
    cb_fail(err, "the plugin %s does not load into %s (it was built for clang %s)%s%s", plugin,
            clang, CGO_CLANG_VERSION, why[0] ? ": " : "", why);
    free(why);
  } else if (verbose) {
    fprintf(stderr, "cgo-lifetime: plugin %s loads into %s\n", plugin, clang);
  }
  cb_proc_result_free(&res);
  return ok;
}

/* Runs cgo-boundary; its own one-line error is passed through. */
static bool run_companion(const options *o, const char *exe_dir, const char *manifest,
                          const char *compdb, cb_error *err) {
  char *boundary = cb_path_join(exe_dir, "cgo-boundary");
  cb_strlist argv = {0};
  cb_strlist_push(&argv, cb_file_exists(boundary) ? boundary : "cgo-boundary");
  cb_strlist_push(&argv, "-o");
  cb_strlist_push(&argv, manifest);
  cb_strlist_push(&argv, "--compdb");
  cb_strlist_push(&argv, compdb);
  if (o->cache_dir) {
    cb_strlist_push(&argv, "--cache-dir");
    cb_strlist_push(&argv, o->cache_dir);
  }
  if (o->go) {
    cb_strlist_push(&argv, "--go");
    cb_strlist_push(&argv, o->go);
  }
  if (o->verbose)
    cb_strlist_push(&argv, "-v");
  cb_strlist_push(&argv, "--");
  cb_strlist_extend(&argv, &o->packages);
  cb_strlist_push_owned(&argv, NULL);
  argv.len--;
  cb_command cmd = {(const char *const *)argv.items, NULL, NULL};
  cb_proc_result res = {0};
  bool ok = cb_run(&cmd, &res, err);
  if (ok && res.exit_code != 0) {
    /* cgo-boundary already wrote "cgo-boundary: error: ..." */
    fputs(res.err_text, stderr);
    err->msg[0] = 0;
    ok = false;
  } else if (ok && o->verbose) {
    fputs(res.err_text, stderr);
  } else if (!ok) {
    cb_fail(err, "cannot run cgo-boundary: %s", err->msg);
  }
  cb_proc_result_free(&res);
  cb_strlist_free(&argv);
  free(boundary);
  return ok;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static bool write_output(const char *path, const char *text, cb_error *err) {
  if (!path) {
    fputs(text, stdout);
    return true;
  }
  return cb_write_file(path, text, strlen(text), err);
}

static bool collect(const cb_strlist *sarif_paths, const cl_filter *filter, cl_findings *all,
                    cb_error *err) {
  for (size_t i = 0; i < sarif_paths->len; i++) {
    char *text = NULL;
    size_t len = 0;
    if (!cb_file_exists(sarif_paths->items[i]))
      continue; /* clang writes no log for a file with nothing to analyse */
    if (!cb_read_file(sarif_paths->items[i], &text, &len, err))
      return false;
    bool ok = cl_findings_add_sarif(all, text, len, filter, err);
    free(text);
    if (!ok)
      return cb_fail(err, "cannot read the analyzer's SARIF log %s", sarif_paths->items[i]);
  }
  cl_findings_sort(all);
  return true;
}

static int emit(const options *o, const cl_findings *all, const cb_strlist *html_dirs,
                const char *cwd, cb_error *err) {
  bool ok = true;
  if (o->format == FORMAT_TEXT) {
    cb_buf b = {0};
    FILE *mem = open_memstream(&b.data, &b.len);
    cl_render_text(all, cwd, mem);
    fclose(mem);
    ok = write_output(o->output, b.data ? b.data : "", err);
    free(b.data);
  } else if (o->format == FORMAT_SARIF) {
    char *root = cb_absolute_path(o->root ? o->root : cwd);
    char *text = cl_render_sarif(all, root, CGO_LIFETIME_VERSION);
    ok = write_output(o->output, text, err);
    free(text);
    free(root);
  } else {
    const char *dir = o->output ? o->output : "cgo-lifetime-report";
    ok = cl_render_html(all, html_dirs, dir, cwd, err);
    if (ok)
      fprintf(stderr, "cgo-lifetime: wrote %s/index.html (%zu finding%s)\n", dir, all->len,
              all->len == 1 ? "" : "s");
  }
  return ok ? EXIT_CLEAN : EXIT_ERROR;
}

static int run(const options *o) {
  cb_error err = {{0}};
  char cwd_buf[PATH_MAX];
  const char *cwd = getcwd(cwd_buf, sizeof cwd_buf) ? cwd_buf : ".";
  char *exe_dir = self_dir();
  char *plugin = find_plugin(exe_dir, o->plugin);
  const char *clang = o->clang ? o->clang : CGO_CLANG_PATH;
  int status = EXIT_ERROR;
  char *workdir = NULL;
  cl_units units = {0};
  cb_strlist package_dirs = {0}, sarif_paths = {0}, html_dirs = {0}, failures = {0};
  cl_findings all = {0};
  time_t started = time(NULL);

  if (!check_plugin(clang, plugin, o->verbose, &err))
    goto done;
  const char *tmp = getenv("TMPDIR");
  workdir = cb_xasprintf("%s/cgo-lifetime.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(workdir)) {
    cb_fail(&err, "cannot create a scratch directory %s: %s", workdir, strerror(errno));
    free(workdir);
    workdir = NULL;
    goto done;
  }
  char *manifest = cb_path_join(workdir, "manifest.json");
  char *compdb = cb_path_join(workdir, "compile_commands.json");
  bool ok = run_companion(o, exe_dir, manifest, compdb, &err) &&
            cl_load_units(compdb, &units, &package_dirs, &err);
  free(compdb);
  if (!ok) {
    free(manifest);
    goto done;
  }
  cl_config cfg = {
      .clang = clang,
      .extdef_mapping = CGO_TOOLS_DIR "/clang-extdef-mapping",
      .plugin = plugin,
      .manifest = manifest,
      .checkers = o->checkers,
      .workdir = workdir,
      .ctu = o->ctu && units.len > 1,
      .html = o->format == FORMAT_HTML,
      .jobs = o->jobs,
      .verbose = o->verbose,
      .progress = o->verbose || (isatty(STDERR_FILENO) && units.len > 2),
  };
  if ((cfg.ctu && !cl_prepare_ctu(&cfg, &units, &err)) ||
      !cl_add_header_units(&cfg, &units, &package_dirs, &err)) {
    free(manifest);
    goto done;
  }
  cl_analyze_all(&cfg, &units, &sarif_paths, &html_dirs, &failures);
  free(manifest);
  for (size_t i = 0; i < failures.len; i++)
    fprintf(stderr, "cgo-lifetime: error: %s\n", failures.items[i]);
  cl_filter filter = {"cgo.", &package_dirs};
  if (!collect(&sarif_paths, &filter, &all, &err))
    goto done;
  status = emit(o, &all, &html_dirs, cwd, &err);
  if (status == EXIT_CLEAN) {
    if (failures.len > 0)
      status = EXIT_ERROR;
    else if (all.len > 0)
      status = EXIT_FINDINGS;
  }
  if (o->verbose)
    fprintf(stderr, "cgo-lifetime: %zu file%s analysed in %lds, %zu finding%s\n", units.len,
            units.len == 1 ? "" : "s", (long)(time(NULL) - started), all.len,
            all.len == 1 ? "" : "s");

done:
  if (status == EXIT_ERROR && err.msg[0])
    fprintf(stderr, "cgo-lifetime: error: %s\n", err.msg);
  if (workdir) {
    if (o->keep_temps)
      fprintf(stderr, "cgo-lifetime: scratch files kept in %s\n", workdir);
    else
      nftw(workdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  }
  cl_findings_free(&all);
  cl_units_free(&units);
  cb_strlist_free(&package_dirs);
  cb_strlist_free(&sarif_paths);
  cb_strlist_free(&html_dirs);
  cb_strlist_free(&failures);
  free(workdir);
  free(plugin);
  free(exe_dir);
  return status;
}

int main(int argc, char **argv) {
  options o = {0};
  int status = parse_options(argc, argv, &o);
  if (status == 0)
    status = run(&o);
  cb_strlist_free(&o.packages);
  return status;
}
