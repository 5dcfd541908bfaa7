// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoLifetimeChecker.h - Pointer lifetimes across cgo ------*- C++ -*-===//
//
// One checker class for all of the C side's user-facing checkers (the
// CGO_C_CHECKER entries of Checkers.def) on top of the hidden modelling
// checker BoundaryModel, in the manner of unix.Malloc and its family.
// The files around it:
//
//   CgoState.h        the program-state maps, their accessors and diagrams;
//   CgoScan.h         finding freed pointers in values and regions, and
//                     places that outlive a frame (queries);
//   CgoDiagnostics.h  the text of every report and note;
//   MemoryFunctions.h the allocators and deallocators (a CallDescriptionMap);
//   BoundaryModel.h   what crosses into Go; Manifest.h the facts it reads;
//   CallSummaries.h   what calls of functions without a body do: summaries
//                     of the package's C, library models, shape rules
//                     (Summaries.h the schema, AccessPaths.h the paths);
//   SummaryBuilder.h  computing the summaries of this translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_CHECKER_H
#define CGO_LIFETIME_CHECKER_H

#include "BoundaryModel.h"
#include "CallSummaries.h"
#include "CgoDiagnostics.h"
#include "CgoScan.h"
#include "CgoState.h"
#include "MemoryFunctions.h"
#include "SummaryBuilder.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include <memory>
#include <optional>

namespace cgo {

/// What the checker knows and does about summaries, read before it is
/// constructed: the table of summaries and models, the shape rules, and
/// where to write the summaries it computes.
struct SummaryConfig {
  SummaryTable Table;
  ShapeRules Rules;
  std::string OutputPath; ///< cgo:SummaryOutput; empty: none.
};

class CgoLifetimeChecker
    : public clang::ento::Checker<
          clang::ento::check::ASTDecl<clang::TranslationUnitDecl>,
          clang::ento::check::BeginFunction, clang::ento::check::PreCall,
          clang::ento::check::PostCall, clang::ento::check::Bind,
          clang::ento::check::PreStmt<clang::ReturnStmt>,
          clang::ento::check::EndFunction, clang::ento::check::LiveSymbols,
          clang::ento::eval::Call, clang::ento::check::DeadSymbols,
          clang::ento::check::EndAnalysis, clang::ento::eval::Assume,
          clang::ento::check::EndOfTranslationUnit> {
public:
  /// The user-facing checkers, in the order of Checkers.def.
  enum CheckKind {
#define CGO_C_CHECKER(ID, ...) CK_##ID,
#include "cgo-lifetime/Checkers.def"
    CK_NumKinds
  };

  /// \p Facts: what the manifest and the checker options say, read before
  /// the checker is constructed; they fill the model and the table of
  /// memory functions.
  CgoLifetimeChecker(BoundaryFacts Facts, SummaryConfig Config);

  bool ChecksEnabled[CK_NumKinds] = {};
  std::unique_ptr<clang::ento::BugType> BugTypes[CK_NumKinds];
  /// debug.cgo.DumpSummaries: print the summaries at the end of the unit.
  bool DumpSummaries = false;
  /// debug.cgo.DumpShapeRules: print the shape rules' guesses used.
  bool DumpShapeRules = false;
  /// debug.cgo.DumpFacts: what was read from models and summaries.
  const SummaryTable &summaryTable() const { return Calls.table(); }
  /// Compute summaries (an output file, or the debug checker).
  void enableSummaries() { Builder.enable(); }

  void checkASTDecl(const clang::TranslationUnitDecl *TU,
                    clang::ento::AnalysisManager &Mgr,
                    clang::ento::BugReporter &BR) const;
  void checkBeginFunction(CheckerContext &C) const;
  void checkPreCall(const clang::ento::CallEvent &Call,
                    CheckerContext &C) const;
  void checkPostCall(const clang::ento::CallEvent &Call,
                     CheckerContext &C) const;
  void checkBind(clang::ento::SVal Loc, clang::ento::SVal Val,
                 const clang::Stmt *S, CheckerContext &C) const;
  void checkPreStmt(const clang::ReturnStmt *RS, CheckerContext &C) const;
  void checkEndFunction(const clang::ReturnStmt *RS, CheckerContext &C) const;
  bool evalCall(const clang::ento::CallEvent &Call, CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef St,
                        clang::ento::SymbolReaper &SR) const;
  void checkDeadSymbols(clang::ento::SymbolReaper &SR, CheckerContext &C) const;
  ProgramStateRef evalAssume(ProgramStateRef St, clang::ento::SVal Cond,
                             bool Assumption) const;
  void checkEndAnalysis(clang::ento::ExplodedGraph &G,
                        clang::ento::BugReporter &BR,
                        clang::ento::ExprEngine &Eng) const;
  void checkEndOfTranslationUnit(const clang::TranslationUnitDecl *TU,
                                 clang::ento::AnalysisManager &Mgr,
                                 clang::ento::BugReporter &BR) const;
  void printState(llvm::raw_ostream &Out, ProgramStateRef St, const char *NL,
                  const char *Sep) const override;

  /// "Memory is allocated [by 'f']" when \p CE calls an allocator.
  std::optional<std::string> allocationNote(const clang::CallExpr &CE) const;
  /// If \p CE calls an allocator, the function that releases what it
  /// returns ("" for free).
  std::optional<std::string> allocatorOf(const clang::CallExpr &CE) const;

private:
  /// The arguments \p Call releases: the table's, then ownership_takes'.
  llvm::SmallVector<Release, 2>
  releases(const clang::ento::CallEvent &Call) const;

  // State changes.
  void modelRelease(const clang::ento::CallEvent &Call, const Release &R,
                    CheckerContext &C) const;
  void modelExportCall(const clang::ento::CallEvent &Call,
                       const clang::FunctionDecl *FD, CheckerContext &C) const;
  void modelStore(RegionRef Dest, clang::ento::SVal Val, const clang::Stmt *S,
                  CheckerContext &C) const;
  /// Reports what the Go-called frame \p SFC kept of Go's memory and forgets
  /// its Go arguments. \p Ret: the block the frame returns, if any.
  void finishGoCalledFrame(const clang::StackFrameContext *SFC, SymbolRef Ret,
                           CheckerContext &C) const;
  /// What a call of a function whose body did not run does, by its summary,
  /// model or shape rule \p S.
  void modelSummarizedCall(const clang::ento::CallEvent &Call,
                           const FunctionSummary &S, CheckerContext &C) const;
  /// The effects of \p S for which \p Applies says yes, on the state \p St
  /// (one of the call's outcomes, when effects have conditions).
  void applySummaryEffects(const clang::ento::CallEvent &Call,
                           const FunctionSummary &S, ProgramStateRef St,
                           llvm::function_ref<bool(const Effect &)> Applies,
                           CheckerContext &C) const;
  /// The states after \p Call where condition \p K holds and where it does
  /// not (null: infeasible); nothing when its value is unknown.
  std::optional<std::pair<ProgramStateRef, ProgramStateRef>>
  assumeCondition(const clang::ento::CallEvent &Call, const Condition &K,
                  ProgramStateRef St, CheckerContext &C) const;
  /// Before such a call: the values its deeper effect paths (`$1->name`)
  /// have, which the call's invalidation is about to replace.
  ProgramStateRef rememberPathsBeforeCall(const clang::ento::CallEvent &Call,
                                          const FunctionSummary &S,
                                          ProgramStateRef St,
                                          CheckerContext &C) const;
  /// Ends the keeping of pointers whose `until` call \p Call is.
  ProgramStateRef endLibraryKeeps(const clang::ento::CallEvent &Call,
                                  ProgramStateRef St) const;
  /// At the start of a Go-called frame: the blocks that other Go-called
  /// functions handed to Go and left where this frame's parameters or the
  /// globals reach them (the package's summaries).
  ProgramStateRef seedRemoteHolds(const clang::FunctionDecl *FD,
                                  ProgramStateRef St, CheckerContext &C) const;
  /// Is \p Sym a block its holder owns: from an allocator, not released?
  std::optional<std::string> freshBlock(ProgramStateRef St,
                                        SymbolRef Sym) const;
  /// Forgets the stack regions of \p SFC that Go held, with
  /// FreeWhileGoHolds off.
  void ensureStackHoldsDropped(const clang::StackFrameContext *SFC,
                               CheckerContext &C) const;

  // Reports; each ends the path (KeepsGoArgument's, which does not, is
  // emitted by finishGoCalledFrame).
  /// FreedToGo or FreeWhileGoHolds about the block of \p Sym, with a note
  /// where it was allocated.
  void reportBlock(CheckerContext &C, CheckKind K, SymbolRef Sym,
                   const std::string &Msg, clang::SourceRange Range,
                   const std::string &Why = std::string(),
                   ProgramStateRef St = nullptr) const;
  /// The note at the hand-over of a remote hold, in another function
  /// (another file, perhaps).
  void noteRemoteHold(clang::ento::PathSensitiveBugReport &R,
                      const RemoteHold &H, CheckerContext &C) const;
  /// FreedToGo, if a Go-read global holds freed memory at a moment Go can
  /// run (\p When). Says whether it reported.
  bool reportFreedInGoGlobal(CheckerContext &C, const std::string &When) const;
  /// FreeWhileGoHolds: the stack region \p R that Go holds dies with the
  /// current frame.
  void reportStackHeld(CheckerContext &C, RegionRef R, const GoHold &H) const;
  /// NoEscapePromise or NoCallbackPromise.
  void reportPromise(CheckerContext &C, CheckKind K, const std::string &Msg,
                     SymbolRef Sym, clang::SourceRange Range) const;

  // Notes.
  bool isOurReport(const clang::ento::PathSensitiveBugReport &BR,
                   CheckKind K) const;
  bool isAnyOurReport(const clang::ento::PathSensitiveBugReport &BR) const;
  const clang::ento::NoteTag *symbolNote(CheckerContext &C, SymbolRef Sym,
                                         std::string Msg) const;
  void noteAllocation(clang::ento::PathSensitiveBugReport &R,
                      SymbolRef Sym) const;

  /// Filled while the translation unit is scanned, read-only afterwards.
  mutable BoundaryModel Model;
  const MemoryFunctionMap Memory;
  const ReportText Text;
  const CallSummaries Calls;
  SummaryBuilder Builder;
  const std::string SummaryOutput;
  /// Retained hand-overs to Go by Go-called functions (the computed
  /// summaries), that a Go-called frame begins with.
  std::vector<RemoteHold> RemoteHolds;
  /// The exports that release what Go kept, for the notes: "'GoUntrack'".
  std::string ReleasingExports;
  /// The translation unit's globals by name, for paths rooted at them.
  mutable llvm::StringMap<const clang::VarDecl *> Globals;
};

} // namespace cgo

#endif
