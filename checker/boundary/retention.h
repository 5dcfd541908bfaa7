/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Deciding each exported parameter's effect. The Go helper's facts (uintptr
 * stores, deletes) are applied first, as they see what escape analysis cannot;
 * escape analysis then decides the parameters still unknown. */
#ifndef CGO_BOUNDARY_RETENTION_H
#define CGO_BOUNDARY_RETENTION_H

#include "package.h"

/* Matches escape facts to parameters by file, line and name. */
void cb_apply_escape(cb_package *pkg, const cb_escape_fact *facts, size_t nfacts);

#endif
