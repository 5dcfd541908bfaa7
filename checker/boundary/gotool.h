/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Everything cgo-boundary asks the Go toolchain: its version, `go list`,
 * `go tool cgo` and the escape analysis of `go build -gcflags=-m`. */
#ifndef CGO_BOUNDARY_GOTOOL_H
#define CGO_BOUNDARY_GOTOOL_H

#include "package.h"
#include "proc.h"

typedef struct cb_go {
  const char *binary;  /* the go command (PATH lookup when it has no '/') */
  char *version;       /* `go env GOVERSION`, e.g. "go1.26.8" */
  cs_strlist cppflags; /* `go env CGO_CPPFLAGS`: the environment's, else go env's */
  cs_strlist cflags;   /* `go env CGO_CFLAGS` (Go's default "-O2 -g") */
  bool verbose;        /* -v: say each step on stderr */
} cb_go;

/* Checks that the go command runs and records its version and the C flags
 * `go build` gives every cgo compile. */
bool cb_go_init(cb_go *go, const char *binary, bool verbose, cs_error *err);
void cb_go_free(cb_go *go);
/* Runs `go ARGS...` (args NULL-terminated) in cwd with CGO_ENABLED=1. */
bool cb_go_run(const cb_go *go, const char *const *args, const char *cwd, cs_proc_result *res,
               cs_error *err);

/* Resolves the command-line arguments (directories, DIR/... patterns, import
 * paths) with `go list -json` into packages that use cgo. Packages without cgo
 * files are skipped; none at all is an error. Each package's cflags are the
 * ones `go build` compiles its C with, in its order: CGO_CPPFLAGS, the #cgo
 * CPPFLAGS, pkg-config --cflags, CGO_CFLAGS, the #cgo CFLAGS. */
bool cb_go_list(const cb_go *go, const cs_strlist *args, cb_package **pkgs, size_t *npkgs,
                cs_error *err);

/* Runs `go tool cgo` on the package's cgo files into pkg->objdir. */
bool cb_go_cgo(const cb_go *go, const cb_package *pkg, cs_error *err);

/* Runs `go build -work -gcflags=-m` on the package and returns the escape
 * facts for parameters, and the build's WORK directory (owned, may be NULL; the
 * caller removes it with cb_objdir_remove_work). A failed build (Go code that
 * does not type-check) is not fatal: the analysis is incomplete, and
 * *incomplete gets what and why, with go's reason lines (owned). */
bool cb_go_escape(const cb_go *go, const cb_package *pkg, cb_escape_fact **facts, size_t *nfacts,
                  char **incomplete, char **work, cs_error *err);
void cb_escape_facts_free(cb_escape_fact *facts, size_t n);

#endif
