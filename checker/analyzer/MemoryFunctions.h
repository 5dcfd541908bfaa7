// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- MemoryFunctions.h - Calls that allocate and release ------*- C++ -*-===//
//
// The table of the calls that allocate and release C memory, as one
// CallDescriptionMap: the C library's malloc family, and the allocators and
// deallocators that the manifest or the checker options name, added when the
// checker is constructed (the facts are read before it is). Functions marked
// with ownership attributes are not in the table (an attribute belongs to a
// declaration, not a name): BoundaryModel answers for them.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_MEMORYFUNCTIONS_H
#define CGO_LIFETIME_MEMORYFUNCTIONS_H

#include "Compat.h"
#include "Manifest.h"

#include "llvm/ADT/SmallVector.h"

namespace cgo {

/// One argument that a call releases.
struct Release {
  unsigned Arg; ///< 0-based.
  bool Moves;   ///< realloc-like: the block may move (and stays on failure).
  bool Library; ///< The C library's release: notes do not name the function.
};

/// What a call does to C memory.
struct MemoryFunction {
  /// One of the C library's allocators: "Memory is allocated".
  bool LibraryAllocator = false;
  /// An allocator named by the manifest or an option: "Memory is allocated
  /// by 'f'".
  bool ConfiguredAllocator = false;
  /// Named by the manifest or an option, as an allocator or a deallocator:
  /// evalCall models it when its body is not available.
  bool Configured = false;
  /// The arguments it releases, the C library's first.
  llvm::SmallVector<Release, 1> Releases;
};

/// clang's CallDescriptionMap, with lookupAsWritten in LLVM 14 too (Compat.h).
using MemoryFunctionMap = compat::CallDescriptionMap<MemoryFunction>;

/// The C library's allocators and deallocators and those that \p Facts name.
/// A configured name comes first and matches every call of a function of that
/// name; if it is also a library function's, it keeps what the library
/// function does and adds what it was configured to do.
MemoryFunctionMap buildMemoryFunctions(const BoundaryFacts &Facts);

} // namespace cgo

#endif
