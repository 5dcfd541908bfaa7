/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The C tools' small helpers: allocation that cannot fail silently, messages
 * prefixed by the running program's name, an error message carrier, a
 * growable string buffer, a list of strings, string and path helpers. Every
 * function documents who owns what it returns. Files are in file.h, running
 * tools in proc.h, options in options.h, JSON in json.h. */
#ifndef CGO_SUPPORT_UTIL_H
#define CGO_SUPPORT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation: abort with "PROGRAM: error: out of memory" when memory runs out. */
void *cs_xmalloc(size_t size);
void *cs_xcalloc(size_t count, size_t size);
void *cs_xrealloc(void *ptr, size_t size);
char *cs_xstrdup(const char *s);
char *cs_xstrndup(const char *s, size_t n);
/* printf into a new string the caller frees. */
char *cs_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *cs_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* One line on stderr after the running program's name (glibc's
 * program_invocation_short_name): "cgo-lifetime: MESSAGE", and
 * "cgo-lifetime: error: MESSAGE". */
void cs_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cs_say_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An error message: the first failure fills it, callers add context. */
typedef struct cs_error {
  char msg[2048];
} cs_error;
/* Sets the message (always returns false, so `return cs_fail(err, ...)`). */
bool cs_fail(cs_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable NUL-terminated string. Zero-initialise; free with cs_buf_free. */
typedef struct cs_buf {
  char *data;
  size_t len;
  size_t cap;
} cs_buf;
void cs_buf_append(cs_buf *b, const char *s, size_t n);
void cs_buf_puts(cs_buf *b, const char *s);
void cs_buf_putc(cs_buf *b, char c);
void cs_buf_printf(cs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (never NULL) and resets the buffer. */
char *cs_buf_take(cs_buf *b);
void cs_buf_free(cs_buf *b);

/* A list of owned strings. Zero-initialise; free with cs_strlist_free. */
typedef struct cs_strlist {
  char **items;
  size_t len;
  size_t cap;
} cs_strlist;
void cs_strlist_push(cs_strlist *l, const char *s); /* copies s */
void cs_strlist_push_owned(cs_strlist *l, char *s); /* takes s */
void cs_strlist_extend(cs_strlist *l, const cs_strlist *from);
bool cs_strlist_contains(const cs_strlist *l, const char *s);
void cs_strlist_sort(cs_strlist *l);
/* Binary search: l must be sorted with cs_strlist_sort. */
bool cs_strlist_sorted_contains(const cs_strlist *l, const char *s);
/* Ends the items with a NULL that len does not count, for execvp. */
void cs_strlist_terminate(cs_strlist *l);
void cs_strlist_free(cs_strlist *l);

/* 64-bit FNV-1a, for cache keys. */
uint64_t cs_hash(const void *data, size_t n, uint64_t seed);
#define CS_HASH_SEED UINT64_C(0xcbf29ce484222325)

/* Strings and lines. */
bool cs_starts_with(const char *s, const char *prefix);
bool cs_ends_with(const char *s, const char *suffix);
/* The n strings joined with sep between them (new string). */
char *cs_join(const char *const *items, size_t n, const char *sep);
/* The start of the line after the one p is in (the terminating NUL at the end). */
const char *cs_next_line(const char *p);

/* Paths. */
char *cs_path_join(const char *dir, const char *name); /* new string */
const char *cs_basename(const char *path);             /* points into path */
char *cs_dirname(const char *path);                    /* new string */
/* The part of path below dir ("a/b.c" of "/d/a/b.c" in "/d/"), pointing
 * into path; NULL when path is not inside dir. */
const char *cs_path_inside(const char *path, const char *dir);
/* path relative to dir when it is inside dir, else a copy of path. */
char *cs_path_relative(const char *path, const char *dir);
char *cs_absolute_path(const char *path); /* new string, not resolved */

#endif
