/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Files for the C tools: reading a whole file, directories, removing files and
 * trees, and writing an output file so that no reader sees half of it. */
#ifndef CGO_SUPPORT_FILE_H
#define CGO_SUPPORT_FILE_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* The whole file, NUL-terminated, into *out (caller frees); *len (when len
 * is not NULL) without the NUL. */
bool cs_read_file(const char *path, char **out, size_t *len, cs_error *err);
bool cs_file_exists(const char *path);
bool cs_is_directory(const char *path);
/* A package argument of the tools as `go list` takes it, resolved the way
 * both sides run go on it: "DIR/..." (DIR a directory) is the pattern "./..."
 * in DIR, a directory is "." in it, anything else (an import path, a pattern)
 * is itself in the current directory (*cwd NULL). *cwd is a new string. */
void cs_go_package_argument(const char *arg, char **cwd, const char **pattern);
bool cs_mkdir_p(const char *path, cs_error *err);
/* Removes the regular files directly inside dir whose names start with
 * prefix and end with suffix ("" for any); subdirectories stay. A missing dir
 * is empty. */
bool cs_remove_files(const char *dir, const char *prefix, const char *suffix, cs_error *err);
/* Removes path and, when it is a directory, everything below it; symbolic
 * links are removed, never followed. Best effort: what cannot be removed
 * stays. */
void cs_remove_tree(const char *path);

/* The cache both tools share (new string): given (--cache-dir) made
 * absolute, else $XDG_CACHE_HOME/cgo-lifetime, else ~/.cache/cgo-lifetime. */
char *cs_cache_dir(const char *given);

/* Writing an output file. Only a regular file, or a path that does not exist
 * yet, is written atomically: to TARGET.tmp.PID beside it, then renamed over
 * it, so that readers never see half a file (an existing file keeps its mode).
 * A character or block device, a FIFO or a socket (/dev/null, /dev/stdout, a
 * named pipe) is written in place and stays what it is; "-" is standard
 * output. A symbolic link is followed: the file it points to is replaced, the
 * link stays; a link to a missing file is refused. A directory is refused.
 *
 * cs_output_begin writes the temporary (or, for a file written in place,
 * nothing yet) and cs_output_commit finishes, so that several files are
 * committed together once all of them could be written; cs_output_abort
 * drops a begun output. `data` must stay valid until commit or abort. */
typedef struct cs_output {
  char *target;     /* where the bytes go (a followed link's target); NULL: standard output */
  char *tmp;        /* the temporary to rename over target; NULL: write in place */
  const char *data; /* borrowed */
  size_t len;
} cs_output;
bool cs_output_begin(const char *path, const char *data, size_t len, cs_output *out, cs_error *err);
bool cs_output_commit(cs_output *out, cs_error *err);
void cs_output_abort(cs_output *out);
/* Both steps for one file. */
bool cs_write_file(const char *path, const char *data, size_t len, cs_error *err);
/* Renames tmp over path (a file of our own, such as a freshly built program in
 * the cache); removes tmp when that fails. */
bool cs_commit_temp(const char *tmp, const char *path, cs_error *err);

#endif
