/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* What libclang's C API reads from C: the exported prototypes in cgo's
 * _cgo_export.h, which C names Go uses are only library declarations, and the
 * hand-written declarations of Go exports in the package's own C files. */
#ifndef CGO_BOUNDARY_CDECLS_H
#define CGO_BOUNDARY_CDECLS_H

#include "package.h"

/* The compiler arguments (after the compiler) for a C file of pkg: -I of the
 * package dir and of the objdir, the flags `go build` uses (environment and
 * #cgo), then the flags that make clang as lenient as gcc (lenient.h). */
void cb_c_flags(const cb_package *pkg, cs_strlist *out);

/* Sets is_pointer/c_type of each export's parameters from the prototypes that
 * _cgo_export.h declares after `#line 1 "cgo-gcc-export-header-prolog"`. A
 * declaration of the preamble (same physical file) is not an export. */
bool cb_cdecls_export_types(cb_package *pkg, bool verbose, cs_error *err);

/* Fills pkg->go_called and pkg->go_globals from _cgo_gotypes.go, leaving out
 * cgo's own helpers and names declared only in system headers. */
bool cb_cdecls_go_uses(cb_package *pkg, bool verbose, cs_error *err);

/* Records, per export, the extern declarations in the package's C and header
 * files ("bridge.c:2"): code that declares exports by hand. */
bool cb_cdecls_hand_declared(cb_package *pkg, bool verbose, cs_error *err);

#endif
