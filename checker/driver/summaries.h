/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Function summaries across a package's translation units
 * (docs/summaries.md): the plugin writes one file per unit
 * (cgo:SummaryOutput); the driver merges them into one, adds what no single
 * unit can see (`invalidated_by` of borrowed returns: a function of the
 * package that frees or moves the same path) and the `inputs` the file was
 * computed from, and picks the units that a second pass, with the merged
 * summaries, must analyse again to find the cross-call bug (one Go-called
 * function hands memory to a retaining Go export, another frees it). */
#ifndef CGO_LIFETIME_SUMMARIES_H
#define CGO_LIFETIME_SUMMARIES_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct cl_summaries cl_summaries;

cl_summaries *cl_summaries_new(void);
void cl_summaries_free(cl_summaries *s);

/* Adds the summaries file of unit `unit`. A missing file (the unit was not
 * analysed, or defines no function) adds nothing. A function that two units
 * define gets the union of their effects (a release is `always` only if both
 * say so). */
bool cl_summaries_add_file(cl_summaries *s, const char *path, size_t unit, cs_error *err);

/* Adds `invalidated_by` to every borrowed return: the functions that free or
 * move the same path from a parameter of the same type (or the same global).
 * Drops a `returns fresh` through a field ($1->name, $ret->name) when a
 * function of the package frees or moves that field of a block of the same
 * type: the struct owns what is there, the caller does not. */
void cl_summaries_link(cl_summaries *s);

/* The merged file: schema 1, kind "summaries", functions sorted by name and
 * effects by (effect, path, out, condition), `inputs` with their SHA-256 (absolute
 * paths); the same input gives the same bytes. NULL with err set when an
 * input cannot be read. */
char *cl_summaries_render(const cl_summaries *s, const char *generator, const cs_strlist *inputs,
                          cs_error *err);

/* Marks in rerun[0..nunits) the units that define a Go-called function which
 * frees or moves a path that a Go-called function hands to a retaining Go
 * export and leaves in C storage (a field of a parameter of the same type, a
 * global). Returns how many it marked. */
size_t cl_summaries_rerun_units(const cl_summaries *s, bool *rerun, size_t nunits);

/* The files the summaries of packages in package_dirs depend on: their C and
 * header files and the Go files that import "C", absolute, sorted. */
void cl_summary_inputs(const cs_strlist *package_dirs, cs_strlist *out);

#endif
