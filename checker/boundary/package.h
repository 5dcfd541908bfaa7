/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* What cgo-boundary learns about one Go package, filled in stages (main.c's
 * analyse_package): gotool.c (`go list -json`, then the escape analysis of
 * `go build -gcflags=-m`), objdir.c (cgo's output in the cache), gofacts.c
 * (the Go helper: exports and their parameters, C references, #cgo
 * promises, handle arguments), cdecls.c (C types of the exports, hand-written
 * declarations, which C names Go uses), retention.c (the escape facts onto
 * the exports' parameters); then manifest.c writes it. */
#ifndef CGO_BOUNDARY_PACKAGE_H
#define CGO_BOUNDARY_PACKAGE_H

#include "util.h"

typedef enum cb_effect {
  CB_EFFECT_UNKNOWN,
  CB_EFFECT_BORROW,
  CB_EFFECT_RETAIN,
  CB_EFFECT_RELEASE
} cb_effect;
const char *cb_effect_name(cb_effect e);

typedef struct cb_param {
  int index;       /* 1-based */
  char *name;      /* Go name */
  int line;        /* line of the name in the Go file */
  bool is_pointer; /* its C type (from _cgo_export.h) is a pointer */
  char *c_type;    /* C spelling, or NULL when unknown */
  cb_effect effect;
  char *evidence; /* NULL when effect is unknown */
} cb_param;

typedef struct cb_export {
  char *name;
  char *file; /* Go file, relative to the package dir */
  int line;   /* line of `func` */
  cb_param *params;
  size_t nparams;
  cs_strlist hand_decls; /* "file.c:line" of extern declarations in the package's C files */
} cb_export;

/* A C function Go calls, or a C global Go reads (or one argument of a C
 * function: arg > 0). */
typedef struct cb_cref {
  char *name;
  char *evidence; /* may be NULL */
  int arg;        /* 1-based argument position, 0 when the entry is not about one */
} cb_cref;

typedef struct cb_package {
  char *dir; /* absolute */
  char *import_path;
  char *name;
  cs_strlist go_files;  /* GoFiles, relative to dir */
  cs_strlist cgo_files; /* CgoFiles */
  cs_strlist c_files;   /* CFiles */
  cs_strlist h_files;   /* HFiles */
  cs_strlist cflags;    /* CgoCPPFLAGS, then CgoCFLAGS, then pkg-config --cflags */
  char *objdir;         /* the cache directory `go tool cgo` writes into */
  cb_export *exports;
  size_t nexports;
  cb_cref *go_called;
  size_t ngo_called;
  cb_cref *go_globals;
  size_t ngo_globals;
  cb_cref *c_refs; /* first `C.name` in the Go files: name, "file.go:line" */
  size_t nc_refs;
  cb_cref *noescape; /* `#cgo noescape NAME`: name, "file.go:line" */
  size_t nnoescape;
  cb_cref *nocallback; /* `#cgo nocallback NAME`: name, "file.go:line" */
  size_t nnocallback;
  cb_cref *handle_args; /* arguments every Go call passes an integer to, as a pointer */
  size_t nhandle_args;
  cs_strlist incomplete; /* what could not be analysed and why, one message each */
} cb_package;

void cb_package_free(cb_package *pkg);
/* What cgo names its translation of a cgo file: ("x.go", ".cgo2.c") ->
 * "x.cgo2.c" (new string; the directory is dropped). */
char *cb_cgo_output_name(const char *go_file, const char *suffix);
cb_export *cb_package_find_export(cb_package *pkg, const char *name);
cb_param *cb_export_find_param(cb_export *ex, int index);
/* "file.go:line" of the first C.name in the package's Go files, or NULL. */
const char *cb_package_c_ref(const cb_package *pkg, const char *name);

/* The lines of `go build -gcflags=-m` are read per package into these. */
typedef struct cb_escape_fact {
  char *file; /* relative to the package dir */
  int line;
  char *param;  /* parameter name */
  char *report; /* normalised wording, e.g. "leaking param: p" */
  cb_effect effect;
} cb_escape_fact;

#endif
