/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Running the analyzer over the translation units of a package: which units,
 * with which flags, cross-translation-unit analysis (CTU) between them, and
 * several clang processes at once. */
#ifndef CGO_LIFETIME_ANALYZE_H
#define CGO_LIFETIME_ANALYZE_H

#include "util.h"

#include <stdbool.h>

typedef struct cl_unit {
  char *file;      /* absolute path of the C file */
  char *dir;       /* the directory the compiler runs in */
  cs_strlist args; /* flags, without the compiler, -c, -o and the file */
  bool optional;   /* a package header: one that does not compile (also as fallback) is skipped */
  char *fallback;  /* optional unit: the header after the preambles' system includes, tried
                      when the file alone fails to compile; NULL if there is none */
} cl_unit;

typedef struct cl_units {
  cl_unit *items;
  size_t len;
} cl_units;

typedef struct cl_config {
  const char *clang;           /* the clang of the plugin's release */
  const char *extdef_mapping;  /* clang-extdef-mapping of that release */
  const char *plugin;          /* CgoLifetime.so */
  const char *manifest;        /* the companion's manifest */
  const char *checkers;        /* -analyzer-checker list */
  const char *workdir;         /* private scratch directory */
  const char *ctu_dir;         /* the CTU index; NULL: WORKDIR/ctu */
  const char *models;          /* cgo:Models: models files and folders, ';'-separated; or NULL */
  bool no_shipped_models;      /* cgo:ShippedModels=false (models names them itself) */
  bool write_summaries;        /* cgo:SummaryOutput=WORKDIR/sum-i.json for unit i */
  const char *summaries;       /* cgo:Summaries: a merged summaries file, or NULL */
  int shape_callback_userdata; /* cgo:ShapeCallbackUserdata: -1 the plugin's default, 0, 1 */
  int shape_destructor_name;   /* cgo:ShapeDestructorName: the same */
  bool ctu;                    /* cross-translation-unit analysis */
  bool html;                   /* also write clang's HTML reports */
  int jobs;                    /* clang processes at once */
  bool verbose;
  bool progress; /* print [i/N] lines on stderr */
} cl_config;

/* Reads a compile_commands.json; keeps the package's C files and cgo's
 * *.cgo2.c, drops cgo boilerplate (_cgo_export.c, _cgo_main.c). Relative
 * include paths become absolute. package_dirs receives the entries'
 * directories. */
bool cl_load_units(const char *compdb_path, cl_units *units, cs_strlist *package_dirs,
                   cs_error *err);
void cl_units_free(cl_units *units);

/* The analyzer skips functions defined in headers. A package's own headers
 * (gotk3's *.go.h: callbacks installed as function pointers, never reached
 * from a .c file) are analysed as units of their own: WORKDIR/hdr-N.cgo-header.c
 * holds `#line 1 "HEADER"` and the header's text, compiled with the flags of
 * a unit of the same package. A header that needs types from the system
 * headers its preamble includes first (gotk3's `GdkAtom`, libvirt-go's
 * `virConnectPtr`) is tried again as WORKDIR/hdr-N-pre.cgo-header.c: the
 * `#include <...>` lines of the package's preambles, then the same. System
 * headers stay out of the analysis. Call after cl_prepare_ctu: these units are
 * not part of the CTU index. */
bool cl_add_header_units(const cl_config *cfg, cl_units *units, const cs_strlist *package_dirs,
                         cs_error *err);

/* Writes the CTU index (externalDefMap.txt) and invocation list into
 * WORKDIR/ctu with clang-extdef-mapping. */
bool cl_prepare_ctu(const cl_config *cfg, const cl_units *units, cs_error *err);

/* Where unit i's summaries go when cfg->write_summaries (new string). */
char *cl_unit_summaries_path(const cl_config *cfg, size_t i);

/* Analyses every unit. For unit i the SARIF log is WORKDIR/unit-i.sarif and
 * HTML reports go to WORKDIR/html-i/. A unit that fails adds to failures what
 * was not analysed and why: "FILE was not analysed: clang rejects it: " and
 * clang's error lines (docs/usage.md, exit status 3). */
void cl_analyze_all(const cl_config *cfg, const cl_units *units, cs_strlist *sarif_paths,
                    cs_strlist *html_dirs, cs_strlist *failures);

#endif
