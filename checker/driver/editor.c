/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _POSIX_C_SOURCE 200809L
#include "editor.h"

#include "file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char clang_tidy_marker[] = "# Written by cgo-lifetime --editor-config.";
static const char clang_tidy_text[] =
    "# Written by cgo-lifetime --editor-config.\n"
    "# The cgo-lifetime checks (docs/integrations/clang-tidy.md). Run clang-tidy as\n"
    "# cgo-clang-tidy: it loads the module and brings the package's manifest up to\n"
    "# date first. compile_commands.json beside this file is per machine (do not\n"
    "# commit it); this file is not.\n"
    "Checks: '-*,cgo-*'\n";

/* CACHE/editor-<hash of path>: the hash of what we last wrote to path. */
static char *record_path(const char *cache_dir, const char *path) {
  uint64_t h = cs_hash(path, strlen(path), CS_HASH_SEED);
  return cs_xasprintf("%s/editor-%016llx", cache_dir, (unsigned long long)h);
}

static char *content_hash(const char *text, size_t len) {
  return cs_xasprintf("%016llx", (unsigned long long)cs_hash(text, len, CS_HASH_SEED));
}

/* Whether path is absent, or holds what we wrote there last (or the same
 * bytes as text): then it is ours to replace. */
static bool is_ours(const char *path, const char *text, const char *cache_dir, const char *marker) {
  char *old = NULL;
  size_t len = 0;
  cs_error ignored;
  if (!cs_file_exists(path))
    return true;
  if (!cs_read_file(path, &old, &len, &ignored))
    return false;
  bool ours = strcmp(old, text) == 0 || (marker && cs_starts_with(old, marker));
  if (!ours) {
    char *record = record_path(cache_dir, path), *want = NULL;
    char *have = content_hash(old, len);
    ours = cs_read_file(record, &want, NULL, &ignored) && strcmp(want, have) == 0;
    free(want);
    free(have);
    free(record);
  }
  free(old);
  return ours;
}

static bool remember(const char *path, const char *text, const char *cache_dir, cs_error *err) {
  char *record = record_path(cache_dir, path);
  char *hash = content_hash(text, strlen(text));
  bool ok = cs_mkdir_p(cache_dir, err) && cs_write_file(record, hash, strlen(hash), err);
  free(hash);
  free(record);
  return ok;
}

/* Writes one file unless it is someone else's; *written says which. */
static bool write_one(const char *path, const char *text, const char *cache_dir, const char *marker,
                      const char *advice, bool *written, cs_error *err) {
  *written = false;
  if (!is_ours(path, text, cache_dir, marker)) {
    cs_say("note: %s exists and was not written by cgo-lifetime; left as "
           "it is: %s",
           path, advice);
    return true;
  }
  if (!cs_write_file(path, text, strlen(text), err) || !remember(path, text, cache_dir, err))
    return false;
  *written = true;
  return true;
}

bool cl_write_editor_files(const char *dir, const char *compdb_text, const char *cache_dir,
                           cs_error *err) {
  char *tidy = cs_path_join(dir, ".clang-tidy");
  char *compdb = cs_path_join(dir, "compile_commands.json");
  bool wrote_tidy = false, wrote_compdb = false;
  bool ok = write_one(tidy, clang_tidy_text, cache_dir, clang_tidy_marker,
                      "add 'cgo-*' to its Checks", &wrote_tidy, err) &&
            write_one(compdb, compdb_text, cache_dir, NULL,
                      "merge into it the compile_commands.json beside the manifest that "
                      "'cgo-lifetime --print-manifest PACKAGE' prints, or give clang-tidy -p "
                      "that directory",
                      &wrote_compdb, err);
  if (ok && (wrote_tidy || wrote_compdb))
    cs_say("wrote%s%s%s%s", wrote_tidy ? " " : "", wrote_tidy ? tidy : "", wrote_compdb ? " " : "",
           wrote_compdb ? compdb : "");
  free(tidy);
  free(compdb);
  return ok;
}
