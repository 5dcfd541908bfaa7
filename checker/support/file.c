/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _XOPEN_SOURCE 700 /* realpath, nftw */
#include "file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool cs_read_file(const char *path, char **out, size_t *len, cs_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return cs_fail(err, "cannot read '%s': %s", path, strerror(errno));
  cs_buf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    cs_buf_append(&b, chunk, n);
  bool failed = ferror(f);
  fclose(f);
  if (failed) {
    cs_buf_free(&b);
    return cs_fail(err, "cannot read '%s'", path);
  }
  if (len)
    *len = b.len;
  *out = cs_buf_take(&b);
  return true;
}

bool cs_file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

bool cs_mkdir_p(const char *path, cs_error *err) {
  char *copy = cs_xstrdup(path);
  for (char *p = copy + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
      cs_fail(err, "cannot create directory '%s': %s", copy, strerror(errno));
      free(copy);
      return false;
    }
    *p = '/';
  }
  bool ok = mkdir(copy, 0777) == 0 || errno == EEXIST;
  if (!ok)
    cs_fail(err, "cannot create directory '%s': %s", copy, strerror(errno));
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
static bool write_temp(cs_output *out, const char *shown, bool keep_mode, mode_t mode,
                       cs_error *err) {
  char *tmp = cs_xasprintf("%s.tmp.%ld", out->target, (long)getpid());
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    cs_fail(err, "cannot write '%s': %s", shown, strerror(errno));
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
    cs_fail(err, "cannot write '%s': %s", shown, strerror(saved));
    unlink(tmp);
    free(tmp);
    return false;
  }
  if (keep_mode)
    chmod(tmp, mode);
  out->tmp = tmp;
  return true;
}

bool cs_output_begin(const char *path, const char *data, size_t len, cs_output *out,
                     cs_error *err) {
  memset(out, 0, sizeof *out);
  out->data = data;
  out->len = len;
  if (strcmp(path, "-") == 0)
    return true; /* standard output, at commit */
  struct stat st, lst;
  if (stat(path, &st) != 0) {
    if (errno != ENOENT)
      return cs_fail(err, "cannot write '%s': %s", path, strerror(errno));
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
      return cs_fail(err,
                     "cannot write '%s': it is a symbolic link to a file that does not "
                     "exist; not following it",
                     path);
    out->target = cs_xstrdup(path);
    return write_temp(out, path, false, 0, err);
  }
  if (S_ISDIR(st.st_mode))
    return cs_fail(err, "cannot write '%s': it is a directory", path);
  if (!S_ISREG(st.st_mode)) {
    out->target = cs_xstrdup(path); /* a device, FIFO or socket: in place */
    return true;
  }
  /* A regular file, perhaps behind symbolic links: replace the file itself. */
  bool is_link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
  char *real = is_link ? realpath(path, NULL) : NULL;
  if (is_link && !real)
    return cs_fail(err, "cannot write '%s': cannot follow the symbolic link: %s", path,
                   strerror(errno));
  out->target = real ? real : cs_xstrdup(path);
  return write_temp(out, path, true, st.st_mode & 07777, err);
}

bool cs_output_commit(cs_output *out, cs_error *err) {
  bool ok = true;
  if (!out->target) {
    ok = fwrite(out->data, 1, out->len, stdout) == out->len && fflush(stdout) == 0;
    if (!ok)
      cs_fail(err, "cannot write to standard output: %s", strerror(errno));
  } else if (out->tmp) {
    ok = cs_commit_temp(out->tmp, out->target, err);
  } else {
    int fd = open(out->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    ok = fd >= 0 && write_all(fd, out->data, out->len);
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
      ok = false;
      saved = errno;
    }
    if (!ok)
      cs_fail(err, "cannot write '%s': %s", out->target, strerror(saved));
  }
  free(out->tmp);
  free(out->target);
  out->tmp = out->target = NULL;
  return ok;
}

void cs_output_abort(cs_output *out) {
  if (out->tmp)
    unlink(out->tmp);
  free(out->tmp);
  free(out->target);
  out->tmp = out->target = NULL;
}

bool cs_commit_temp(const char *tmp, const char *path, cs_error *err) {
  if (rename(tmp, path) != 0) {
    cs_fail(err, "cannot write '%s': %s", path, strerror(errno));
    unlink(tmp);
    return false;
  }
  return true;
}

bool cs_write_file(const char *path, const char *data, size_t len, cs_error *err) {
  cs_output out;
  if (!cs_output_begin(path, data, len, &out, err)) {
    cs_output_abort(&out);
    return false;
  }
  return cs_output_commit(&out, err);
}

bool cs_is_directory(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void cs_go_package_argument(const char *arg, char **cwd, const char **pattern) {
  *cwd = NULL;
  *pattern = arg;
  if (cs_ends_with(arg, "/...")) {
    char *dir = cs_xstrndup(arg, strlen(arg) - 4);
    if (dir[0] && cs_is_directory(dir)) {
      *cwd = dir;
      *pattern = "./...";
      return;
    }
    free(dir);
  } else if (cs_is_directory(arg)) {
    *cwd = cs_xstrdup(arg);
    *pattern = ".";
  }
}

bool cs_remove_files(const char *dir, const char *prefix, const char *suffix, cs_error *err) {
  DIR *d = opendir(dir);
  if (!d)
    return errno == ENOENT ? true : cs_fail(err, "cannot open '%s': %s", dir, strerror(errno));
  struct dirent *e;
  bool ok = true;
  while ((e = readdir(d)) != NULL) {
    if (!cs_starts_with(e->d_name, prefix) || !cs_ends_with(e->d_name, suffix))
      continue;
    char *path = cs_path_join(dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) != 0 && errno != ENOENT)
      ok = cs_fail(err, "cannot remove '%s': %s", path, strerror(errno));
    free(path);
  }
  closedir(d);
  return ok;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)type;
  (void)ftw;
  remove(path);
  return 0; /* go on: best effort */
}

void cs_remove_tree(const char *path) { nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

char *cs_cache_dir(const char *given) {
  if (given)
    return cs_absolute_path(given);
  const char *xdg = getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/')
    return cs_path_join(xdg, "cgo-lifetime");
  const char *home = getenv("HOME");
  char *base = cs_path_join(home && home[0] ? home : "/tmp", ".cache");
  char *dir = cs_path_join(base, "cgo-lifetime");
  free(base);
  return dir;
}
