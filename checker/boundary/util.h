/* Small helpers shared by cgo-boundary's modules: allocation that cannot fail
 * silently, a growable string buffer, a list of strings, an error message
 * carrier, files and paths. Every function documents who owns what it returns. */
#ifndef CGO_BOUNDARY_UTIL_H
#define CGO_BOUNDARY_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation: abort with a message when memory runs out. */
void *cb_xmalloc(size_t size);
void *cb_xcalloc(size_t count, size_t size);
void *cb_xrealloc(void *ptr, size_t size);
char *cb_xstrdup(const char *s);
char *cb_xstrndup(const char *s, size_t n);
/* printf into a new string the caller frees. */
char *cb_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An error message: the first failure fills it, callers add context. */
typedef struct cb_error {
  char msg[2048];
} cb_error;
/* Sets the message (always returns false, so `return cb_fail(err, ...)`). */
bool cb_fail(cb_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable NUL-terminated string. Zero-initialise; free with cb_buf_free. */
typedef struct cb_buf {
  char *data;
  size_t len;
  size_t cap;
} cb_buf;
void cb_buf_append(cb_buf *b, const char *s, size_t n);
void cb_buf_puts(cb_buf *b, const char *s);
void cb_buf_putc(cb_buf *b, char c);
void cb_buf_printf(cb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (never NULL) and resets the buffer. */
char *cb_buf_take(cb_buf *b);
void cb_buf_free(cb_buf *b);

/* A list of owned strings. Zero-initialise; free with cb_strlist_free. */
typedef struct cb_strlist {
  char **items;
  size_t len;
  size_t cap;
} cb_strlist;
void cb_strlist_push(cb_strlist *l, const char *s); /* copies s */
void cb_strlist_push_owned(cb_strlist *l, char *s); /* takes s */
void cb_strlist_extend(cb_strlist *l, const cb_strlist *from);
bool cb_strlist_contains(const cb_strlist *l, const char *s);
void cb_strlist_sort(cb_strlist *l);
/* Binary search: l must be sorted with cb_strlist_sort. */
bool cb_strlist_sorted_contains(const cb_strlist *l, const char *s);
void cb_strlist_free(cb_strlist *l);

/* 64-bit FNV-1a, for cache keys. */
uint64_t cb_hash(const void *data, size_t n, uint64_t seed);
#define CB_HASH_SEED UINT64_C(0xcbf29ce484222325)

/* Files and paths. */
bool cb_read_file(const char *path, char **out, size_t *len, cb_error *err);
bool cb_file_exists(const char *path);
bool cb_mkdir_p(const char *path, cb_error *err);
/* Removes the regular files directly inside dir (not subdirectories). */
bool cb_clear_dir(const char *dir, cb_error *err);
/* Writing an output file. Only a regular file, or a path that does not exist
 * yet, is written atomically: to TARGET.tmp.PID beside it, then renamed over
 * it, so that readers never see half a file (an existing file keeps its mode).
 * A character or block device, a FIFO or a socket (/dev/null, /dev/stdout, a
 * named pipe) is written in place and stays what it is; "-" is standard
 * output. A symbolic link is followed: the file it points to is replaced, the
 * link stays; a link to a missing file is refused. A directory is refused.
 *
 * cb_output_begin writes the temporary (or, for a file written in place,
 * nothing yet) and cb_output_commit finishes, so that several files are
 * committed together once all of them could be written; cb_output_abort
 * drops a begun output. `data` must stay valid until commit or abort. */
typedef struct cb_output {
  char *target;     /* where the bytes go (a followed link's target); NULL: standard output */
  char *tmp;        /* the temporary to rename over target; NULL: write in place */
  const char *data; /* borrowed */
  size_t len;
} cb_output;
bool cb_output_begin(const char *path, const char *data, size_t len, cb_output *out,
                     cb_error *err);
bool cb_output_commit(cb_output *out, cb_error *err);
void cb_output_abort(cb_output *out);
/* Both steps for one file. */
bool cb_write_file(const char *path, const char *data, size_t len, cb_error *err);
/* Renames tmp over path (a file of our own, such as a freshly built program in
 * the cache); removes tmp when that fails. */
bool cb_commit_temp(const char *tmp, const char *path, cb_error *err);
char *cb_path_join(const char *dir, const char *name);   /* new string */
const char *cb_basename(const char *path);               /* points into path */
char *cb_dirname(const char *path);                      /* new string */
/* path relative to dir when it is inside dir, else a copy of path. */
char *cb_path_relative(const char *path, const char *dir);
char *cb_absolute_path(const char *path);                /* new string, not resolved */
bool cb_starts_with(const char *s, const char *prefix);
/* The start of the line after the one p is in (the terminating NUL at the end). */
const char *cb_next_line(const char *p);
bool cb_ends_with(const char *s, const char *suffix);

/* Command-line options: "-o FILE", "-oFILE", "--opt FILE", "--opt=FILE".
 * Returns the value (advancing *i past a separate value), or NULL when
 * argv[*i] is not the option `name` or its value is missing. */
const char *cb_option_value(const char *name, int argc, char **argv, int *i);

#endif
