/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The Go helper (gofacts/gofacts.go, embedded in this binary): built once per
 * Go version into the cache, then run per package to read the Go source with
 * go/ast. See docs/companion.md for why this part is in Go. */
#ifndef CGO_BOUNDARY_GOFACTS_H
#define CGO_BOUNDARY_GOFACTS_H

#include "gotool.h"

/* Builds the helper into CACHE/helper/<key>/ unless it is there already.
 * *path gets the executable's path (owned). */
bool cb_gofacts_build(const cb_go *go, const char *cache_dir, char **path, cs_error *err);

/* Runs the helper on pkg: fills pkg->exports (names, locations, parameters,
 * uintptr-retain and delete-release facts with evidence) and pkg->c_refs. */
bool cb_gofacts_run(const cb_go *go, const char *helper, cb_package *pkg, cs_error *err);
/* The part that reads the helper's output (a JSON object): exports, C
 * references, #cgo promises and handle arguments into pkg. */
bool cb_gofacts_read(const char *text, size_t len, cb_package *pkg, cs_error *err);

#endif
