/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* cgo-boundary: from Go packages that use cgo to the boundary manifest that the
 * CgoLifetime analyzer plugin reads, plus cgo's generated headers (in a cache
 * directory) and a compile_commands.json. See docs/companion.md. */
#define _POSIX_C_SOURCE 200809L
#include "cdecls.h"
#include "cgo-lifetime/Schema.h"
#include "file.h"
#include "gofacts.h"
#include "gotool.h"
#include "json.h"
#include "manifest.h"
#include "objdir.h"
#include "options.h"
#include "retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CGO_BOUNDARY_VERSION
#define CGO_BOUNDARY_VERSION "0.0.0"
#endif
#ifndef CGO_BOUNDARY_CC
#error "CGO_BOUNDARY_CC: the compiler the compile database names (clang-N), set by CMake"
#endif

/* 3: written, but something could not be analysed (docs/usage.md). */
enum { EXIT_OK = 0, EXIT_ERROR = 2, EXIT_INCOMPLETE = 3 };

typedef struct options {
  const char *output;    /* -o; NULL: CACHE/<key>/manifest.json; "-": stdout */
  const char *compdb;    /* --compdb; NULL: CACHE/<key>/compile_commands.json */
  const char *cache_dir; /* --cache-dir; NULL: $XDG_CACHE_HOME or ~/.cache, /cgo-lifetime */
  const char *go;        /* --go; NULL: $GO, else "go" */
  bool allow_incomplete; /* --allow-incomplete: what was not analysed is a warning */
  bool verbose;
  cs_strlist packages;
} options;

enum { OPT_COMPDB = CS_LONG_ONLY, OPT_CACHE_DIR, OPT_GO, OPT_ALLOW_INCOMPLETE, OPT_VERSION };

static const cs_option option_table[] = {
    {0, NULL, NULL, "options:"},
    {'o', NULL, "FILE",
     "write the manifest to FILE ('-': standard output);\n"
     "default: CACHE/<key>/manifest.json, whose path is printed"},
    {OPT_COMPDB, "compdb", "FILE",
     "write compile_commands.json to FILE;\n"
     "default: CACHE/<key>/compile_commands.json"},
    {OPT_CACHE_DIR, "cache-dir", "DIR",
     "cache directory (default: $XDG_CACHE_HOME/cgo-lifetime,\n"
     "else ~/.cache/cgo-lifetime)"},
    {OPT_GO, "go", "PATH", "the go command to use (default: $GO, else go on PATH)"},
    {OPT_ALLOW_INCOMPLETE, "allow-incomplete", NULL,
     "exit 0 when something could not be analysed (a\n"
     "package whose Go code does not compile); still warned"},
    {'v', "verbose", NULL, "say what runs, and why names are left out"},
    {'h', "help", NULL, "show this help"},
    {OPT_VERSION, "version", NULL, "show the version"},
    {0},
};

static void usage(FILE *to) {
  fputs("usage: cgo-boundary [options] PACKAGE...\n"
        "\n"
        "Reads Go packages that use cgo (directories, DIR/... patterns or import paths)\n"
        "and writes the boundary manifest for the CgoLifetime analyzer plugin, cgo's\n"
        "generated files and a compile_commands.json.\n"
        "\n",
        to);
  cs_options_usage(option_table, to);
  fputs("\n"
        "The manifest and compile_commands.json of each package are also kept in\n"
        "CACHE/<key>/, where the clang-tidy module finds them.\n"
        "\n"
        "Exit status: 0 written, 2 usage or input error (nothing written),\n"
        "3 written but incomplete (what and why on stderr).\n",
        to);
}

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, options *opts) {
  cs_getopt g;
  cs_getopt_init(&g, option_table, argc, argv);
  int id, status = -1;
  const char *value;
  while (status < 0 && (id = cs_getopt_next(&g, &value)) != 0) {
    switch (id) {
    case 'o': opts->output = value; break;
    case OPT_COMPDB: opts->compdb = value; break;
    case OPT_CACHE_DIR: opts->cache_dir = value; break;
    case OPT_GO: opts->go = value; break;
    case OPT_ALLOW_INCOMPLETE: opts->allow_incomplete = true; break;
    case 'v': opts->verbose = true; break;
    case 'h':
      usage(stdout);
      status = EXIT_OK;
      break;
    case OPT_VERSION:
      printf("cgo-boundary %s\n", CGO_BOUNDARY_VERSION);
      status = EXIT_OK;
      break;
    default: status = EXIT_ERROR; break;
    }
  }
  for (size_t i = 0; status < 0 && i < g.noperands; i++)
    cs_strlist_push(&opts->packages, g.operands[i]);
  cs_getopt_free(&g);
  if (status < 0 && opts->packages.len == 0) {
    cs_say_usage_error("no package given");
    status = EXIT_ERROR;
  }
  return status;
}

/* CACHE/<last element of dir>-<hash of dir>: one per package directory. */
static char *package_cache_dir(const char *cache, const char *pkg_dir) {
  uint64_t h = cs_hash(pkg_dir, strlen(pkg_dir), CS_HASH_SEED);
  return cs_xasprintf("%s/%s-%016llx", cache, cs_basename(pkg_dir), (unsigned long long)h);
}

/* Where the outputs of this run go by default: the package's cache dir, or
 * for several packages CACHE/set-<hash of their dirs>. */
static char *run_dir(const char *cache, const cb_package *pkgs, size_t npkgs) {
  if (npkgs == 1)
    return package_cache_dir(cache, pkgs[0].dir);
  uint64_t h = CS_HASH_SEED;
  for (size_t i = 0; i < npkgs; i++)
    h = cs_hash(pkgs[i].dir, strlen(pkgs[i].dir) + 1, h);
  return cs_xasprintf("%s/set-%016llx", cache, (unsigned long long)h);
}

/* cgo's output for the package in pkg->objdir: kept when its inputs did not
 * change, else taken from the escape-analysis build or made by `go tool cgo`. */
static bool prepare_objdir(const cb_go *go, const cb_package *pkg, const char *work,
                           cs_error *err) {
  char *key = cb_objdir_key(go, pkg);
  bool ok = true;
  if (cb_objdir_is_current(pkg, key)) {
    if (go->verbose)
      cs_say("cgo's output for %s is current (%s)", pkg->import_path, pkg->objdir);
  } else {
    ok = cb_objdir_fill(go, pkg, work, key, err);
  }
  free(key);
  return ok;
}

/* All facts about one package, stage by stage. Escape analysis runs first:
 * its build usually runs cgo too, and then cgo's output is taken from it. What
 * could not be analysed goes to pkg->incomplete. */
static bool analyse_package(const cb_go *go, const char *cache, const char *helper, cb_package *pkg,
                            cs_error *err) {
  char *dir = package_cache_dir(cache, pkg->dir);
  pkg->objdir = cs_path_join(dir, CGO_CACHE_OBJDIR);
  free(dir);
  cb_escape_fact *facts;
  size_t nfacts;
  char *incomplete, *work;
  if (!cb_go_escape(go, pkg, &facts, &nfacts, &incomplete, &work, err))
    return false;
  if (incomplete)
    cs_strlist_push_owned(&pkg->incomplete, incomplete);
  bool ok = prepare_objdir(go, pkg, work, err);
  cb_objdir_remove_work(work);
  free(work);
  ok = ok && cb_gofacts_run(go, helper, pkg, err) &&
       cb_cdecls_export_types(pkg, go->verbose, err) &&
       cb_cdecls_hand_declared(pkg, go->verbose, err) && cb_cdecls_go_uses(pkg, go->verbose, err);
  if (ok)
    cb_apply_escape(pkg, facts, nfacts);
  cb_escape_facts_free(facts, nfacts);
  return ok;
}

static char *render(const json_t *doc) {
  cs_buf b = {0};
  cs_json_write(doc, &b);
  return cs_buf_take(&b);
}

/* Writes both files (to temporaries where they are regular files) and then
 * commits both: on any failure neither is left behind half-written. */
static bool write_outputs(const char *manifest_path, const char *manifest, const char *compdb_path,
                          const char *compdb, cs_error *err) {
  cs_output m = {0}, c = {0};
  char *dir = cs_dirname(compdb_path);
  bool ok = cs_mkdir_p(dir, err);
  free(dir);
  bool began_m = ok && cs_output_begin(manifest_path, manifest, strlen(manifest), &m, err);
  bool began_c = began_m && cs_output_begin(compdb_path, compdb, strlen(compdb), &c, err);
  if (!began_c) {
    cs_output_abort(&m);
    cs_output_abort(&c);
    return false;
  }
  /* The compilation database first: standard output (-o -) is the last word. */
  if (!cs_output_commit(&c, err)) {
    cs_output_abort(&m);
    return false;
  }
  return cs_output_commit(&m, err);
}

/* The manifest and compile_commands.json of one package in its cache
 * directory, beside cgo's objdir: what the clang-tidy module reads, kept
 * current by every run, whatever -o and --compdb say. */
static bool write_package_cache(const cb_package *pkg, const char *cache, const char *generator,
                                const char *written_manifest, const char *written_compdb,
                                cs_error *err) {
  char *dir = package_cache_dir(cache, pkg->dir);
  char *manifest_path = cs_path_join(dir, CGO_CACHE_MANIFEST);
  char *compdb_path = cs_path_join(dir, "compile_commands.json");
  bool ok = true;
  /* A one-package run without -o and --compdb has just written them. */
  if (strcmp(written_manifest, manifest_path) != 0 || strcmp(written_compdb, compdb_path) != 0) {
    json_t *manifest = cb_manifest_build(pkg, 1, generator);
    json_t *compdb = cb_compdb_build(pkg, 1, CGO_BOUNDARY_CC);
    char *manifest_text = render(manifest), *compdb_text = render(compdb);
    ok = write_outputs(manifest_path, manifest_text, compdb_path, compdb_text, err);
    free(manifest_text);
    free(compdb_text);
    json_decref(manifest);
    json_decref(compdb);
  }
  free(manifest_path);
  free(compdb_path);
  free(dir);
  return ok;
}

/* Says what could not be analysed; the number of such messages. */
static size_t report_incomplete(const cb_package *pkgs, size_t npkgs, bool allowed) {
  size_t n = 0;
  for (size_t i = 0; i < npkgs; i++)
    for (size_t k = 0; k < pkgs[i].incomplete.len; k++, n++)
      cs_say("%sincomplete: %s", allowed ? "warning: " : "", pkgs[i].incomplete.items[k]);
  return n;
}

/* 0 written, 2 error, 3 written but incomplete. */
static int run(const options *opts, cs_error *err) {
  if (opts->output && strcmp(opts->output, "-") != 0 &&
      !cb_manifest_check_overwrite(opts->output, err))
    return EXIT_ERROR;
  const char *env_go = getenv("GO");
  const char *go_binary = opts->go ? opts->go : (env_go && *env_go ? env_go : "go");
  cb_go go;
  if (!cb_go_init(&go, go_binary, opts->verbose, err)) {
    cb_go_free(&go);
    return EXIT_ERROR;
  }
  char *cache = cs_cache_dir(opts->cache_dir);
  cb_package *pkgs = NULL;
  size_t npkgs = 0;
  char *helper = NULL, *out_dir = NULL, *manifest_path = NULL, *compdb_path = NULL;
  int status = EXIT_ERROR;
  bool ok = cb_go_list(&go, &opts->packages, &pkgs, &npkgs, err) && cs_mkdir_p(cache, err) &&
            cb_gofacts_build(&go, cache, &helper, err);
  for (size_t i = 0; ok && i < npkgs; i++)
    ok = analyse_package(&go, cache, helper, &pkgs[i], err);
  if (ok) {
    out_dir = run_dir(cache, pkgs, npkgs);
    manifest_path =
        opts->output ? cs_xstrdup(opts->output) : cs_path_join(out_dir, CGO_CACHE_MANIFEST);
    compdb_path =
        opts->compdb ? cs_xstrdup(opts->compdb) : cs_path_join(out_dir, "compile_commands.json");
    char *generator = cs_xasprintf("cgo-boundary %s (%s)", CGO_BOUNDARY_VERSION, go.version);
    json_t *manifest = cb_manifest_build(pkgs, npkgs, generator);
    json_t *compdb = cb_compdb_build(pkgs, npkgs, CGO_BOUNDARY_CC);
    char *manifest_text = render(manifest), *compdb_text = render(compdb);
    ok = write_outputs(manifest_path, manifest_text, compdb_path, compdb_text, err);
    for (size_t i = 0; ok && i < npkgs; i++)
      ok = write_package_cache(&pkgs[i], cache, generator, manifest_path, compdb_path, err);
    if (ok && !opts->output)
      printf("%s\n", manifest_path);
    if (ok && opts->verbose)
      cs_say("wrote %s and %s", manifest_path, compdb_path);
    free(manifest_text);
    free(compdb_text);
    json_decref(manifest);
    json_decref(compdb);
    free(generator);
  }
  if (ok) {
    size_t gaps = report_incomplete(pkgs, npkgs, opts->allow_incomplete);
    status = gaps > 0 && !opts->allow_incomplete ? EXIT_INCOMPLETE : EXIT_OK;
  }
  for (size_t i = 0; i < npkgs; i++)
    cb_package_free(&pkgs[i]);
  free(pkgs);
  free(helper);
  free(out_dir);
  free(manifest_path);
  free(compdb_path);
  free(cache);
  cb_go_free(&go);
  return status;
}

int main(int argc, char **argv) {
  options opts = {0};
  cs_json_init();
  int status = parse_options(argc, argv, &opts);
  if (status < 0) {
    cs_error err = {{0}};
    status = run(&opts, &err);
    if (status == EXIT_ERROR)
      cs_say_error("%s", err.msg[0] ? err.msg : "failed");
  }
  cs_strlist_free(&opts.packages);
  return status;
}
