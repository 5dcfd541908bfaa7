// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoScan.h - Looking into values and regions for cgo ------*- C++ -*-===//
//
// The scanning of values, memory and frames that the cgo checkers do at the
// moments Go can look: finding a pointer to freed memory inside a value (an
// argument, a struct returned by value) or inside a region (a Go-read global,
// an out-parameter), deciding whether a place outlives a Go-called frame,
// finding a Go argument or a frame under a `#cgo` promise, and the questions
// about symbols and types those need. Queries only: nothing here changes the
// state or reports; each returns std::optional, empty when there is nothing
// to say.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_CGOSCAN_H
#define CGO_LIFETIME_CGOSCAN_H

#include "BoundaryModel.h"
#include "CgoState.h"
#include "MemoryFunctions.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include <optional>
#include <string>

namespace cgo {

using clang::ento::CheckerContext;

/// The symbol of the block that \p V points into, if any.
SymbolRef baseSymbol(clang::ento::SVal V);

/// Is \p V known to be null in \p St?
bool isDefinitelyNull(ProgramStateRef St, clang::ento::SVal V);

/// Can a value of type \p T hold a pointer that we look for?
bool isPointerish(clang::QualType T);

/// Where a freed pointer was found inside a value: Path is "" for the value
/// itself, or ".data", "[2]", ".inner.data".
struct FreedHit {
  SymbolRef Sym = nullptr;
  std::string Path;
};

/// Finds pointers to freed blocks (CgoBlocks: Released) in values and
/// regions, up to a few levels into structs and arrays.
class FreedFinder {
public:
  FreedFinder(CheckerContext &C, ProgramStateRef St) : C(C), St(St) {}

  /// A freed pointer in the value \p V of type \p T.
  std::optional<FreedHit> inValue(clang::ento::SVal V, clang::QualType T) const;

  /// A freed pointer stored in the typed region \p R, as of the store \p S.
  std::optional<FreedHit>
  inRegion(clang::ento::Store S, const clang::ento::TypedValueRegion *R) const;

private:
  std::optional<FreedHit> loc(clang::ento::SVal V, llvm::StringRef Path) const;
  std::optional<FreedHit> value(clang::ento::SVal V, clang::QualType T,
                                llvm::StringRef Path, unsigned Depth) const;
  std::optional<FreedHit> compound(clang::ento::nonloc::CompoundVal CV,
                                   clang::QualType T, llvm::StringRef Path,
                                   unsigned Depth) const;
  std::optional<FreedHit> region(clang::ento::Store S,
                                 const clang::ento::SubRegion *R,
                                 clang::QualType T, llvm::StringRef Path,
                                 unsigned Depth) const;

  CheckerContext &C;
  ProgramStateRef St;
};

/// A freed pointer among the arguments of \p Call.
struct FreedArgument {
  unsigned Index; ///< 0-based.
  FreedHit Hit;
};
std::optional<FreedArgument>
findFreedArgument(const clang::ento::CallEvent &Call, CheckerContext &C);

/// A freed pointer held by one of the Go-read globals \p Globals.
struct FreedGlobal {
  const clang::VarDecl *Global;
  FreedHit Hit;
};
std::optional<FreedGlobal>
findFreedGlobal(llvm::ArrayRef<const clang::VarDecl *> Globals,
                CheckerContext &C);

/// A freed pointer that the Go-called frame \p SFC left where its pointer
/// parameters point (`*out = p` after `free(p)`): the places it wrote
/// (CgoOutStores), each looked into as the type Go reads there.
struct FreedOutStore {
  GoArg Arg; ///< The parameter written through.
  RegionRef Place;
  FreedHit Hit;
};
std::optional<FreedOutStore>
findFreedOutStore(const clang::StackFrameContext *SFC, CheckerContext &C);

/// A block that Go holds (CgoBlocks: HeldByGo) and that \p Call releases
/// as \p R.
struct HeldBlock {
  SymbolRef Sym;
  CgoBlockState State;
};
std::optional<HeldBlock>
findHeldBlockReleased(const clang::ento::CallEvent &Call, const Release &R,
                      CheckerContext &C);

/// An argument of \p Call (of a Go export) that is a Go argument of a
/// function under `#cgo noescape`.
struct NoEscapeArgument {
  unsigned Index; ///< In \p Call, 0-based.
  GoArg Arg;
  std::string Promise; ///< Where the function is declared `#cgo noescape`.
};
std::optional<NoEscapeArgument>
findNoEscapeArgument(const clang::ento::CallEvent &Call, CheckerContext &C,
                     const BoundaryModel &Model);

/// A frame under `#cgo nocallback`, entered from Go, on the stack of \p C
/// (whose call of a Go export breaks the promise), and the first callee on
/// the way, if the call is not in that frame itself.
struct NoCallbackBreach {
  const clang::FunctionDecl *Promised;
  std::string Where;
  const clang::FunctionDecl *Through;
};
std::optional<NoCallbackBreach>
findBrokenNoCallback(CheckerContext &C, const BoundaryModel &Model);

/// ".data", "[2]": how \p R lies inside the block its base region is.
std::string pathInBlock(RegionRef R);

/// A place that outlives a Go-called frame.
struct OutlivingPlace {
  enum Kind {
    Global,                  ///< `g = p`, `g.field = p`.
    StaticLocal,             ///< `static char *s; s = p`.
    ReachableFromGlobal,     ///< `g_ctx->name = p`.
    HeapReachableFromGlobal, ///< A live heap block that a global points to.
    ReturnedBlock,           ///< A block the frame allocates and returns.
    LibraryKeptBlock,        ///< A block that a library keeps (its model).
    LibraryKept              ///< A library keeps the pointer itself.
  };
  Kind K;
  std::string Name; ///< The place, the global it hangs from, the library
                    ///< function; for blocks, the field (".in").
  /// LibraryKept, LibraryKeptBlock: the library function, its 0-based
  /// argument, and the effect of its model (or shape rule) that keeps it.
  const clang::FunctionDecl *Callee = nullptr;
  unsigned Arg = 0;
  const Effect *Fact = nullptr;
};

/// Does the place \p Dest outlive the Go-called function's frame \p SFC,
/// which returns the block of \p Ret (if any)?
std::optional<OutlivingPlace>
outlivingPlace(ProgramStateRef St, RegionRef Dest, CheckerContext &C,
               const clang::StackFrameContext *SFC, SymbolRef Ret);

} // namespace cgo

#endif
