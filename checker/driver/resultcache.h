/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Results cached by their inputs, as go vet caches its own (docs/usage.md,
 * "The results cache"): a run on packages whose inputs have not changed gets
 * its report, the warnings it printed and its exit status back from
 * CACHE/results/KEY, where KEY is a SHA-256 over everything the report
 * depends on. Changed inputs make another key, so an entry is never stale;
 * an entry is one file, written whole or not at all. */
#ifndef CGO_LIFETIME_RESULTCACHE_H
#define CGO_LIFETIME_RESULTCACHE_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* What the key is computed from (all borrowed). */
typedef struct cl_rc_inputs {
  /* Programs and libraries whose identity (device, inode, size, modification
   * time) is part of the key: the tool itself, the plugin, the companion,
   * cgo-lifetime-vet, clang; a NULL path is skipped. */
  const char *const *tools;
  size_t ntools;
  /* The options and environment that change findings or their rendering,
   * as text (main.c builds it). */
  const char *settings;
  /* The models, ';'-separated files and folders (main.c's models_list): a
   * folder's *.json files, as the plugin and cgo-lifetime-vet read them. */
  const char *models;
  /* The package arguments, resolved as both sides resolve them
   * (cs_go_package_argument). */
  const cs_strlist *packages;
  const char *go; /* the go command (name or path) */
} cl_rc_inputs;

/* The key, 64 hex digits and a NUL: the settings, the tools' identities, the
 * models' contents, go env's values that change cgo's output, and, from `go
 * list -deps`, the names and contents of the files of every package outside
 * GOROOT and the module cache (a module cache directory is immutable: its
 * path, which names the version, is enough), every C source and header under
 * the directories of the packages asked for and their #cgo -I folders outside
 * /usr, and each module's go.mod. False (err says why) when the inputs cannot
 * be listed: the run then goes without the cache. */
bool cl_rc_key(const cl_rc_inputs *in, char key[65], cs_error *err);

/* One cached result. */
typedef struct cl_rc_entry {
  int status;   /* the exit status: 0 or 1 */
  char *notes;  /* the warnings printed on stderr, lines (owned, never NULL after load) */
  char *report; /* the rendered report (owned) */
  size_t report_len;
} cl_rc_entry;

/* The entry of key in cache_dir (the shared cache, cs_cache_dir) into *e:
 * false on a miss (or an entry that does not parse). */
bool cl_rc_load(const char *cache_dir, const char *key, cl_rc_entry *e);
/* Writes the entry of key atomically: the exit status, the warnings (notes)
 * and the rendered report. At most once a day, it also removes the entries
 * no run has used for five days (as go's own cache does). */
bool cl_rc_store(const char *cache_dir, const char *key, int status, const char *notes,
                 const char *report, size_t report_len, cs_error *err);
void cl_rc_entry_free(cl_rc_entry *e);

/* The run's side of the cache, cache_dir as --cache-dir gives it (NULL: the
 * default). cl_rc_serve: the entry of key, when there is one, served as the
 * run that stored it ended: its warnings on stderr, its report to output (a
 * file, or standard output for NULL and "-"), its exit status in *status (2
 * when the report cannot be written); -v says so. False on a miss. */
bool cl_rc_serve(const char *cache_dir, const char *key, const char *output, bool verbose,
                 int *status);
/* Stores a run's result with the warnings relayed so far (cl_rc_notes); a
 * failure is said with -v, and the run's result stands. */
void cl_rc_save(const char *cache_dir, const char *key, int status, const char *report,
                bool verbose);

/* The warnings of a run, for the entry: prints one line (n bytes, no
 * newline) on stderr, and keeps it when it is a warning ("warning: " in
 * it; -v's lines are not kept). */
void cl_rc_relay_line(const char *line, size_t n);
/* The lines kept so far (borrowed; "" when none). */
const char *cl_rc_notes(void);

#endif
