#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* realpath */
#include "util.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void out_of_memory(void) {
  fputs("cgo-boundary: error: out of memory\n", stderr);
  abort();
}

void *cb_xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p)
    out_of_memory();
  return p;
}

void *cb_xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    out_of_memory();
  return p;
}

void *cb_xrealloc(void *ptr, size_t size) {
  void *p = realloc(ptr, size ? size : 1);
  if (!p)
    out_of_memory();
  return p;
}

char *cb_xstrdup(const char *s) { return cb_xstrndup(s, strlen(s)); }

char *cb_xstrndup(const char *s, size_t n) {
  char *p = cb_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static char *vasprintf_x(const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0)
    n = 0;
  char *s = cb_xmalloc((size_t)n + 1);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

char *cb_xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = vasprintf_x(fmt, ap);
  va_end(ap);
  return s;
}

bool cb_fail(cb_error *err, const char *fmt, ...) {
  if (!err)
    return false;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return false;
}

static void buf_reserve(cb_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1)
    cap *= 2;
  b->data = cb_xrealloc(b->data, cap);
  b->cap = cap;
}

void cb_buf_append(cb_buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void cb_buf_puts(cb_buf *b, const char *s) { cb_buf_append(b, s, strlen(s)); }

void cb_buf_putc(cb_buf *b, char c) { cb_buf_append(b, &c, 1); }

void cb_buf_printf(cb_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = vasprintf_x(fmt, ap);
  va_end(ap);
  cb_buf_puts(b, s);
  free(s);
}

char *cb_buf_take(cb_buf *b) {
  char *s = b->data ? b->data : cb_xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return s;
}

void cb_buf_free(cb_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void cb_strlist_push_owned(cb_strlist *l, char *s) {
  if (l->len == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 8;
    l->items = cb_xrealloc(l->items, l->cap * sizeof *l->items);
  }
  l->items[l->len++] = s;
}

void cb_strlist_push(cb_strlist *l, const char *s) { cb_strlist_push_owned(l, cb_xstrdup(s)); }

void cb_strlist_extend(cb_strlist *l, const cb_strlist *from) {
  for (size_t i = 0; i < from->len; i++)
    cb_strlist_push(l, from->items[i]);
}

bool cb_strlist_contains(const cb_strlist *l, const char *s) {
  for (size_t i = 0; i < l->len; i++)
    if (strcmp(l->items[i], s) == 0)
      return true;
  return false;
}

static int compare_strings(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

void cb_strlist_sort(cb_strlist *l) {
  if (l->len > 1)
    qsort(l->items, l->len, sizeof *l->items, compare_strings);
}

bool cb_strlist_sorted_contains(const cb_strlist *l, const char *s) {
  return l->len > 0 && bsearch(&s, l->items, l->len, sizeof *l->items, compare_strings) != NULL;
}

void cb_strlist_free(cb_strlist *l) {
  for (size_t i = 0; i < l->len; i++)
    free(l->items[i]);
  free(l->items);
  l->items = NULL;
  l->len = l->cap = 0;
}

uint64_t cb_hash(const void *data, size_t n, uint64_t seed) {
  const unsigned char *p = data;
  uint64_t h = seed;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= UINT64_C(0x100000001b3);
  }
  return h;
}

bool cb_read_file(const char *path, char **out, size_t *len, cb_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return cb_fail(err, "cannot read '%s': %s", path, strerror(errno));
  cb_buf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    cb_buf_append(&b, chunk, n);
  bool failed = ferror(f);
  fclose(f);
  if (failed) {
    cb_buf_free(&b);
    return cb_fail(err, "cannot read '%s'", path);
  }
  if (len)
    *len = b.len;
  *out = cb_buf_take(&b);
  return true;
}

bool cb_file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

bool cb_mkdir_p(const char *path, cb_error *err) {
  char *copy = cb_xstrdup(path);
  for (char *p = copy + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
      cb_fail(err, "cannot create directory '%s': %s", copy, strerror(errno));
      free(copy);
      return false;
    }
    *p = '/';
  }
  bool ok = mkdir(copy, 0777) == 0 || errno == EEXIST;
  if (!ok)
    cb_fail(err, "cannot create directory '%s': %s", copy, strerror(errno));
  free(copy);
  return ok;
}

static bool write_all(int fd, const char *data, size_t len) {
  size_t done = 0;
  while (done < len) {
    ssize_t n = write(fd, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    done += (size_t)n;
  }
  return true;
}

/* Writes TARGET.tmp.PID beside target; keep_mode: with the mode of the file
 * it replaces (else 0666 less the umask). */
static bool write_temp(cb_output *out, const char *shown, bool keep_mode, mode_t mode,
                       cb_error *err) {
  char *tmp = cb_xasprintf("%s.tmp.%ld", out->target, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    cb_fail(err, "cannot write '%s': %s", shown, strerror(errno));
    free(tmp);
    return false;
  }
  bool ok = write_all(fd, out->data, out->len);
  int saved = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    cb_fail(err, "cannot write '%s': %s", shown, strerror(saved));
    unlink(tmp);
    free(tmp);
    return false;
  }
  if (keep_mode)
    chmod(tmp, mode);
  out->tmp = tmp;
  return true;
}

bool cb_output_begin(const char *path, const char *data, size_t len, cb_output *out,
                     cb_error *err) {
  memset(out, 0, sizeof *out);
  out->data = data;
  out->len = len;
  if (strcmp(path, "-") == 0)
    return true; /* standard output, at commit */
  struct stat st, lst;
  if (stat(path, &st) != 0) {
    if (errno != ENOENT)
      return cb_fail(err, "cannot write '%s': %s", path, strerror(errno));
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
      return cb_fail(err, "cannot write '%s': it is a symbolic link to a file that does not "
                          "exist; not following it",
                     path);
    out->target = cb_xstrdup(path);
    return write_temp(out, path, false, 0, err);
  }
  if (S_ISDIR(st.st_mode))
    return cb_fail(err, "cannot write '%s': it is a directory", path);
  if (!S_ISREG(st.st_mode)) {
    out->target = cb_xstrdup(path); /* a device, FIFO or socket: in place */
    return true;
  }
  /* A regular file, perhaps behind symbolic links: replace the file itself. */
  bool is_link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
  char *real = is_link ? realpath(path, NULL) : NULL;
  if (is_link && !real)
    return cb_fail(err, "cannot write '%s': cannot follow the symbolic link: %s", path,
                   strerror(errno));
  out->target = real ? real : cb_xstrdup(path);
  return write_temp(out, path, true, st.st_mode & 07777, err);
}

bool cb_output_commit(cb_output *out, cb_error *err) {
  bool ok = true;
  if (!out->target) {
    ok = fwrite(out->data, 1, out->len, stdout) == out->len && fflush(stdout) == 0;
    if (!ok)
      cb_fail(err, "cannot write to standard output: %s", strerror(errno));
  } else if (out->tmp) {
    ok = cb_commit_temp(out->tmp, out->target, err);
  } else {
    int fd = open(out->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    ok = fd >= 0 && write_all(fd, out->data, out->len);
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
      ok = false;
      saved = errno;
    }
    if (!ok)
      cb_fail(err, "cannot write '%s': %s", out->target, strerror(saved));
  }
  free(out->tmp);
  free(out->target);
  out->tmp = out->target = NULL;
  return ok;
}

void cb_output_abort(cb_output *out) {
  if (out->tmp)
    unlink(out->tmp);
  free(out->tmp);
  free(out->target);
  out->tmp = out->target = NULL;
}

bool cb_commit_temp(const char *tmp, const char *path, cb_error *err) {
  if (rename(tmp, path) != 0) {
    cb_fail(err, "cannot write '%s': %s", path, strerror(errno));
    unlink(tmp);
    return false;
  }
  return true;
}

bool cb_write_file(const char *path, const char *data, size_t len, cb_error *err) {
  cb_output out;
  if (!cb_output_begin(path, data, len, &out, err)) {
    cb_output_abort(&out);
    return false;
  }
  return cb_output_commit(&out, err);
}

const char *cb_next_line(const char *p) {
  p += strcspn(p, "\n");
  return *p ? p + 1 : p;
}

char *cb_path_join(const char *dir, const char *name) {
  if (name[0] == '/' || dir[0] == '\0')
    return cb_xstrdup(name);
  size_t n = strlen(dir);
  return cb_xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

const char *cb_basename(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

char *cb_dirname(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return cb_xstrdup(".");
  if (slash == path)
    return cb_xstrdup("/");
  return cb_xstrndup(path, (size_t)(slash - path));
}

char *cb_path_relative(const char *path, const char *dir) {
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/')
    n--;
  if (strncmp(path, dir, n) == 0 && path[n] == '/')
    return cb_xstrdup(path + n + 1);
  return cb_xstrdup(path);
}

char *cb_absolute_path(const char *path) {
  if (path[0] == '/')
    return cb_xstrdup(path);
  char *cwd = getcwd(NULL, 0);
  if (!cwd)
    return cb_xstrdup(path);
  char *abs = cb_path_join(cwd, path);
  free(cwd);
  return abs;
}

bool cb_starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool cb_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool cb_clear_dir(const char *dir, cb_error *err) {
  DIR *d = opendir(dir);
  if (!d)
    return errno == ENOENT ? true : cb_fail(err, "cannot open '%s': %s", dir, strerror(errno));
  struct dirent *e;
  bool ok = true;
  while ((e = readdir(d)) != NULL) {
    char *path = cb_path_join(dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) != 0)
      ok = cb_fail(err, "cannot remove '%s': %s", path, strerror(errno));
    free(path);
  }
  closedir(d);
  return ok;
}

const char *cb_option_value(const char *name, int argc, char **argv, int *i) {
  const char *arg = argv[*i];
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0)
    return NULL;
  if (arg[n] == '=')
    return arg + n + 1;
  if (arg[n] == '\0')
    return *i + 1 < argc ? argv[++*i] : NULL;
  if (name[1] != '-')
    return arg + n; /* -oFILE */
  return NULL;
}
