/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The editor route (docs/integrations/clang-tidy.md): the files that let an
 * editor's clang-tidy run the cgo checks with nothing specific to this
 * machine in the project's configuration. */
#ifndef CGO_LIFETIME_EDITOR_H
#define CGO_LIFETIME_EDITOR_H

#include "util.h"

#include <stdbool.h>

/* Writes DIR/.clang-tidy (the cgo-* checks; no path in it) and
 * DIR/compile_commands.json (compdb_text: the companion's compile commands,
 * which put each package's cgo objdir, and so its manifest, on the include
 * path). A file that exists and was not written by this function before is
 * left as it is, with a note on stderr saying what to do; what this function
 * wrote is recorded under cache_dir. */
bool cl_write_editor_files(const char *dir, const char *compdb_text, const char *cache_dir,
                           cs_error *err);

#endif
