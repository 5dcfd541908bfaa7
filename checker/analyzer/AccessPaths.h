// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- AccessPaths.h - Symbols and regions as access paths ------*- C++ -*-===//
//
// The bridge between the analyzer's values and the access paths of
// docs/summaries.md (`$1->name`, `*$2`, `g_ctx->user`):
//
//  * PathDescriber says which path, relative to one stack frame, a symbol,
//    a region or a pointer is: a parameter's value ($N: the symbol that the
//    parameter's region held when the frame began, or its current binding in
//    an inlined frame), a global (NAME), and field, element and pointee
//    selectors down from those, as the region store names lazily loaded
//    values (SymbolRegionValue, SymbolDerived of a FieldRegion of a
//    SymbolicRegion of ...).
//  * evaluatePath goes the other way: the value a path has, given the values
//    of its roots (a call's arguments, a frame's parameters), loading
//    through the store as the engine does for `s->user`.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_ACCESSPATHS_H
#define CGO_LIFETIME_ACCESSPATHS_H

#include "Summaries.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>
#include <string>

namespace cgo {

using clang::ento::ProgramStateRef;
using clang::ento::SymbolRef;

struct FrameEffect;

class PathDescriber {
public:
  /// Paths relative to \p Frame, in state \p St. \p Ret, if given, is the
  /// frame's return value: the block it points to is `$ret`.
  PathDescriber(ProgramStateRef St, const clang::StackFrameContext *Frame,
                SymbolRef Ret = nullptr)
      : St(std::move(St)), Frame(Frame), Ret(Ret) {}

  /// The path whose value is \p Sym: "$1", "$1->name", "g_ctx->user".
  std::optional<std::string> ofSymbol(SymbolRef Sym) const;
  /// The path naming the location \p R: "*$2", "$1->name", "g_buf[3]".
  std::optional<std::string> ofRegion(const clang::ento::MemRegion *R) const;
  /// The path of the block that the pointer \p V points into (the value
  /// itself, or an interior pointer); \p Exact is set when \p V points to
  /// the start of the block the path's value points to.
  std::optional<std::string> ofBlock(clang::ento::SVal V,
                                     bool *Exact = nullptr) const;

  /// The C type of the root of \p Path relative to the frame ("struct
  /// session *"), canonical, so that two translation units spell it alike;
  /// empty for `$ret` and unknown roots.
  std::string rootType(llvm::StringRef Path) const;

private:
  std::optional<std::string> symbol(SymbolRef Sym, unsigned Depth) const;
  std::optional<std::string> region(const clang::ento::MemRegion *R,
                                    unsigned Depth) const;
  /// The parameter (1-based) whose value is \p Sym, if any.
  /// The 1-based parameter of the frame that a recorded parameter value
  /// (RecordedMatch) or, without records, a parameter's value (ValueMatch)
  /// matches; 0 if none.
  unsigned
  findParam(llvm::function_ref<bool(const FrameEffect &)> RecordedMatch,
            llvm::function_ref<bool(clang::ento::SVal)> ValueMatch) const;
  unsigned paramHolding(SymbolRef Sym) const;
  /// The parameter (1-based) whose value points to the start of \p R.
  unsigned paramPointingTo(const clang::ento::MemRegion *R) const;

  ProgramStateRef St;
  const clang::StackFrameContext *Frame;
  SymbolRef Ret;
};

/// A root of a path at a call or a frame: its value and its C type.
struct PathRoot {
  clang::ento::SVal Value;
  clang::QualType Type;
};

/// The value of \p P in \p St, with `$N` = \p Args[N-1] and `$ret` = \p Ret.
/// Globals are looked up by name among \p Globals. Empty when a step cannot
/// be taken (an unknown field, `[*]`, a root that is not there).
std::optional<clang::ento::SVal>
evaluatePath(const AccessPath &P, llvm::ArrayRef<PathRoot> Args,
             std::optional<PathRoot> Ret, ProgramStateRef St,
             const clang::LocationContext *LC, clang::ento::CheckerContext &C,
             const llvm::StringMap<const clang::VarDecl *> &Globals);

/// "struct session *": the canonical, unqualified spelling of \p T.
std::string typeKey(clang::QualType T);

} // namespace cgo

#endif
