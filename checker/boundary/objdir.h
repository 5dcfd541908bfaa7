/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The cgo objdir: where cgo-boundary keeps `go tool cgo`'s output for one
 * package (CACHE/<package>/cgo), and how it avoids running cgo a second time.
 *
 * cgo's output depends on the package's cgo files, the package's own headers,
 * its #cgo flags, the C compiler and the Go version. A key over those inputs is
 * stamped into the objdir after each successful fill; a run whose key matches
 * keeps the objdir as it is. Otherwise the output is adopted from the WORK
 * directory of the `go build` that cgo-boundary runs for escape analysis (when
 * that build ran cgo, i.e. was not served from Go's build cache), and only as
 * a last resort produced by running `go tool cgo` again. */
#ifndef CGO_BOUNDARY_OBJDIR_H
#define CGO_BOUNDARY_OBJDIR_H

#include "gotool.h"

/* The key of the package's cgo inputs, as 16 hex digits (caller frees). */
char *cb_objdir_key(const cb_go *go, const cb_package *pkg);
/* Whether pkg->objdir holds complete cgo output stamped with key. */
bool cb_objdir_is_current(const cb_package *pkg, const char *key);
/* Empties pkg->objdir and fills it with cgo's output: copied from the package's
 * action directory in work (may be NULL) when one is there, else by running
 * `go tool cgo`. Then stamps key. */
bool cb_objdir_fill(const cb_go *go, const cb_package *pkg, const char *work, const char *key,
                    cs_error *err);
/* Removes a `go build -work` directory (only a path named go-build*). */
void cb_objdir_remove_work(const char *work);

#endif
