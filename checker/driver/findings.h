/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Findings: what the analyzers reported, read from the SARIF files clang
 * writes per translation unit and from the Go side's JSON report, kept only
 * for the cgo checkers and the user's package, without duplicates, in a
 * stable order. */
#ifndef CGO_LIFETIME_FINDINGS_H
#define CGO_LIFETIME_FINDINGS_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct cl_location {
  char *file; /* absolute path */
  long line;
  long column;
  char *message; /* path notes only; NULL for a result's own location */
} cl_location;

typedef struct cl_finding {
  char *rule; /* the SARIF rule id: Checkers.def's RULE for ours */
  char *message;
  cl_location where;
  cl_location physical; /* where, before #line mapping (clang's HTML names it) */
  cl_location *steps;   /* the path, in order */
  size_t nsteps;
} cl_finding;

/* One Go call of a C function that keeps an argument, as the Go side saw it
 * (its report's "keeps", docs/go-side.md). */
typedef struct cl_keep_caller {
  cl_location call;
  char *passes;          /* what it passes, ", "-separated: "c-memory, c-memory-handed-over" */
  bool fine;             /* everything it passes is memory C may keep */
  cl_location *findings; /* the Go side's findings of its bug; message: the checker */
  size_t nfindings;
} cl_keep_caller;

/* What the Go calls of one C function of one package pass as an argument it
 * keeps. */
typedef struct cl_go_keep {
  char *dir; /* the package's directory, where the calls are */
  char *function;
  long argument; /* 1-based */
  bool complete; /* the Go side followed every call (no function ran out of its budget) */
  cl_keep_caller *callers;
  size_t ncallers;
} cl_go_keep;

typedef struct cl_findings {
  cl_finding *items;
  size_t len;
  size_t cap;
  cl_go_keep *keeps; /* from the Go side's reports */
  size_t nkeeps;
} cl_findings;

/* Which results to keep. */
typedef struct cl_filter {
  const char *rule_prefix;        /* e.g. "cgo." */
  const cs_strlist *package_dirs; /* a result must lie inside one of them */
} cl_filter;

/* Adds the results of one SARIF log that pass the filter, skipping
 * duplicates of results already there. */
bool cl_findings_add_sarif(cl_findings *all, const char *sarif_text, size_t len,
                           const cl_filter *filter, cs_error *err);
/* Adds the findings of cgo-lifetime-vet -json (docs/go-side.md, "JSON
 * output", version 1) that pass the filter, and its "keeps" (what the Go
 * calls pass to the C functions that keep an argument). */
bool cl_findings_add_vet_json(cl_findings *all, const char *json_text, size_t len,
                              const cl_filter *filter, cs_error *err);
/* One bug, one finding (docs/checkers/KeepsGoArgument.md): a C-side
 * cgo.KeepsGoArgument that the Go side reports too (cgo.GoPointerKeptByC,
 * cgo.GoFreesCHeld at a call of the same function and argument) becomes a
 * path of that Go finding; one whose Go calls all pass memory C may keep,
 * none of it freed while C keeps it, goes when go_complete (the Go side
 * analysed every package) and the Go side followed every call. verbose: says
 * on stderr what went where and why, files relative to cwd. */
void cl_findings_merge_keeps(cl_findings *all, bool go_complete, bool verbose, const char *cwd);
void cl_findings_sort(cl_findings *all);
void cl_findings_free(cl_findings *all);

#endif
