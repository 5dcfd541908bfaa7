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

typedef struct cl_findings {
  cl_finding *items;
  size_t len;
  size_t cap;
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
 * output", version 1) that pass the filter. */
bool cl_findings_add_vet_json(cl_findings *all, const char *json_text, size_t len,
                              const cl_filter *filter, cs_error *err);
void cl_findings_sort(cl_findings *all);
void cl_findings_free(cl_findings *all);

#endif
