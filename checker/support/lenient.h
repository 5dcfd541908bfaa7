/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* As lenient as cgo's compiler. cgo compiles with gcc by default, and gcc 12
 * only warns where clang 16 and later stop with an error: a call to an
 * undeclared function, implicit int, int <-> pointer conversions, pointers of
 * incompatible types (function pointers too), `return;` in a non-void
 * function. These flags turn those errors back into warnings, so that C that
 * `go build` accepted is analysed; C that really does not parse still fails.
 * gcc knows every one of them (scan-build passes them to gcc as well), and the
 * package's own -Werror is undone by -Wno-error. Put them after the package's
 * flags. */
#ifndef CGO_BOUNDARY_LENIENT_H
#define CGO_BOUNDARY_LENIENT_H

#define CS_LENIENT_FLAGS                                                                           \
  {"-Wno-error",                                                                                   \
   "-Wno-error=implicit-function-declaration",                                                     \
   "-Wno-error=implicit-int",                                                                      \
   "-Wno-error=int-conversion",                                                                    \
   "-Wno-error=incompatible-pointer-types",                                                        \
   "-Wno-error=return-type",                                                                       \
   NULL}

#endif
