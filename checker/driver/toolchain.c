/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#define _GNU_SOURCE
#include "toolchain.h"

#include "file.h"
#include "proc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *cl_clang_version(const char *clang, cs_error *err) {
  const char *argv[] = {clang, "-dumpversion", NULL};
  cs_command cmd = {.argv = argv};
  cs_proc_result res = {0};
  if (!cs_run(&cmd, &res, err))
    return NULL;
  char *version = NULL;
  size_t n = strcspn(res.out, " \t\r\n");
  if (res.exit_code == 0 && n > 0)
    version = cs_xstrndup(res.out, n);
  else
    cs_fail(err, "'%s -dumpversion' printed no version (exit status %d)", clang, res.exit_code);
  cs_proc_result_free(&res);
  return version;
}

/* The executable `name` on PATH (new string), or NULL. */
static char *on_path(const char *name) {
  const char *path = getenv("PATH");
  if (!path)
    return NULL;
  for (const char *p = path; *p;) {
    size_t n = strcspn(p, ":");
    char *dir = n ? cs_xstrndup(p, n) : cs_xstrdup(".");
    char *candidate = cs_path_join(dir, name);
    free(dir);
    if (access(candidate, X_OK) == 0 && !cs_is_directory(candidate))
      return candidate;
    free(candidate);
    p += n;
    if (*p == ':')
      p++;
  }
  return NULL;
}

/* The major ("19") and major.minor ("19.1") of a version (new strings). */
static char *version_prefix(const char *version, int parts) {
  size_t n = 0;
  for (int i = 0; i < parts; i++) {
    n += strspn(version + n, "0123456789");
    if (i + 1 < parts && version[n] == '.')
      n++;
  }
  return cs_xstrndup(version, n);
}

/* clang-extdef-mapping of the release of `clang` (new string). */
static char *find_extdef_mapping(const char *clang, const char *tools_dir, const char *want) {
  char *real = realpath(clang, NULL);
  if (real) {
    char *dir = cs_dirname(real);
    char *beside = cs_path_join(dir, "clang-extdef-mapping");
    free(dir);
    free(real);
    if (access(beside, X_OK) == 0)
      return beside;
    free(beside);
  }
  char *configured = cs_path_join(tools_dir, "clang-extdef-mapping");
  if (access(configured, X_OK) == 0)
    return configured;
  free(configured);
  char *major = version_prefix(want, 1);
  char *name = cs_xasprintf("clang-extdef-mapping-%s", major);
  free(major);
  char *found = on_path(name);
  if (found) {
    free(name);
    return found;
  }
  return name; /* not installed: running it says so, and CTU is skipped */
}

/* Is `clang` of version `want`? If not, says what it is in tried. */
static bool matches(const char *clang, const char *want, cs_buf *tried) {
  cs_error err = {{0}};
  char *version = cl_clang_version(clang, &err);
  bool ok = version && strcmp(version, want) == 0;
  if (!ok && version)
    cs_buf_printf(tried, "%s%s is clang %s", tried->len ? ", " : "", clang, version);
  else if (!ok)
    cs_buf_printf(tried, "%s%s cannot be run (%s)", tried->len ? ", " : "", clang, err.msg);
  free(version);
  return ok;
}

static bool found(cl_toolchain *tc, char *clang, const char *tools_dir, const char *want) {
  tc->clang = clang;
  tc->extdef_mapping = find_extdef_mapping(clang, tools_dir, want);
  return true;
}

bool cl_find_toolchain(const char *given, const char *configured_clang,
                       const char *configured_tools_dir, const char *want, cl_toolchain *tc,
                       cs_error *err) {
  memset(tc, 0, sizeof *tc);
  char *major = version_prefix(want, 1);
  if (given) {
    char *version = cl_clang_version(given, err);
    bool ok = version && strcmp(version, want) == 0;
    if (!version) {
      char *why = cs_xstrdup(err->msg);
      cs_fail(err, "cannot run clang %s (use --clang): %s", given, why);
      free(why);
    } else if (!ok) {
      char *theirs = version_prefix(version, 1);
      cs_fail(err,
              "%s is clang %s, but this cgo-lifetime and its plugin are built for clang %s, and "
              "clang loads a plugin only into the release it was built for: use --clang with a "
              "clang %s (Debian: clang-%s), or a cgo-lifetime built for clang %s "
              "(cgo-lifetime-llvm%s)",
              given, version, want, want, major, theirs, theirs);
      free(theirs);
    }
    free(version);
    free(major);
    return ok && found(tc, cs_xstrdup(given), configured_tools_dir, want);
  }
  cs_buf tried = {0};
  char *minor = version_prefix(want, 2);
  char *names[] = {cs_xasprintf("clang-%s", major), cs_xasprintf("clang-%s", minor),
                   cs_xstrdup("clang")};
  char *clang = NULL;
  if (access(configured_clang, X_OK) != 0)
    cs_buf_printf(&tried, "%s is not installed", configured_clang);
  else if (matches(configured_clang, want, &tried))
    clang = cs_xstrdup(configured_clang);
  for (size_t i = 0; !clang && i < sizeof names / sizeof *names; i++) {
    char *candidate = on_path(names[i]);
    if (!candidate)
      cs_buf_printf(&tried, ", there is no %s on PATH", names[i]);
    else if (matches(candidate, want, &tried))
      clang = candidate;
    else
      free(candidate);
  }
  if (!clang)
    cs_fail(err,
            "no clang %s found (this cgo-lifetime and its plugin are built for exactly that "
            "release, and clang loads a plugin only into the release it was built for): %s; "
            "install it (Debian: clang-%s) or use --clang",
            want, tried.data, major);
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    free(names[i]);
  cs_buf_free(&tried);
  free(minor);
  free(major);
  return clang && found(tc, clang, configured_tools_dir, want);
}

void cl_toolchain_free(cl_toolchain *tc) {
  free(tc->clang);
  free(tc->extdef_mapping);
  memset(tc, 0, sizeof *tc);
}
