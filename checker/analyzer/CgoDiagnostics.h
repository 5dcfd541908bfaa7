// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoDiagnostics.h - Every word the cgo checkers say -------*- C++ -*-===//
//
// The text of every cgo report and path note, in one place, so that the
// wording stays consistent and is easy to review against the checkers'
// pages in docs/checkers/ (which quote it): ReportText builds each message
// from the facts of the finding. Also the report-time visitor that adds
// "Memory is allocated" where a reported block came from. (The evidence that
// the boundary facts carry, "Go escape analysis reports ...", is quoted as
// the manifest or BoundaryModel words it.)
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_CGODIAGNOSTICS_H
#define CGO_LIFETIME_CGODIAGNOSTICS_H

#include "BoundaryModel.h"
#include "CgoScan.h"
#include "CgoState.h"
#include "Summaries.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporterVisitors.h"
#include <string>

namespace cgo {

class CgoLifetimeChecker;

/// Builds the text of reports and notes. Argument numbers are 0-based; the
/// text says "its 1st argument 'p'".
class ReportText {
public:
  explicit ReportText(const BoundaryModel &Model) : Model(Model) {}

  //===--- FreedToGo --------------------------------------------------===//

  /// A freed pointer is an argument of a call of the Go export \p Export.
  std::string freedArgumentToExport(const clang::FunctionDecl *Export,
                                    const FreedArgument &Freed) const;
  /// The Go-read global \p Freed.Global holds a freed pointer \p When.
  std::string freedInGoGlobal(const FreedGlobal &Freed, llvm::StringRef When,
                              llvm::StringRef Why) const;
  /// The cgo wrapper \p Wrapper writes a freed pointer as Go's result.
  std::string freedResultOfWrapper(const clang::FunctionDecl *Wrapper,
                                   const FreedHit &Hit) const;
  /// The Go-called function \p Fn returns a freed pointer to Go.
  std::string freedReturnedToGo(const clang::FunctionDecl *Fn,
                                const FreedHit &Hit, llvm::StringRef Why) const;
  /// The Go-called frame left a freed pointer where Go reads it.
  std::string freedInOutParameter(const FreedOutStore &Freed,
                                  llvm::StringRef Why) const;
  /// When Go can look at Go-read globals: at a call of \p Export ...
  std::string whenExportIsCalled(const clang::FunctionDecl *Export) const;
  /// ... or when the top frame returns, to Go or to a C caller.
  std::string whenControlReturns(bool ToGo) const;

  //===--- FreeWhileGoHolds -------------------------------------------===//

  /// A block that Go holds (\p Held) is freed, or may be moved by \p Mover.
  std::string freedWhileHeld(const CgoBlockState &Held,
                             const clang::FunctionDecl *Mover) const;
  /// A stack region \p R that Go holds dies with its frame \p Frame.
  std::string stackHeldAtReturn(RegionRef R,
                                const clang::StackFrameContext *Frame,
                                const GoHold &Hold) const;

  //===--- KeepsGoArgument, NoEscapePromise, NoCallbackPromise -===//

  /// A Go-called function kept Go's pointer \p Arg in \p Place.
  std::string keepsGoArgument(const GoArg &Arg,
                              const OutlivingPlace &Place) const;
  /// ... while promising `#cgo noescape` \p Promise ("at main.go:3").
  std::string noEscapeStores(const GoArg &Arg, llvm::StringRef Promise,
                             const OutlivingPlace &Place) const;
  std::string noEscapeReturns(const GoArg &Arg, llvm::StringRef Promise) const;
  std::string noEscapePasses(const GoArg &Arg, llvm::StringRef Promise,
                             const clang::FunctionDecl *Export) const;
  /// \p Fn, under `#cgo nocallback` \p Promise, calls the Go export \p Export,
  /// perhaps through the callee \p Through.
  std::string noCallbackCalls(const clang::FunctionDecl *Fn,
                              llvm::StringRef Promise,
                              const clang::FunctionDecl *Export,
                              const clang::FunctionDecl *Through) const;

  //===--- Path notes -----------------------------------------------------===//

  /// Where a block came from: \p Allocator is null for the C library's.
  std::string allocated(const clang::FunctionDecl *Allocator) const;
  /// Where a block was released: \p Deallocator is null for `free`.
  std::string released(const clang::FunctionDecl *Deallocator) const;
  std::string reallocated() const;
  /// A modelled or summarised function may move a block.
  std::string movedBy(const clang::FunctionDecl *Mover) const;
  /// "'g_idle_add' keeps its 2nd argument 'data' (model glib.json:40, URL)":
  /// a library function keeps its argument \p Arg (0-based) by \p Fact.
  std::string keptByLibrary(const clang::FunctionDecl *Callee, unsigned Arg,
                            const Effect &Fact) const;
  /// Where another Go-called function handed a block to Go, and which
  /// exports (\p Releasing, "'GoUntrack'") would have released it.
  std::string remoteHold(const RemoteHold &H, llvm::StringRef Releasing) const;
  /// The Go export \p Export keeps its argument \p Index: \p Evidence.
  std::string retained(const clang::FunctionDecl *Export, unsigned Index,
                       llvm::StringRef Evidence) const;
  /// Go's pointer \p Arg is stored where it may outlive the call.
  std::string goArgumentStored(const GoArg &Arg) const;

private:
  /// "its 1st argument 'p'" (the C name, else the Go name if known).
  std::string argument(const clang::FunctionDecl *FD, unsigned Index) const;
  /// "'f' is declared '#cgo noescape' at main.go:3".
  std::string promise(const clang::FunctionDecl *FD, llvm::StringRef Directive,
                      llvm::StringRef Where) const;
  /// "global 'g'", "memory reachable from global 'g'", ...
  std::string place(const OutlivingPlace &P) const;
  /// " (in field 'data')" for a hit inside a struct, else "".
  std::string inField(const FreedHit &Hit) const;

  const BoundaryModel &Model;
};

/// Adds "Memory is allocated" where the block of a report's symbol came from
/// an allocator: the call that conjured the symbol. Found at report time, so
/// that the analysis does not spend a node on every allocation.
class AllocationNote final : public clang::ento::BugReporterVisitor {
public:
  AllocationNote(SymbolRef Sym, const CgoLifetimeChecker &Chk)
      : Sym(Sym), Chk(Chk) {}

  void Profile(llvm::FoldingSetNodeID &ID) const override;
  clang::ento::PathDiagnosticPieceRef
  VisitNode(const clang::ento::ExplodedNode *N,
            clang::ento::BugReporterContext &BRC,
            clang::ento::PathSensitiveBugReport &) override;

private:
  SymbolRef Sym;
  const CgoLifetimeChecker &Chk;
  bool Done = false;
};

} // namespace cgo

#endif
