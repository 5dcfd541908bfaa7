/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The Go side of one run: cgo-lifetime-vet (checker/vet/) on the same
 * packages, with the facts the C side computed (the companion's manifest and
 * the merged summaries), its JSON report read into the same findings. */
#ifndef CGO_LIFETIME_GOSIDE_H
#define CGO_LIFETIME_GOSIDE_H

#include "findings.h"
#include "util.h"

#include <stdbool.h>

typedef struct cl_goside {
  const char *vet;             /* the cgo-lifetime-vet binary */
  const char *manifest;        /* the companion's manifest */
  const char *summaries;       /* the merged summaries of the C side, or NULL */
  const cs_strlist *models;    /* the user's --models (the shipped ones are the tool's own) */
  const cs_strlist *checks;    /* Go-side checkers to report; empty: all */
  const char *go;              /* --go: the go command, or NULL for the one on PATH */
  int shape_callback_userdata; /* -1: the tool's default, 0, 1 */
  int shape_destructor_name;   /* the same */
  bool verbose;
} cl_goside;

/* The Go-side checkers (Checkers.def's CGO_GO_CHECKER entries), NULL-ended. */
extern const char *const cl_go_checkers[];

/* Is name a Go-side checker? */
bool cl_is_go_checker(const char *name);

/* Runs the Go side on each package argument (as cgo-boundary resolves it: a
 * directory is the package there, DIR/... the packages under DIR, anything
 * else a pattern in the current directory) and adds its findings that pass
 * filter. A package the Go side cannot analyse (cgo-lifetime-vet missing, its
 * Go code not type-checking, the tool failing) is a gap, never "no
 * findings": "the Go code of PKG was not analysed: REASON". Returns false
 * (err set) only when the tool's report cannot be read. */
bool cl_goside_run(const cl_goside *g, const cs_strlist *packages, const cl_filter *filter,
                   cl_findings *all, cs_strlist *gaps, cs_error *err);

#endif
