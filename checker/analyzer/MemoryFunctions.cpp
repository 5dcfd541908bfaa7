// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- MemoryFunctions.cpp - Calls that allocate and release ----*- C++ -*-===//
//
// The table of MemoryFunctions.h: the C library's part, written out, and the
// configured part, built from the boundary facts.
//
//===----------------------------------------------------------------------===//

#include "MemoryFunctions.h"
#include "Compat.h"

#include "llvm/ADT/StringSet.h"
#include <utility>
#include <vector>

using namespace clang;
using namespace ento;

namespace cgo {

using Entry = std::pair<CallDescription, MemoryFunction>;

static MemoryFunction allocates() {
  MemoryFunction F;
  F.LibraryAllocator = true;
  return F;
}

static MemoryFunction releases(bool Moves, bool Allocates) {
  MemoryFunction F;
  F.LibraryAllocator = Allocates;
  F.Releases.push_back({0, Moves, /*Library=*/true});
  return F;
}

/// The C library's allocation and deallocation functions.
static std::vector<Entry> libraryFunctions() {
  return {
      {compat::cLibraryCall("malloc", 1), allocates()},
      {compat::cLibraryCall("calloc", 2), allocates()},
      {compat::cLibraryCall("realloc", 2),
       releases(/*Moves=*/true, /*Allocates=*/true)},
      {compat::cLibraryCall("reallocarray", 3),
       releases(/*Moves=*/true, /*Allocates=*/true)},
      {compat::cLibraryCall("aligned_alloc", 2), allocates()},
      {compat::cLibraryCall("strdup", 1), allocates()},
      {compat::cLibraryCall("strndup", 2), allocates()},
      {compat::cLibraryCall("free", 1),
       releases(/*Moves=*/false, /*Allocates=*/false)},
  };
}

MemoryFunctionMap buildMemoryFunctions(const BoundaryFacts &Facts) {
  std::vector<Entry> Library = libraryFunctions();
  llvm::StringSet<> Names;
  for (const auto &A : Facts.Allocators)
    Names.insert(A.getKey());
  for (const auto &D : Facts.Deallocators)
    Names.insert(D.getKey());

  std::vector<Entry> Table;
  for (const auto &N : Names) {
    StringRef Name = N.getKey();
    MemoryFunction F;
    for (const Entry &L : Library)
      if (L.first.getFunctionName() == Name)
        F = L.second;
    F.Configured = true;
    F.ConfiguredAllocator = Facts.Allocators.count(Name) != 0;
    auto D = Facts.Deallocators.find(Name);
    if (D != Facts.Deallocators.end())
      for (unsigned Position : D->second)
        F.Releases.push_back(
            {Position - 1, /*Moves=*/false, /*Library=*/false});
    // Configured names are users' functions: any call of that name, as
    // GenericTaintChecker matches the names it is configured with.
    Table.emplace_back(compat::anyNamedCall(Name), F);
  }
  Table.insert(Table.end(), Library.begin(), Library.end());
  return MemoryFunctionMap(Table.begin(), Table.end());
}

} // namespace cgo
