// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Manifest.h - Boundary facts from manifest and options ----*- C++ -*-===//
//
// The facts the Go side knows about the cgo boundary, read from the manifest
// that the companion pass `cgo-boundary` writes (docs/manifest.md) and from
// checker options. This is plain data: BoundaryModel answers the questions.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_MANIFEST_H
#define CGO_LIFETIME_MANIFEST_H

#include "cgo-lifetime/Schema.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <string>

namespace cgo {

/// The schema version this plugin reads.
constexpr int ManifestVersion = CGO_MANIFEST_VERSION;

/// What a Go export does with one of its pointer parameters.
enum class ParamEffect { Unknown, Borrow, Retain, Release };

struct ParamFact {
  ParamEffect Effect = ParamEffect::Unknown;
  std::string GoName;   ///< The Go parameter name, if known.
  std::string Evidence; ///< Why we believe it; quoted in path notes.
};

struct ExportFacts {
  /// Keyed by 1-based parameter position.
  std::map<unsigned, ParamFact> Params;
  std::string Evidence; ///< Where the export comes from.
};

/// Everything known about the boundary, merged from all sources.
struct BoundaryFacts {
  llvm::StringMap<ExportFacts> Exports;
  llvm::StringMap<std::string> GoCalled;  ///< name -> evidence
  llvm::StringMap<std::string> GoGlobals; ///< name -> evidence
  llvm::StringMap<std::string> Allocators;
  /// name -> 1-based argument positions released.
  llvm::StringMap<llvm::SmallVector<unsigned, 2>> Deallocators;
  /// `#cgo noescape NAME` / `#cgo nocallback NAME`: name -> where declared.
  llvm::StringMap<std::string> NoEscape;
  llvm::StringMap<std::string> NoCallback;
  /// Go-called name -> 1-based argument positions it takes ownership of.
  llvm::StringMap<llvm::SmallVector<unsigned, 2>> TakesOwnership;
  /// Go-called name -> 1-based argument positions at which Go passes an
  /// integer converted to a pointer (a runtime/cgo.Handle): not Go memory.
  llvm::StringMap<llvm::SmallVector<unsigned, 2>> HandleArgs;
};

/// Reads the manifest at \p Path into \p Facts. Facts already present are
/// kept; the manifest's facts override them.
llvm::Error readManifest(llvm::StringRef Path, BoundaryFacts &Facts);

/// Parses the manifest text \p Text (for tests and fuzzing).
llvm::Error parseManifest(llvm::StringRef Text, BoundaryFacts &Facts);

/// Checker option lists: "a;b;c" and "name:1;other:2".
llvm::SmallVector<std::string, 4> splitNameList(llvm::StringRef List);
llvm::Expected<llvm::SmallVector<std::pair<std::string, unsigned>, 4>>
splitPositionList(llvm::StringRef List);

const char *effectName(ParamEffect E);

} // namespace cgo

#endif
