// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoDiagnostics.cpp - Every word the cgo checkers say -----*- C++ -*-===//
//
// The messages of CgoDiagnostics.h. docs/checkers/*.md quote them; change
// both together.
//
//===----------------------------------------------------------------------===//

#include "CgoDiagnostics.h"

#include "CgoLifetimeChecker.h"
#include "Compat.h"

#include "clang/Analysis/PathDiagnostic.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace ento;

namespace cgo {

static std::string quoted(const NamedDecl *D) {
  return "'" + D->getNameAsString() + "'";
}

std::string ReportText::argument(const FunctionDecl *FD, unsigned Index) const {
  std::string S = "its " + std::to_string(Index + 1) +
                  llvm::getOrdinalSuffix(Index + 1).str() + " argument";
  std::string PName = Model.paramName(FD, Index);
  if (!PName.empty())
    S += " '" + PName + "'";
  return S;
}

std::string ReportText::promise(const FunctionDecl *FD, StringRef Directive,
                                StringRef Where) const {
  return quoted(FD) + " is declared '#cgo " + Directive.str() + "' " +
         Where.str();
}

std::string ReportText::place(const OutlivingPlace &P) const {
  switch (P.K) {
  case OutlivingPlace::Global:
    return "global '" + P.Name + "'";
  case OutlivingPlace::StaticLocal:
    return "static '" + P.Name + "'";
  case OutlivingPlace::ReachableFromGlobal:
    return "memory reachable from global '" + P.Name + "'";
  case OutlivingPlace::HeapReachableFromGlobal:
    return "heap memory reachable from global '" + P.Name + "'";
  case OutlivingPlace::ReturnedBlock:
    return "the heap block it returns to Go" +
           (P.Name.empty() ? std::string() : " (field '" + P.Name + "')");
  case OutlivingPlace::LibraryKeptBlock:
    return "a heap block" +
           (P.Name.empty() ? std::string() : " (field '" + P.Name + "')") +
           " that " + keptByLibrary(P.Callee, P.Arg, *P.Fact);
  case OutlivingPlace::LibraryKept:
    return "a call of " + keptByLibrary(P.Callee, P.Arg, *P.Fact);
  }
  llvm_unreachable("unknown place");
}

std::string ReportText::inField(const FreedHit &Hit) const {
  if (Hit.Path.empty())
    return "";
  return " (in field '" + Hit.Path.substr(1) + "')";
}

//===----------------------------------------------------------------------===//
// FreedToGo
//===----------------------------------------------------------------------===//

std::string
ReportText::freedArgumentToExport(const FunctionDecl *Export,
                                  const FreedArgument &Freed) const {
  return "Pointer to freed memory is passed to Go export " + quoted(Export) +
         " as " + argument(Export, Freed.Index) + inField(Freed.Hit);
}

std::string ReportText::freedInGoGlobal(const FreedGlobal &Freed,
                                        StringRef When, StringRef Why) const {
  std::string Msg = "Go-read global '" + Freed.Global->getNameAsString() +
                    Freed.Hit.Path + "' holds a pointer to freed memory when " +
                    When.str();
  if (!Why.empty())
    Msg += " (" + Why.str() + ")";
  return Msg;
}

std::string ReportText::freedResultOfWrapper(const FunctionDecl *Wrapper,
                                             const FreedHit &Hit) const {
  return "Pointer to freed memory is returned to Go by cgo wrapper " +
         quoted(Wrapper) + inField(Hit);
}

std::string ReportText::freedReturnedToGo(const FunctionDecl *Fn,
                                          const FreedHit &Hit,
                                          StringRef Why) const {
  return quoted(Fn) + " returns a pointer to freed memory to Go" +
         inField(Hit) + " (" + Why.str() + ")";
}

std::string ReportText::freedInOutParameter(const FreedOutStore &Freed,
                                            StringRef Why) const {
  const GoArg &A = Freed.Arg;
  const ParmVarDecl *P = A.Fn->getParamDecl(A.Index);
  return quoted(A.Fn) + " leaves a pointer to freed memory in '*" +
         P->getNameAsString() + pathInBlock(Freed.Place) + Freed.Hit.Path +
         "' (" + argument(A.Fn, A.Index) + "), which Go reads (" + Why.str() +
         ")";
}

std::string ReportText::whenExportIsCalled(const FunctionDecl *Export) const {
  return "Go export " + quoted(Export) + " is called";
}

std::string ReportText::whenControlReturns(bool ToGo) const {
  return std::string("control returns to ") + (ToGo ? "Go" : "the caller");
}

//===----------------------------------------------------------------------===//
// FreeWhileGoHolds
//===----------------------------------------------------------------------===//

std::string ReportText::freedWhileHeld(const CgoBlockState &Held,
                                       const FunctionDecl *Mover) const {
  std::string Msg =
      Mover ? "Memory that Go still holds may be moved by " + quoted(Mover)
            : "Memory is freed while Go still holds it";
  if (const RemoteHold *H = Held.remote())
    return Msg + ": '" + H->Function + "' handed it to Go export '" +
           H->Export + "', which kept it (its " + std::to_string(H->Param) +
           llvm::getOrdinalSuffix(H->Param).str() + " argument)";
  return Msg + ": Go export " + quoted(Held.exportFn()) + " kept " +
         argument(Held.exportFn(), Held.index());
}

std::string ReportText::stackHeldAtReturn(RegionRef R,
                                          const StackFrameContext *Frame,
                                          const GoHold &Hold) const {
  // The frame may be a function or, with -fblocks, a block.
  const auto *ND = dyn_cast_or_null<NamedDecl>(Frame->getDecl());
  std::string FrameName = ND ? quoted(ND) : std::string("the block");
  return "Stack memory " + R->getDescriptiveName() +
         " is still held by Go when " + FrameName + " returns: Go export " +
         quoted(Hold.Export) + " kept " + argument(Hold.Export, Hold.Index);
}

//===----------------------------------------------------------------------===//
// KeepsGoArgument, NoEscapePromise, NoCallbackPromise
//===----------------------------------------------------------------------===//

std::string ReportText::keepsGoArgument(const GoArg &Arg,
                                        const OutlivingPlace &Place) const {
  return quoted(Arg.Fn) + " keeps " + argument(Arg.Fn, Arg.Index) + " in " +
         place(Place) + " after returning to Go, which may free it";
}

std::string ReportText::noEscapeStores(const GoArg &Arg, StringRef Promise,
                                       const OutlivingPlace &Place) const {
  return promise(Arg.Fn, "noescape", Promise) + " but stores " +
         argument(Arg.Fn, Arg.Index) + " in " + place(Place);
}

std::string ReportText::noEscapeReturns(const GoArg &Arg,
                                        StringRef Promise) const {
  return promise(Arg.Fn, "noescape", Promise) + " but returns " +
         argument(Arg.Fn, Arg.Index);
}

std::string ReportText::noEscapePasses(const GoArg &Arg, StringRef Promise,
                                       const FunctionDecl *Export) const {
  return promise(Arg.Fn, "noescape", Promise) + " but passes " +
         argument(Arg.Fn, Arg.Index) + " to Go export " + quoted(Export);
}

std::string ReportText::noCallbackCalls(const FunctionDecl *Fn,
                                        StringRef Promise,
                                        const FunctionDecl *Export,
                                        const FunctionDecl *Through) const {
  std::string Msg = promise(Fn, "nocallback", Promise) +
                    " but calls Go export " + quoted(Export);
  if (Through && Through != Fn)
    Msg += " through " + quoted(Through);
  return Msg;
}

//===----------------------------------------------------------------------===//
// Path notes
//===----------------------------------------------------------------------===//

std::string ReportText::allocated(const FunctionDecl *Allocator) const {
  std::string Msg = "Memory is allocated";
  if (Allocator)
    Msg += " by " + quoted(Allocator);
  return Msg;
}

std::string ReportText::released(const FunctionDecl *Deallocator) const {
  std::string Msg = "Memory is released";
  if (Deallocator)
    Msg += " by " + quoted(Deallocator);
  return Msg;
}

std::string ReportText::reallocated() const {
  return "Memory is reallocated; the old block is released";
}

std::string ReportText::movedBy(const FunctionDecl *Mover) const {
  return "Memory may be moved by " + quoted(Mover);
}

std::string ReportText::keptByLibrary(const FunctionDecl *Callee, unsigned Arg,
                                      const Effect &Fact) const {
  return quoted(Callee) + ", which keeps " + argument(Callee, Arg) + " (" +
         Fact.Source.describe() + ")";
}

std::string ReportText::remoteHold(const RemoteHold &H,
                                   StringRef Releasing) const {
  std::string Msg = "Handed to Go in '" + H.Function + "'";
  if (!H.File.empty())
    Msg += " at " + llvm::sys::path::filename(H.File).str() + ":" +
           std::to_string(H.Line);
  Msg += " (" + H.Path + ", to Go export '" + H.Export + "')";
  if (Releasing.empty())
    return Msg + "; no Go export that releases it is called before this free";
  return Msg + "; " + Releasing.str() +
         ", which releases it, is not called before this free";
}

std::string ReportText::retained(const FunctionDecl *Export, unsigned Index,
                                 StringRef Evidence) const {
  return quoted(Export) + " keeps " + argument(Export, Index) + ": " +
         Evidence.str();
}

std::string ReportText::goArgumentStored(const GoArg &Arg) const {
  return "Go's pointer, " + argument(Arg.Fn, Arg.Index) + " of " +
         quoted(Arg.Fn) + ", is stored here";
}

//===----------------------------------------------------------------------===//
// AllocationNote
//===----------------------------------------------------------------------===//

void AllocationNote::Profile(llvm::FoldingSetNodeID &ID) const {
  static int Tag;
  ID.AddPointer(&Tag);
  ID.AddPointer(Sym);
}

PathDiagnosticPieceRef AllocationNote::VisitNode(const ExplodedNode *N,
                                                 BugReporterContext &BRC,
                                                 PathSensitiveBugReport &) {
  const auto *SC = dyn_cast<SymbolConjured>(Sym);
  if (Done || !SC)
    return nullptr;
  const auto *CE = dyn_cast_or_null<CallExpr>(SC->getStmt());
  std::optional<PostStmt> PS = compat::toStd(N->getLocationAs<PostStmt>());
  if (!CE || !PS || PS->getStmt() != CE || baseSymbol(N->getSVal(CE)) != Sym)
    return nullptr;
  std::optional<std::string> Msg = Chk.allocationNote(*CE);
  if (!Msg)
    return nullptr;
  Done = true;
  PathDiagnosticLocation L(CE, BRC.getSourceManager(), N->getLocationContext());
  return std::make_shared<PathDiagnosticEventPiece>(L, *Msg);
}

} // namespace cgo
