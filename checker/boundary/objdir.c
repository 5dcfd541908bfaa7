/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _POSIX_C_SOURCE 200809L
#include "objdir.h"

#include "cgo-lifetime/Schema.h"
#include "file.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bump when what the objdir holds, or how the key is made, changes. */
static const char key_format[] = "cgo-boundary objdir 1";
static const char stamp_name[] = ".cgo-boundary-key";

static uint64_t hash_string(const char *s, uint64_t h) {
  return cs_hash(s, strlen(s) + 1, h); /* with the NUL: "ab","c" != "a","bc" */
}

static uint64_t hash_file(const char *dir, const char *name, uint64_t h) {
  char *path = cs_path_join(dir, name);
  char *text = NULL;
  size_t len = 0;
  cs_error ignored;
  h = hash_string(name, h);
  if (cs_read_file(path, &text, &len, &ignored))
    h = cs_hash(text, len, hash_string("present", h));
  else
    h = hash_string("missing", h);
  free(text);
  free(path);
  return h;
}

char *cb_objdir_key(const cb_go *go, const cb_package *pkg) {
  static const char *const env[] = {"CC", "CGO_CPPFLAGS", "CGO_CFLAGS"};
  uint64_t h = hash_string(key_format, CS_HASH_SEED);
  h = hash_string(go->version, h);
  h = hash_string(pkg->dir, h);
  h = hash_string(pkg->import_path, h);
  for (size_t i = 0; i < pkg->cflags.len; i++)
    h = hash_string(pkg->cflags.items[i], h);
  for (size_t i = 0; i < sizeof env / sizeof env[0]; i++) {
    const char *value = getenv(env[i]);
    h = hash_string(value ? value : "<unset>", hash_string(env[i], h));
  }
  for (size_t i = 0; i < pkg->cgo_files.len; i++)
    h = hash_file(pkg->dir, pkg->cgo_files.items[i], h);
  for (size_t i = 0; i < pkg->h_files.len; i++)
    h = hash_file(pkg->dir, pkg->h_files.items[i], h);
  return cs_xasprintf("%016llx", (unsigned long long)h);
}

static bool has_file(const char *dir, const char *name) {
  char *path = cs_path_join(dir, name);
  bool ok = cs_file_exists(path);
  free(path);
  return ok;
}

/* Every file later stages read is there. */
static bool is_complete(const char *dir, const cb_package *pkg) {
  if (!has_file(dir, CGO_EXPORT_HEADER) || !has_file(dir, CGO_GOTYPES_FILE))
    return false;
  bool ok = true;
  for (size_t i = 0; ok && i < pkg->cgo_files.len; i++) {
    char *name = cb_cgo_output_name(pkg->cgo_files.items[i], CGO_CGO2_SUFFIX);
    ok = has_file(dir, name);
    free(name);
  }
  return ok;
}

bool cb_objdir_is_current(const cb_package *pkg, const char *key) {
  char *path = cs_path_join(pkg->objdir, stamp_name);
  char *stamp = NULL;
  cs_error ignored;
  bool ok = cs_read_file(path, &stamp, NULL, &ignored) && strcmp(stamp, key) == 0 &&
            is_complete(pkg->objdir, pkg);
  free(stamp);
  free(path);
  return ok;
}

/* The files `go tool cgo` writes (go build adds objects, importcfg etc. to the
 * same directory; those are not cgo's). */
static bool is_cgo_output(const char *name) {
  static const char *const fixed[] = {CGO_EXPORT_HEADER, CGO_EXPORT_SOURCE, CGO_GOTYPES_FILE,
                                      CGO_MAIN_FILE, CGO_FLAGS_FILE};
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    if (strcmp(name, fixed[i]) == 0)
      return true;
  return cs_ends_with(name, CGO_CGO1_SUFFIX) || cs_ends_with(name, CGO_CGO2_SUFFIX);
}

/* Whether action directory dir holds cgo's output for pkg: its translation of
 * the first cgo file points back at that file in the package directory. */
static bool is_package_action(const char *dir, const cb_package *pkg) {
  if (pkg->cgo_files.len == 0)
    return false;
  const char *first = pkg->cgo_files.items[0];
  char *name = cb_cgo_output_name(first, CGO_CGO1_SUFFIX);
  char *path = cs_path_join(dir, name);
  char *text = NULL;
  cs_error ignored;
  bool ok = false;
  if (cs_read_file(path, &text, NULL, &ignored)) {
    char *line = cs_xasprintf("//line %s/%s:", pkg->dir, first);
    ok = strstr(text, line) != NULL;
    free(line);
  }
  free(text);
  free(path);
  free(name);
  return ok;
}

/* The b0NN directory of work where go build ran cgo for pkg, or NULL. */
static char *find_action_dir(const char *work, const cb_package *pkg) {
  DIR *d = opendir(work);
  if (!d)
    return NULL;
  char *found = NULL;
  struct dirent *e;
  while (!found && (e = readdir(d)) != NULL) {
    if (e->d_name[0] != 'b')
      continue;
    char *dir = cs_path_join(work, e->d_name);
    if (is_package_action(dir, pkg))
      found = dir;
    else
      free(dir);
  }
  closedir(d);
  return found;
}

static bool copy_file(const char *from_dir, const char *to_dir, const char *name, cs_error *err) {
  char *from = cs_path_join(from_dir, name), *to = cs_path_join(to_dir, name);
  char *text = NULL;
  size_t len = 0;
  bool ok = cs_read_file(from, &text, &len, err) && cs_write_file(to, text, len, err);
  free(text);
  free(to);
  free(from);
  return ok;
}

static bool copy_cgo_output(const char *from, const char *to, cs_error *err) {
  DIR *d = opendir(from);
  if (!d)
    return cs_fail(err, "cannot open '%s'", from);
  bool ok = true;
  struct dirent *e;
  while (ok && (e = readdir(d)) != NULL)
    if (is_cgo_output(e->d_name))
      ok = copy_file(from, to, e->d_name, err);
  closedir(d);
  return ok;
}

/* Takes cgo's output from go build's WORK directory; false (objdir emptied
 * again) when it is not there or not complete. */
static bool adopt(const cb_go *go, const cb_package *pkg, const char *work) {
  char *action = work ? find_action_dir(work, pkg) : NULL;
  if (!action)
    return false;
  cs_error err = {{0}};
  bool ok = copy_cgo_output(action, pkg->objdir, &err) && is_complete(pkg->objdir, pkg);
  if (go->verbose)
    cs_say("%s cgo's output for %s from %s%s%s", ok ? "took" : "could not take", pkg->import_path,
           action, err.msg[0] ? ": " : "", err.msg);
  if (!ok)
    cs_remove_files(pkg->objdir, "", "", &err);
  free(action);
  return ok;
}

static bool write_stamp(const char *objdir, const char *key, cs_error *err) {
  char *path = cs_path_join(objdir, stamp_name);
  bool ok = cs_write_file(path, key, strlen(key), err);
  free(path);
  return ok;
}

bool cb_objdir_fill(const cb_go *go, const cb_package *pkg, const char *work, const char *key,
                    cs_error *err) {
  return cs_mkdir_p(pkg->objdir, err) && cs_remove_files(pkg->objdir, "", "", err) &&
         (adopt(go, pkg, work) || cb_go_cgo(go, pkg, err)) && write_stamp(pkg->objdir, key, err);
}

void cb_objdir_remove_work(const char *work) {
  if (work && work[0] == '/' && cs_starts_with(cs_basename(work), "go-build"))
    cs_remove_tree(work);
}
