/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The boundary manifest (docs/manifest.md; its schema in
 * cgo-lifetime/Schema.h) and the compilation database, built from the
 * packages' facts. */
#ifndef CGO_BOUNDARY_MANIFEST_H
#define CGO_BOUNDARY_MANIFEST_H

#include "json.h"
#include "package.h"

#include "cgo-lifetime/Schema.h"

/* The manifest document (caller frees with json_free). Deterministic: members
 * in a fixed order, lists sorted by name. */
json_t *cb_manifest_build(const cb_package *pkgs, size_t npkgs, const char *generator);

/* compile_commands.json: the package's C files and cgo's generated C files,
 * with the flags `go build` uses, compiled by `compiler`. */
json_t *cb_compdb_build(const cb_package *pkgs, size_t npkgs, const char *compiler);

/* Reads the "version" of an existing manifest. Returns false (err filled) when
 * the file cannot be read or is not a manifest. */
bool cb_manifest_read_version(const char *path, long *version, cs_error *err);

/* Refuses to overwrite a manifest written by a newer schema version. A missing
 * file, or a file that is not a manifest, is fine. */
bool cb_manifest_check_overwrite(const char *path, cs_error *err);

#endif
