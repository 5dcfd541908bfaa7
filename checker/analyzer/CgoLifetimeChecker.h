//===- CgoLifetimeChecker.h - Pointer lifetimes across cgo ------*- C++ -*-===//
//
// One checker class, three user-facing checkers (cgo.FreedToGo,
// cgo.FreeWhileGoHolds, cgo.KeepsGoArgument) on top of the hidden modelling
// checker cgo.BoundaryModel, in the manner of unix.Malloc and its family.
// The state diagram is at the top of CgoLifetimeChecker.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_CHECKER_H
#define CGO_LIFETIME_CHECKER_H

#include "BoundaryModel.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include <memory>

namespace cgo {

using clang::ento::CheckerContext;

class CgoLifetimeChecker
    : public clang::ento::Checker<
          clang::ento::check::ASTDecl<clang::TranslationUnitDecl>,
          clang::ento::check::BeginFunction, clang::ento::check::PreCall,
          clang::ento::check::PostCall, clang::ento::check::Bind,
          clang::ento::check::PreStmt<clang::ReturnStmt>,
          clang::ento::check::EndFunction, clang::ento::check::LiveSymbols,
          clang::ento::eval::Call,
          clang::ento::check::DeadSymbols> {
public:
  /// The user-facing checkers, in the order of Checkers.def.
  enum CheckKind {
#define CGO_C_CHECKER(ID, ...) CK_##ID,
#include "cgo-lifetime/Checkers.def"
    CK_NumKinds
  };

  CgoLifetimeChecker();

  bool ChecksEnabled[CK_NumKinds] = {};
  std::unique_ptr<clang::ento::BugType> BugTypes[CK_NumKinds];
  /// Filled while the translation unit is scanned, read-only afterwards.
  mutable BoundaryModel Model;

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
  void checkLiveSymbols(clang::ento::ProgramStateRef St,
                        clang::ento::SymbolReaper &SR) const;
  void checkDeadSymbols(clang::ento::SymbolReaper &SR,
                        CheckerContext &C) const;
  /// "Memory is allocated [by 'f']" when \p CE calls an allocator.
  std::optional<std::string> allocationNote(const clang::CallExpr &CE) const;
  void printState(llvm::raw_ostream &Out, clang::ento::ProgramStateRef St,
                  const char *NL, const char *Sep) const override;

private:
  struct Dealloc {
    unsigned Arg; ///< 0-based argument released.
    bool Moves;   ///< realloc-like: the block may move.
  };

  llvm::SmallVector<Dealloc, 2>
  deallocations(const clang::ento::CallEvent &Call) const;

  void checkArgumentsToGo(const clang::ento::CallEvent &Call,
                          const clang::FunctionDecl *FD,
                          CheckerContext &C) const;
  bool checkGoGlobals(CheckerContext &C, const std::string &When) const;
  bool checkFreeOfHeld(const clang::ento::CallEvent &Call, const Dealloc &D,
                       CheckerContext &C) const;
  void modelExportCall(const clang::ento::CallEvent &Call,
                       const clang::FunctionDecl *FD, CheckerContext &C) const;
  bool checkOutParams(const clang::StackFrameContext *SFC,
                      const std::string &Why, CheckerContext &C) const;
  bool checkHeldStack(const clang::StackFrameContext *SFC,
                      CheckerContext &C) const;
  void checkKeptArgs(const clang::StackFrameContext *SFC,
                     CheckerContext &C) const;
  bool checkNoCallback(const clang::FunctionDecl *Export,
                       CheckerContext &C) const;
  bool checkNoEscapeToGo(const clang::ento::CallEvent &Call,
                         const clang::FunctionDecl *Export,
                         CheckerContext &C) const;
  std::string promiseText(const clang::FunctionDecl *FD, const char *Kind,
                          const std::string &Where) const;
  void reportPromise(CheckerContext &C, CheckKind K, const std::string &Msg,
                     clang::ento::SymbolRef Sym, clang::SourceRange R) const;
  std::optional<std::string>
  outlivingPlace(clang::ento::ProgramStateRef St,
                 const clang::ento::MemRegion *Dest, CheckerContext &C) const;

  void noteAllocation(clang::ento::PathSensitiveBugReport &R,
                      clang::ento::SymbolRef Sym) const;
  void reportFreed(CheckerContext &C, clang::ento::ProgramStateRef St,
                   clang::ento::SymbolRef Sym, const std::string &Msg,
                   clang::SourceRange Range) const;

  bool isOurReport(const clang::ento::PathSensitiveBugReport &BR,
                   CheckKind K) const;
  bool isAnyOurReport(const clang::ento::PathSensitiveBugReport &BR) const;
  const clang::ento::NoteTag *symbolNote(CheckerContext &C,
                                         clang::ento::SymbolRef Sym,
                                         std::string Msg) const;
  std::string retainNote(const clang::FunctionDecl *Export, unsigned Index,
                         const std::string &Evidence) const;
  std::string argumentText(const clang::FunctionDecl *FD,
                           unsigned Index) const;

  const clang::ento::CallDescriptionSet Allocators;
  const clang::ento::CallDescriptionMap<Dealloc> Deallocators;
};

} // namespace cgo

#endif
