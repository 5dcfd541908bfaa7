/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Writing findings for people (clang-style text), for code scanning (one
 * SARIF 2.1.0 log) and for browsers (HTML reports with an index). */
#ifndef CGO_LIFETIME_RENDER_H
#define CGO_LIFETIME_RENDER_H

#include "findings.h"
#include "util.h"

#include <stdbool.h>
#include <stdio.h>

/* file:line:col: warning: MESSAGE [rule], then one note per path step.
 * Paths inside cwd are shown relative to it. */
void cl_render_text(const cl_findings *all, const char *cwd, FILE *out);

/* A SARIF 2.1.0 log with one run; artifact URIs are relative to root (with
 * uriBaseId %SRCROOT%) when inside it, absolute file URIs otherwise. docs is
 * the URL (ending in '/') of the checkers' pages, for helpUri. The rules are
 * the C side's checkers, and the Go side's when go_side (it ran). */
char *cl_render_sarif(const cl_findings *all, const char *root, const char *version,
                      const char *docs, bool go_side);

/* Copies the clang HTML reports (found in report_dirs) that belong to the
 * findings into out_dir, after removing the report-*.html of an earlier run,
 * and writes out_dir/index.html. */
bool cl_render_html(const cl_findings *all, const cs_strlist *report_dirs, const char *out_dir,
                    const char *cwd, cs_error *err);

#endif
