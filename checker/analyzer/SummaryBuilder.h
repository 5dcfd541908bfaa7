// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- SummaryBuilder.h - Computing function summaries ----------*- C++ -*-===//
//
// Computes, with the analyzer engine, the summary of every C function
// defined in the translation unit's main file (docs/summaries.md): what it
// frees or moves, returns, keeps and hands to Go, in access-path terms
// rooted at its parameters and at C globals.
//
// Every frame counts, top-level or inlined. While a frame runs, each event
// (a release, a call of a Go export, a store of a pointer, a library that
// keeps one) is recorded in the program state (CgoFrameEffects) for every
// frame on the stack whose parameters or globals describe it, so that a
// free in an inlined helper is also an effect of the function that called
// it. When a frame ends, its events and its return value become one
// observation of its function (an end node); when the top-level analysis
// ends, the observations are counted: an effect seen at every end node (or
// at those where its path's initial value is not null) is `always`, else
// `maybe`. A function analysed as a top-level frame is summarised from those
// analyses alone (its parameters are unconstrained there); one only ever
// inlined, from its inlined frames.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_SUMMARYBUILDER_H
#define CGO_LIFETIME_SUMMARYBUILDER_H

#include "BoundaryModel.h"
#include "CgoState.h"
#include "Summaries.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cgo {

using clang::ento::CheckerContext;

/// Says whether a symbol is a block the frame's caller would own: conjured
/// by an allocator and not released. Returns the function that releases it
/// ("" for free), or nothing.
using FreshTest =
    llvm::function_ref<std::optional<std::string>(ProgramStateRef, SymbolRef)>;

class SummaryBuilder {
public:
  explicit SummaryBuilder(const BoundaryModel &Model) : Model(Model) {}

  /// Summaries are computed only when asked for (an output file, the debug
  /// checker): recording costs state.
  void enable() { Enabled = true; }
  bool enabled() const { return Enabled; }

  // Recording: each returns \p St with the event added for every frame on
  // the stack of \p C that describes it.

  /// \p Sym is released (freed, or moved when \p Moves); \p Maybe: only
  /// perhaps (a model says `maybe`).
  ProgramStateRef recordRelease(ProgramStateRef St, CheckerContext &C,
                                SymbolRef Sym, bool Moves, bool Maybe,
                                clang::SourceLocation Loc) const;
  /// A call of the Go export \p Export: its pointer arguments go to Go; if
  /// it releases one, the caller `releases` it.
  ProgramStateRef recordExportCall(ProgramStateRef St, CheckerContext &C,
                                   const clang::ento::CallEvent &Call,
                                   const clang::FunctionDecl *Export) const;
  /// Before a call of the Go export \p Export: where C storage (reached from
  /// the frames' parameters or the globals) holds the pointers it gets.
  ProgramStateRef recordExportHolders(ProgramStateRef St, CheckerContext &C,
                                      const clang::ento::CallEvent &Call,
                                      const clang::FunctionDecl *Export) const;
  /// \p Val is stored to \p Dest.
  ProgramStateRef recordStore(ProgramStateRef St, CheckerContext &C,
                              clang::ento::SVal Val, RegionRef Dest,
                              clang::SourceLocation Loc) const;
  /// A call of \p Callee keeps its argument \p Sym (its effect \p Fact),
  /// until a call of one of Fact's `until` functions with \p Anchor.
  ProgramStateRef recordLibraryKeep(ProgramStateRef St, CheckerContext &C,
                                    SymbolRef Sym,
                                    const clang::FunctionDecl *Callee,
                                    const Effect &Fact, SymbolRef Anchor,
                                    clang::SourceLocation Loc) const;

  /// An assumption made \p St: pointer symbols it constrains to null.
  ProgramStateRef recordAssumption(ProgramStateRef St,
                                   clang::ento::SVal Cond) const;

  /// At the start of a frame: what its parameters hold.
  ProgramStateRef recordParams(ProgramStateRef St, CheckerContext &C) const;

  /// Keeps alive what the end of a frame will look at (checkLiveSymbols).
  void markLive(ProgramStateRef St, clang::ento::SymbolReaper &SR) const;

  /// Forgets the events of frames that are no longer on the stack of
  /// \p LC (dead frames, as dead symbols).
  ProgramStateRef dropFinishedFrames(ProgramStateRef St,
                                     const clang::LocationContext *LC,
                                     clang::ento::SymbolReaper &SR) const;

  /// At the end of the current frame (checkEndFunction): one observation of
  /// its function.
  void endFrame(const clang::ReturnStmt *RS, CheckerContext &C,
                FreshTest IsFresh) const;
  /// At the end of a top-level analysis: counts its observations.
  void endAnalysis() const;

  /// The summaries so far, one per observed function.
  std::vector<FunctionSummary> summaries() const;

  /// What is known of a frame's return value at one end node: which of
  /// these hold on that path (a bit per RetFact).
  enum RetFact {
    RetZero,
    RetNonZero,
    RetNegative,
    RetNonNegative,
    RetPositive,
    RetNonPositive,
    NumRetFacts
  };

private:
  /// One effect as observed at one end node.
  struct Observed {
    std::string Key;
    Effect E;
  };
  /// One end node of a frame.
  struct EndRecord {
    const clang::FunctionDecl *FD;
    bool Top;
    const clang::StackFrameContext *SFC;
    std::vector<Observed> Effects;
    /// Top frames: paths whose initial value is null on this path.
    std::vector<std::string> NullPaths;
    /// What is known of the return value here (RetFact bits).
    unsigned RetFacts = 0;
  };
  /// What all end nodes of one function said.
  struct Tally {
    std::string Name, Location;
    bool GoCalled = false;
    unsigned Ends[2] = {0, 0}; ///< [0] inlined frames, [1] top frames.
    /// Ends where each RetFact holds.
    unsigned EndsWith[2][NumRetFacts] = {};
    bool PointerResult = false;
    struct Seen {
      Effect E;
      /// Ends where it happened (Count), and among them those where each
      /// RetFact holds.
      unsigned Count[2] = {0, 0};
      unsigned CountWith[2][NumRetFacts] = {};
      /// Releases: ends where the path's initial value was null (nothing
      /// to release), and among them those where each RetFact holds.
      unsigned Vacuous[2] = {0, 0};
      unsigned VacuousWith[2][NumRetFacts] = {};
      bool Maybe = false;
    };
    std::map<std::string, Seen> Effects;
  };

  bool summarizable(const clang::FunctionDecl *FD,
                    const clang::SourceManager &SM) const;
  /// The frames on the stack of \p C, innermost first, that are summarised.
  llvm::SmallVector<const clang::StackFrameContext *, 4>
  frames(CheckerContext &C) const;
  const char *intern(llvm::StringRef S) const;
  FactSource sourceAt(clang::SourceLocation Loc,
                      const clang::SourceManager &SM) const;
  std::string where(clang::SourceLocation Loc,
                    const clang::SourceManager &SM) const;
  /// The condition on the return value under which \p S happened, when it
  /// happened on exactly the ends where it holds (level \p L).
  static Condition conditionOf(const Tally &T, const Tally::Seen &S,
                               unsigned L);
  void observeReturn(const clang::ReturnStmt *RS, CheckerContext &C,
                     FreshTest IsFresh, const clang::FunctionDecl *FD,
                     EndRecord &Rec) const;

  const BoundaryModel &Model;
  bool Enabled = false;
  mutable llvm::StringSet<> Interned;
  mutable llvm::DenseMap<const clang::Decl *, bool> Summarizable;
  mutable std::vector<EndRecord> Records;
  mutable llvm::DenseMap<const clang::FunctionDecl *, Tally> Tallies;
  mutable std::string CurrentDir;
  mutable llvm::StringMap<std::string> FileNames;
};

/// "free_int: frees $1 always (summary computed from lib.c:4)": one line per
/// effect, for debug.cgo.DumpSummaries.
void dumpSummaries(llvm::raw_ostream &OS,
                   const std::vector<FunctionSummary> &Functions);

} // namespace cgo

#endif
