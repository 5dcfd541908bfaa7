/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The clang that loads the plugin, and the tools of the same release.
 *
 * Clang loads an analyzer plugin only when the plugin's API version string
 * (clang_analyzerAPIVersionString) equals its own version exactly: a plugin
 * built for clang 19.1.7 does not load into 19.1.6, 14.0.6 or 20.1.0 (in -cc1
 * mode clang says so; through the driver it silently registers nothing). So
 * the clang is chosen by its exact version (`clang -dumpversion`), never by
 * name alone: Debian's plain `clang` is 14 whatever else is installed. */
#ifndef CGO_LIFETIME_TOOLCHAIN_H
#define CGO_LIFETIME_TOOLCHAIN_H

#include "util.h"

typedef struct cl_toolchain {
  char *clang;          /* a clang of exactly the wanted version (absolute unless given so) */
  char *extdef_mapping; /* clang-extdef-mapping of the same release */
} cl_toolchain;

/* The clang for a plugin built for clang `want` (e.g. "19.1.7"):
 *   given (--clang), when set: it must be of that version;
 *   else the first of: configured_clang (the one the build found),
 *   clang-MAJOR, clang-MAJOR.MINOR and clang on PATH, of that version.
 * clang-extdef-mapping is looked for beside the clang (its real path), then
 * in configured_tools_dir, then as clang-extdef-mapping-MAJOR on PATH.
 * On failure returns false and says why in err, in one sentence that names
 * every candidate and its version ("... is clang 14.0.6"). */
bool cl_find_toolchain(const char *given, const char *configured_clang,
                       const char *configured_tools_dir, const char *want, cl_toolchain *tc,
                       cs_error *err);
void cl_toolchain_free(cl_toolchain *tc);

/* The version `clang -dumpversion` prints ("19.1.7"; new string), or NULL
 * when the program cannot be run or prints nothing (err says why). */
char *cl_clang_version(const char *clang, cs_error *err);

#endif
