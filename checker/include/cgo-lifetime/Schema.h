/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/*===- Schema.h - Names shared by the C tools and the plugin ------*- C -*-===*\
 *
 * The names that several parts of cgo-lifetime must spell alike, each
 * written once: the boundary manifest's schema (its version, member keys and
 * effect names; docs/manifest.md), the files and symbols that cgo generates
 * (what the plugin, the companion cgo-boundary and the driver look for), and
 * the layout of cgo-boundary's cache. Plain C preprocessor macros expanding
 * to integer constants and string literals, includable from C11 and C++;
 * no declarations, no storage.
 *
\*===----------------------------------------------------------------------===*/

#ifndef CGO_LIFETIME_SCHEMA_H
#define CGO_LIFETIME_SCHEMA_H

/*---- The boundary manifest (docs/manifest.md) ----------------------------*/

/* The schema version that cgo-boundary writes and the plugin reads. */
#define CGO_MANIFEST_VERSION 1

/* Top-level members. */
#define CGO_MANIFEST_KEY_VERSION "version"
#define CGO_MANIFEST_KEY_GENERATOR "generator"
#define CGO_MANIFEST_KEY_PACKAGES "packages"
#define CGO_MANIFEST_KEY_EXPORTS "exports"
#define CGO_MANIFEST_KEY_GO_CALLED "go_called"
#define CGO_MANIFEST_KEY_GO_GLOBALS "go_globals"
#define CGO_MANIFEST_KEY_ALLOCATORS "allocators"
#define CGO_MANIFEST_KEY_DEALLOCATORS "deallocators"
#define CGO_MANIFEST_KEY_TAKES_OWNERSHIP "takes_ownership"
#define CGO_MANIFEST_KEY_HANDLE_ARGS "handle_args"
#define CGO_MANIFEST_KEY_NOESCAPE "noescape"
#define CGO_MANIFEST_KEY_NOCALLBACK "nocallback"

/* Members of the list entries. */
#define CGO_MANIFEST_KEY_NAME "name"
#define CGO_MANIFEST_KEY_LOCATION "location"
#define CGO_MANIFEST_KEY_EVIDENCE "evidence"
#define CGO_MANIFEST_KEY_ARG "arg"
#define CGO_MANIFEST_KEY_PARAMS "params"
#define CGO_MANIFEST_KEY_C_DECLARATIONS "c_declarations"
#define CGO_MANIFEST_KEY_INDEX "index"
#define CGO_MANIFEST_KEY_EFFECT "effect"

/* params[].effect: what a Go export does with a pointer parameter. */
#define CGO_EFFECT_RETAIN "retain"   /* Go keeps it after the call */
#define CGO_EFFECT_RELEASE "release" /* the call drops Go's reference */
#define CGO_EFFECT_BORROW "borrow"   /* Go uses it only during the call */
#define CGO_EFFECT_UNKNOWN "unknown" /* no knowledge */
/* All of them, in the order the documentation gives, for error messages. */
#define CGO_EFFECT_LIST                                                        \
  CGO_EFFECT_RETAIN ", " CGO_EFFECT_RELEASE ", " CGO_EFFECT_BORROW             \
                    ", " CGO_EFFECT_UNKNOWN

/*---- What cgo generates (`go tool cgo -objdir DIR`) ----------------------*/

/* The header of the Go exports: a prolog, the package's preamble (under
 * `#line N "file.go"`), then the exported prototypes under
 * `#line 1 CGO_EXPORT_PROLOG`. A declaration is a Go export when its
 * physical file is CGO_EXPORT_HEADER and its presumed file is
 * CGO_EXPORT_PROLOG. */
#define CGO_EXPORT_HEADER "_cgo_export.h"
#define CGO_EXPORT_PROLOG "cgo-gcc-export-header-prolog"
#define CGO_EXPORT_SOURCE "_cgo_export.c"
/* Go's view of the package's C: `func _Cfunc_NAME` for every C function Go
 * calls, `var _Cvar_NAME` for every C global Go reads. */
#define CGO_GOTYPES_FILE "_cgo_gotypes.go"
#define CGO_MAIN_FILE "_cgo_main.c"
#define CGO_FLAGS_FILE "_cgo_flags"
/* Per Go file F.go: F.cgo1.go (the Go side) and F.cgo2.c (the preamble and
 * the _Cfunc_ wrappers). */
#define CGO_CGO1_SUFFIX ".cgo1.go"
#define CGO_CGO2_SUFFIX ".cgo2.c"

/* In *.cgo2.c, `void _cgo_<hex>_Cfunc_NAME(void *v)` wraps the C function
 * NAME and writes its result for Go to the member `r` of the argument frame
 * (`_cgo_a->r = _cgo_r;`). */
#define CGO_WRAPPER_PREFIX "_cgo_"
#define CGO_WRAPPER_CFUNC "_Cfunc_"
#define CGO_WRAPPER_RESULT_MEMBER "r"

/*---- cgo-boundary's cache, per package (docs/companion.md) ---------------*/

/* CACHE/<package>/CGO_CACHE_OBJDIR holds cgo's output (the include
 * directory of compile_commands.json); the manifest is beside it. */
#define CGO_CACHE_OBJDIR "cgo"
#define CGO_CACHE_MANIFEST "manifest.json"

#endif /* CGO_LIFETIME_SCHEMA_H */
