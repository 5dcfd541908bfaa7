/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE /* program_invocation_short_name */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void out_of_memory(void) {
  cs_say_error("out of memory");
  abort();
}

void *cs_xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p)
    out_of_memory();
  return p;
}

void *cs_xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    out_of_memory();
  return p;
}

void *cs_xrealloc(void *ptr, size_t size) {
  void *p = realloc(ptr, size ? size : 1);
  if (!p)
    out_of_memory();
  return p;
}

char *cs_xstrdup(const char *s) { return cs_xstrndup(s, strlen(s)); }

char *cs_xstrndup(const char *s, size_t n) {
  char *p = cs_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *cs_xvasprintf(const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0)
    n = 0;
  char *s = cs_xmalloc((size_t)n + 1);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

char *cs_xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = cs_xvasprintf(fmt, ap);
  va_end(ap);
  return s;
}

static void say(const char *kind, const char *fmt, va_list ap) {
  fprintf(stderr, "%s: %s", program_invocation_short_name, kind);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void cs_say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  say("", fmt, ap);
  va_end(ap);
}

void cs_say_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  say("error: ", fmt, ap);
  va_end(ap);
}

bool cs_fail(cs_error *err, const char *fmt, ...) {
  if (!err)
    return false;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return false;
}

static void buf_reserve(cs_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1)
    cap *= 2;
  b->data = cs_xrealloc(b->data, cap);
  b->cap = cap;
}

void cs_buf_append(cs_buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void cs_buf_puts(cs_buf *b, const char *s) { cs_buf_append(b, s, strlen(s)); }

void cs_buf_putc(cs_buf *b, char c) { cs_buf_append(b, &c, 1); }

void cs_buf_printf(cs_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = cs_xvasprintf(fmt, ap);
  va_end(ap);
  cs_buf_puts(b, s);
  free(s);
}

char *cs_buf_take(cs_buf *b) {
  char *s = b->data ? b->data : cs_xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return s;
}

void cs_buf_free(cs_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void cs_strlist_push_owned(cs_strlist *l, char *s) {
  if (l->len == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 8;
    l->items = cs_xrealloc(l->items, l->cap * sizeof *l->items);
  }
  l->items[l->len++] = s;
}

void cs_strlist_push(cs_strlist *l, const char *s) { cs_strlist_push_owned(l, cs_xstrdup(s)); }

void cs_strlist_extend(cs_strlist *l, const cs_strlist *from) {
  for (size_t i = 0; i < from->len; i++)
    cs_strlist_push(l, from->items[i]);
}

bool cs_strlist_contains(const cs_strlist *l, const char *s) {
  for (size_t i = 0; i < l->len; i++)
    if (strcmp(l->items[i], s) == 0)
      return true;
  return false;
}

static int compare_strings(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

void cs_strlist_sort(cs_strlist *l) {
  if (l->len > 1)
    qsort(l->items, l->len, sizeof *l->items, compare_strings);
}

bool cs_strlist_sorted_contains(const cs_strlist *l, const char *s) {
  return l->len > 0 && bsearch(&s, l->items, l->len, sizeof *l->items, compare_strings) != NULL;
}

void cs_strlist_terminate(cs_strlist *l) {
  cs_strlist_push_owned(l, NULL);
  l->len--;
}

void cs_strlist_free(cs_strlist *l) {
  for (size_t i = 0; i < l->len; i++)
    free(l->items[i]);
  free(l->items);
  l->items = NULL;
  l->len = l->cap = 0;
}

uint64_t cs_hash(const void *data, size_t n, uint64_t seed) {
  const unsigned char *p = data;
  uint64_t h = seed;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= UINT64_C(0x100000001b3);
  }
  return h;
}

char *cs_join(const char *const *items, size_t n, const char *sep) {
  cs_buf b = {0};
  for (size_t i = 0; i < n; i++) {
    if (i > 0)
      cs_buf_puts(&b, sep);
    cs_buf_puts(&b, items[i]);
  }
  return cs_buf_take(&b);
}

const char *cs_next_line(const char *p) {
  p += strcspn(p, "\n");
  return *p ? p + 1 : p;
}

char *cs_path_join(const char *dir, const char *name) {
  if (name[0] == '/' || dir[0] == '\0')
    return cs_xstrdup(name);
  size_t n = strlen(dir);
  return cs_xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

const char *cs_basename(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

char *cs_dirname(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return cs_xstrdup(".");
  if (slash == path)
    return cs_xstrdup("/");
  return cs_xstrndup(path, (size_t)(slash - path));
}

const char *cs_path_inside(const char *path, const char *dir) {
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/')
    n--;
  return strncmp(path, dir, n) == 0 && path[n] == '/' ? path + n + 1 : NULL;
}

char *cs_path_relative(const char *path, const char *dir) {
  const char *inside = cs_path_inside(path, dir);
  return cs_xstrdup(inside ? inside : path);
}

char *cs_absolute_path(const char *path) {
  if (path[0] == '/')
    return cs_xstrdup(path);
  char *cwd = getcwd(NULL, 0);
  if (!cwd)
    return cs_xstrdup(path);
  char *abs = cs_path_join(cwd, path);
  free(cwd);
  return abs;
}

bool cs_starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool cs_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}
