// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoLifetimeChecker.cpp - Pointer lifetimes across cgo ----*- C++ -*-===//
//
// The callbacks of the C side's cgo checkers (Checkers.def): they follow C
// memory along each path and look at the moments it crosses into Go. Which
// functions and globals cross is BoundaryModel's business; what the state
// means, and when each report fires, is drawn in CgoState.h; the looking into
// values is CgoScan's; the words are CgoDiagnostics'.
//
//   FreedToGo          freed C memory reaches Go: an argument of a Go export,
//                      a Go-called function's result or out-parameter, the
//                      cgo wrapper's result, a Go-read global;
//   FreeWhileGoHolds   C frees, moves or pops memory that a Go export kept;
//   KeepsGoArgument    a Go-called function keeps a pointer Go gave it;
//   NoEscapePromise    a function under `#cgo noescape` keeps, returns or
//                      passes to Go a pointer argument (Go 1.24+);
//   NoCallbackPromise  a function under `#cgo nocallback` calls into Go.
//
// Reports end the path (memory is corrupt from there on, or Go panics),
// except KeepsGoArgument's and NoEscapePromise's "stores", found at a frame's
// end. Our callbacks run before unix.Malloc's (checkers run in the order of
// their full names, and "cgo" sorts first), so where unix.Malloc would report
// the same event in generic words, the cgo report, which names Go, is the
// only one.
//
//===----------------------------------------------------------------------===//

#include "CgoLifetimeChecker.h"

#include "AccessPaths.h"
#include "Compat.h"

#include "cgo-lifetime/Schema.h"

#include "clang/Basic/Version.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#ifndef CGO_LIFETIME_VERSION
#define CGO_LIFETIME_VERSION "0.0.0"
#endif

using namespace clang;
using namespace ento;

namespace cgo {

CgoLifetimeChecker::CgoLifetimeChecker(BoundaryFacts Facts,
                                       SummaryConfig Config)
    : Model(std::move(Facts)), Memory(buildMemoryFunctions(Model.facts())),
      Text(Model), Calls(std::move(Config.Table), Config.Rules), Builder(Model),
      SummaryOutput(std::move(Config.OutputPath)) {
  if (!SummaryOutput.empty())
    Builder.enable();
  // What Go-called functions hand to a retaining export and leave where C
  // storage reaches it: a field of a handle parameter, a global path.
  for (const FunctionSummary *S : Calls.table().computed()) {
    if (!S->GoCalled)
      continue;
    for (const Effect &E : S->Effects) {
      // A hand-over with a condition (on the paths where the function
      // succeeds) counts too: the later call assumes the earlier one took
      // those paths, as it did before conditions were written.
      if (E.Kind != EffectKind::ToGo || !E.Retained)
        continue;
      std::optional<AccessPath> P = AccessPath::parse(E.Path);
      if (!P || P->Deref ||
          llvm::any_of(P->Steps, [](const AccessPath::Step &St) {
            return St.K == AccessPath::Step::AnyIndex;
          }))
        continue;
      bool Param = P->Root == AccessPath::Param && !P->Steps.empty() &&
                   !E.RootType.empty();
      if (!Param && P->Root != AccessPath::Global)
        continue;
      RemoteHolds.push_back(RemoteHold{S->Name, E.Source.File, E.Source.Line,
                                       E.Export, E.Param, E.Path,
                                       Param ? E.RootType : ""});
    }
  }
  std::vector<std::string> Releasing;
  for (const auto &E : Model.facts().Exports)
    for (const auto &P : E.second.Params)
      if (P.second.Effect == ParamEffect::Release)
        Releasing.push_back(E.getKey().str());
  llvm::sort(Releasing);
  Releasing.erase(std::unique(Releasing.begin(), Releasing.end()),
                  Releasing.end());
  for (size_t I = 0; I < Releasing.size(); ++I)
    ReleasingExports += (I ? " or '" : "'") + Releasing[I] + "'";
}

//===----------------------------------------------------------------------===//
// Memory functions.
//===----------------------------------------------------------------------===//

SmallVector<Release, 2>
CgoLifetimeChecker::releases(const CallEvent &Call) const {
  SmallVector<Release, 2> Out;
  if (const MemoryFunction *M = Memory.lookup(Call))
    for (const Release &R : M->Releases)
      if (R.Arg < Call.getNumArgs())
        Out.push_back(R);
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
    for (unsigned I : Model.releasedByAttribute(FD))
      if (I < Call.getNumArgs())
        Out.push_back({I, /*Moves=*/false, /*Library=*/false});
  return Out;
}

/// The `returns fresh $ret` effect of \p S, if any.
static const Effect *freshReturn(const FunctionSummary *S) {
  if (S)
    for (const Effect &E : S->Effects)
      if (E.Kind == EffectKind::Returns && E.Own == Ownership::Fresh &&
          E.Path == "$ret" &&
          (E.Cond.empty() || (E.Cond.On == "$ret" && E.Cond.isNonZero())))
        return &E;
  return nullptr;
}

std::optional<std::string>
CgoLifetimeChecker::allocationNote(const CallExpr &CE) const {
  const MemoryFunction *M = Memory.lookupAsWritten(CE);
  if (M && M->LibraryAllocator)
    return Text.allocated(nullptr);
  const FunctionDecl *FD = CE.getDirectCallee();
  if (FD &&
      ((M && M->ConfiguredAllocator) || BoundaryModel::returnsOwnership(FD)))
    return Text.allocated(FD);
  if (const Effect *E = freshReturn(Calls.lookup(FD)))
    return Text.allocated(FD) + " (" + E->Source.describe() + ")";
  return std::nullopt;
}

std::optional<std::string>
CgoLifetimeChecker::allocatorOf(const CallExpr &CE) const {
  const MemoryFunction *M = Memory.lookupAsWritten(CE);
  if (M && (M->LibraryAllocator || M->ConfiguredAllocator))
    return std::string();
  const FunctionDecl *FD = CE.getDirectCallee();
  if (FD && BoundaryModel::returnsOwnership(FD))
    return std::string();
  if (const Effect *E = freshReturn(Calls.lookup(FD)))
    return E->ReleaseWith;
  return std::nullopt;
}

std::optional<std::string> CgoLifetimeChecker::freshBlock(ProgramStateRef St,
                                                          SymbolRef Sym) const {
  const auto *SC = dyn_cast_or_null<SymbolConjured>(Sym);
  const auto *CE = SC ? dyn_cast_or_null<CallExpr>(SC->getStmt()) : nullptr;
  if (!CE)
    return std::nullopt;
  const CgoBlockState *BS = getBlockState(St, Sym);
  if (BS && BS->isReleased())
    return std::nullopt;
  return allocatorOf(*CE);
}

/// Allocators and deallocators named by the manifest or an option, when
/// their bodies are not available: they touch only the block they return or
/// release. Without this the analyzer would assume they may change every
/// global, and forget what Go-read globals hold.
bool CgoLifetimeChecker::evalCall(const CallEvent &Call,
                                  CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const MemoryFunction *M = Memory.lookup(Call);
  if (!FD || FD->hasBody() || !M || !M->Configured)
    return false;
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return false;
  ProgramStateRef St = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  const LocationContext *LC = C.getLocationContext();
  QualType RT = FD->getReturnType();
  if (!RT->isVoidType()) {
    bool Allocator =
        M->ConfiguredAllocator || BoundaryModel::returnsOwnership(FD);
    SVal Ret =
        RT->isAnyPointerType() && Allocator
            ? SVal(SVB.getConjuredHeapSymbolVal(CE, LC, C.blockCount()))
            : SVal(SVB.conjureSymbolVal(nullptr, CE, LC, RT, C.blockCount()));
    St = St->BindExpr(CE, LC, Ret);
  }
  C.addTransition(St);
  return true;
}

//===----------------------------------------------------------------------===//
// Callbacks.
//===----------------------------------------------------------------------===//

void CgoLifetimeChecker::checkASTDecl(const TranslationUnitDecl *TU,
                                      AnalysisManager &Mgr,
                                      BugReporter &) const {
  Model.scanTranslationUnit(TU, Mgr.getSourceManager());
  if (!RemoteHolds.empty() || !Calls.table().empty())
    for (const Decl *D : TU->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->hasGlobalStorage() && VD->getIdentifier())
          Globals.try_emplace(VD->getName(), VD->getCanonicalDecl());
}

void CgoLifetimeChecker::checkBeginFunction(CheckerContext &C) const {
  const StackFrameContext *SFC = C.getStackFrame();
  ProgramStateRef St = Builder.recordParams(C.getState(), C);
  bool Changed = St != C.getState();
  if (!Model.isGoCalledFrame(SFC)) {
    if (Changed)
      C.addTransition(St);
    return;
  }
  const auto *FD = cast<FunctionDecl>(SFC->getDecl());
  for (unsigned I = 0, E = FD->getNumParams(); I < E; ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!P->getType()->isAnyPointerType() || Model.takesOwnership(FD, I) ||
        Model.receivesHandle(FD, I) || BoundaryModel::isOpaqueToGo(FD, I))
      continue;
    SVal V = St->getSVal(St->getLValue(P, C.getLocationContext()));
    SymbolRef Sym = baseSymbol(V);
    if (!Sym)
      continue;
    St = setGoArg(St, Sym, GoArg{FD, I, SFC, Sym});
    Changed = true;
  }
  ProgramStateRef Seeded = seedRemoteHolds(FD, St, C);
  if (Changed || Seeded != St)
    C.addTransition(Seeded);
}

ProgramStateRef CgoLifetimeChecker::seedRemoteHolds(const FunctionDecl *FD,
                                                    ProgramStateRef St,
                                                    CheckerContext &C) const {
  if (RemoteHolds.empty() || !ChecksEnabled[CK_FreeWhileGoHolds])
    return St;
  const LocationContext *LC = C.getLocationContext();
  SmallVector<PathRoot, 4> Args;
  for (const ParmVarDecl *P : FD->parameters())
    Args.push_back({St->getSVal(St->getLValue(P, LC)), P->getType()});
  auto Seed = [&](const AccessPath &P, const RemoteHold &H) {
    std::optional<SVal> V =
        evaluatePath(P, Args, std::nullopt, St, LC, C, Globals);
    SymbolRef Sym = V ? baseSymbol(*V) : nullptr;
    if (Sym && !isDefinitelyNull(St, *V) && !getBlockState(St, Sym))
      St = setBlockState(St, Sym, CgoBlockState::heldSince(&H));
  };
  for (const RemoteHold &H : RemoteHolds) {
    std::optional<AccessPath> P = AccessPath::parse(H.Path);
    if (!P)
      continue;
    if (P->Root == AccessPath::Global) {
      Seed(*P, H);
      continue;
    }
    for (unsigned I = 0, E = FD->getNumParams(); I < E; ++I)
      if (typeKey(FD->getParamDecl(I)->getType()) == H.RootType) {
        P->Index = I + 1;
        Seed(*P, H);
      }
  }
  return St;
}

void CgoLifetimeChecker::checkPreCall(const CallEvent &Call,
                                      CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return;
  if (!Model.isGoExport(FD)) {
    if (ChecksEnabled[CK_FreeWhileGoHolds])
      for (const Release &R : releases(Call))
        if (std::optional<HeldBlock> Held = findHeldBlockReleased(Call, R, C)) {
          const Expr *AE = Call.getArgExpr(R.Arg);
          return reportBlock(
              C, CK_FreeWhileGoHolds, Held->Sym,
              Text.freedWhileHeld(Held->State, R.Moves ? FD : nullptr),
              AE ? AE->getSourceRange() : SourceRange());
        }
    if (!Memory.lookup(Call))
      if (const FunctionSummary *S = Calls.lookup(FD)) {
        ProgramStateRef St = rememberPathsBeforeCall(Call, *S, C.getState(), C);
        if (St != C.getState())
          C.addTransition(St);
      }
    return;
  }
  // Go runs during the call of an export.
  if (ChecksEnabled[CK_NoCallbackPromise])
    if (std::optional<NoCallbackBreach> B = findBrokenNoCallback(C, Model))
      return reportPromise(
          C, CK_NoCallbackPromise,
          Text.noCallbackCalls(B->Promised, B->Where, FD, B->Through), nullptr,
          SourceRange());
  if (ChecksEnabled[CK_NoEscapePromise])
    if (std::optional<NoEscapeArgument> Arg =
            findNoEscapeArgument(Call, C, Model)) {
      const Expr *AE = Call.getArgExpr(Arg->Index);
      return reportPromise(C, CK_NoEscapePromise,
                           Text.noEscapePasses(Arg->Arg, Arg->Promise, FD),
                           Arg->Arg.Sym,
                           AE ? AE->getSourceRange() : SourceRange());
    }
  // Its arguments, and the globals Go reads, must not hold freed memory.
  if (ChecksEnabled[CK_FreedToGo]) {
    if (std::optional<FreedArgument> Freed = findFreedArgument(Call, C))
      return reportBlock(C, CK_FreedToGo, Freed->Hit.Sym,
                         Text.freedArgumentToExport(FD, *Freed),
                         Call.getArgExpr(Freed->Index)->getSourceRange());
    if (reportFreedInGoGlobal(C, Text.whenExportIsCalled(FD)))
      return;
  }
  // Where C storage holds what goes to Go, before the call's invalidation
  // forgets it (for the summaries).
  ProgramStateRef St = Builder.recordExportHolders(C.getState(), C, Call, FD);
  if (St != C.getState())
    C.addTransition(St);
}

void CgoLifetimeChecker::checkPostCall(const CallEvent &Call,
                                       CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return;
  if (Model.isGoExport(FD))
    return modelExportCall(Call, FD, C);
  // Allocations change no state: the "Memory is allocated" note is found at
  // report time (AllocationNote), so that a program's every malloc does not
  // cost the analysis an extra node.
  for (const Release &R : releases(Call)) {
    SVal Arg = Call.getArgSVal(R.Arg);
    if (baseSymbol(Arg) && !isDefinitelyNull(C.getState(), Arg))
      return modelRelease(Call, R, C);
  }
  // A function whose body did not run: its summary, model or shape rule.
  const FunctionSummary *S = Memory.lookup(Call) ? nullptr : Calls.lookup(FD);
  if (S && !C.wasInlined)
    return modelSummarizedCall(Call, *S, C);
  ProgramStateRef St = endLibraryKeeps(Call, C.getState());
  for (const PendingPath &P : pendingPaths(St))
    if (P.Call == Call.getOriginExpr() && P.Frame == C.getStackFrame())
      St = removePendingPath(St, P);
  if (St != C.getState())
    C.addTransition(St);
}

ProgramStateRef CgoLifetimeChecker::rememberPathsBeforeCall(
    const CallEvent &Call, const FunctionSummary &S, ProgramStateRef St,
    CheckerContext &C) const {
  SmallVector<PathRoot, 4> Args;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    const Expr *AE = Call.getArgExpr(I);
    Args.push_back({Call.getArgSVal(I), AE ? AE->getType() : QualType()});
  }
  for (unsigned I = 0, E = S.Effects.size(); I < E; ++I) {
    const Effect &Eff = S.Effects[I];
    if (Eff.Kind != EffectKind::Frees && Eff.Kind != EffectKind::Moves)
      continue;
    std::optional<AccessPath> P = AccessPath::parse(Eff.Path);
    if (!P || (P->Root == AccessPath::Param && !P->Deref && P->Steps.empty()))
      continue; // `$N` itself is the argument's value after the call too.
    std::optional<SVal> V = evaluatePath(*P, Args, std::nullopt, St,
                                         C.getLocationContext(), C, Globals);
    if (SymbolRef Sym = V ? baseSymbol(*V) : nullptr)
      if (!isDefinitelyNull(St, *V))
        St = addPendingPath(
            St, PendingPath{Call.getOriginExpr(), C.getStackFrame(), I, Sym});
  }
  return St;
}

ProgramStateRef CgoLifetimeChecker::endLibraryKeeps(const CallEvent &Call,
                                                    ProgramStateRef St) const {
  LibraryKeepMap Keeps = libraryKeeps(St);
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (Keeps.isEmpty() || !FD || !FD->getIdentifier())
    return St;
  StringRef Name = FD->getName();
  for (const auto &[Sym, K] : Keeps)
    for (const CallRef &U : K.Fact->Until) {
      if (!U.matchesName(Name))
        continue;
      if (U.Arg == 0 ||
          (U.Arg <= Call.getNumArgs() &&
           baseSymbol(Call.getArgSVal(U.Arg - 1)) == K.UntilValue) ||
          (U.Arg <= Call.getNumArgs() &&
           Call.getArgSVal(U.Arg - 1).getAsSymbol() == K.UntilValue)) {
        St = removeLibraryKeep(St, Sym);
        break;
      }
    }
  return St;
}

std::optional<std::pair<ProgramStateRef, ProgramStateRef>>
CgoLifetimeChecker::assumeCondition(const CallEvent &Call, const Condition &K,
                                    ProgramStateRef St,
                                    CheckerContext &C) const {
  SVal V;
  QualType T;
  if (K.On == "$ret") {
    V = Call.getReturnValue();
    T = Call.getResultType();
  } else {
    std::optional<AccessPath> P = AccessPath::parse(K.On);
    if (!P || P->Root != AccessPath::Param || P->Index > Call.getNumArgs())
      return std::nullopt;
    SVal Arg = Call.getArgSVal(P->Index - 1);
    const Expr *AE = Call.getArgExpr(P->Index - 1);
    if (!Arg.getAs<Loc>() || !AE || !AE->getType()->isAnyPointerType())
      return std::nullopt;
    T = AE->getType()->getPointeeType();
    V = St->getSVal(Arg.castAs<Loc>(), T);
  }
  if (V.isUnknownOrUndef() || T.isNull() ||
      !(T->isAnyPointerType() || T->isIntegralOrEnumerationType()))
    return std::nullopt;
  SValBuilder &SVB = C.getSValBuilder();
  SVal Test = V; // True where it is not zero.
  if (K.Is == "negative" || K.Is == "nonnegative")
    Test =
        SVB.evalBinOp(St, BO_LT, V, SVB.makeZeroVal(T), SVB.getConditionType());
  else if (K.Is == "positive")
    Test =
        SVB.evalBinOp(St, BO_GT, V, SVB.makeZeroVal(T), SVB.getConditionType());
  std::optional<DefinedOrUnknownSVal> D =
      compat::toStd(Test.getAs<DefinedOrUnknownSVal>());
  if (!D || Test.isUnknown())
    return std::nullopt;
  auto [True, False] = St->assume(*D);
  if (K.isZero() || K.Is == "nonnegative")
    return std::make_pair(False, True);
  return std::make_pair(True, False);
}

/// At a call whose body did not run: the effects of its summary or model.
/// Effects with a condition (`frees $1` where the result is 0) happen on the
/// outcomes where it holds: the call's state splits on each condition (at
/// most two), as on realloc's result; where a condition's value cannot be
/// told, its effects do not apply (they happen on some paths only).
void CgoLifetimeChecker::modelSummarizedCall(const CallEvent &Call,
                                             const FunctionSummary &S,
                                             CheckerContext &C) const {
  ProgramStateRef St = endLibraryKeeps(Call, C.getState());
  SmallVector<Condition, 2> Conds;
  for (const Effect &E : S.Effects)
    if (!E.Cond.empty() && Conds.size() < 2 &&
        !llvm::is_contained(Conds, E.Cond))
      Conds.push_back(E.Cond);
  struct Outcome {
    ProgramStateRef St;
    SmallVector<bool, 2> Holds; ///< Per condition: it holds here.
  };
  SmallVector<Outcome, 4> Outcomes{{St, {}}};
  for (const Condition &K : Conds) {
    SmallVector<Outcome, 4> Next;
    for (const Outcome &O : Outcomes) {
      auto Split = assumeCondition(Call, K, O.St, C);
      if (!Split) {
        Next.push_back(O);
        Next.back().Holds.push_back(false);
        continue;
      }
      for (bool Holds : {true, false})
        if (ProgramStateRef X = Holds ? Split->first : Split->second) {
          Next.push_back({X, O.Holds});
          Next.back().Holds.push_back(Holds);
        }
    }
    Outcomes = std::move(Next);
  }
  for (const Outcome &O : Outcomes)
    applySummaryEffects(
        Call, S, O.St,
        [&](const Effect &E) {
          if (E.Cond.empty())
            return true;
          const auto *It = llvm::find(Conds, E.Cond);
          return It != Conds.end() && O.Holds[It - Conds.begin()];
        },
        C);
}

void CgoLifetimeChecker::applySummaryEffects(
    const CallEvent &Call, const FunctionSummary &S, ProgramStateRef St,
    llvm::function_ref<bool(const Effect &)> Applies, CheckerContext &C) const {
  const auto *FD = cast<FunctionDecl>(Call.getDecl());
  SourceLocation Loc = Call.getSourceRange().getBegin();
  const Expr *Origin = Call.getOriginExpr();
  SmallVector<std::pair<SymbolRef, std::string>, 2> Notes;
  SmallVector<std::pair<SymbolRef, std::string>, 2> KeepNotes;
  for (unsigned I = 0, N = S.Effects.size(); I < N; ++I) {
    const Effect &E = S.Effects[I];
    std::optional<AccessPath> P = AccessPath::parse(E.Path);
    if (!P || !Applies(E))
      continue;
    bool Bare = P->Root == AccessPath::Param && !P->Deref && P->Steps.empty();
    // A computed release on some paths only (`if (c) free(p)`) is not taken
    // for one at the call: which path the callee takes is unknown here. A
    // model's `maybe` (sqlite3_close) is its author's call, and applies.
    if ((E.Kind == EffectKind::Frees || E.Kind == EffectKind::Moves) &&
        E.Source.K == FactSource::Computed && !E.Always)
      continue;
    if (E.Kind == EffectKind::Frees || E.Kind == EffectKind::Moves) {
      SymbolRef Sym = nullptr;
      if (Bare && P->Index <= Call.getNumArgs()) {
        SVal Arg = Call.getArgSVal(P->Index - 1);
        if (!isDefinitelyNull(St, Arg))
          Sym = baseSymbol(Arg);
      } else {
        for (const PendingPath &PP : pendingPaths(St))
          if (PP.Call == Origin && PP.Frame == C.getStackFrame() &&
              PP.EffectIndex == I)
            Sym = PP.Sym;
      }
      if (!Sym)
        continue;
      bool Moves = E.Kind == EffectKind::Moves;
      std::string Note =
          (Moves ? Text.movedBy(FD) : Text.released(FD)) + " (" +
          E.Source.describe() +
          (E.Cond.empty() ? "" : ", where " + E.Cond.describe()) + ")";
      const CgoBlockState *BS = getBlockState(St, Sym);
      if (BS && BS->isHeldByGo() && ChecksEnabled[CK_FreeWhileGoHolds])
        return reportBlock(C, CK_FreeWhileGoHolds, Sym,
                           Text.freedWhileHeld(*BS, Moves ? FD : nullptr),
                           Call.getSourceRange(), Note, St);
      if (BS && BS->isReleased())
        continue;
      St = setBlockState(St, Sym, CgoBlockState::released());
      St = Builder.recordRelease(St, C, Sym, Moves, !E.Always, Loc);
      Notes.push_back({Sym, Note});
      continue;
    }
    if (E.Kind == EffectKind::Keeps && Bare && P->Index <= Call.getNumArgs()) {
      SymbolRef Sym = baseSymbol(Call.getArgSVal(P->Index - 1));
      if (!Sym || isDefinitelyNull(St, Call.getArgSVal(P->Index - 1)))
        continue;
      // What ends the keeping: the `same_as` value, else the kept pointer.
      // What ends the keeping (docs/summaries.md): an `until` call whose
      // argument is the value of `same_as`, else of the root of `where`, else
      // (a library keeps it) of the keeping call's 1st argument.
      SymbolRef Until = nullptr;
      if (!E.Until.empty()) {
        std::string Anchor = E.Until.front().SameAs;
        if (Anchor.empty()) {
          std::optional<AccessPath> W = AccessPath::parse(E.Where);
          Anchor = W && W->Root == AccessPath::Param
                       ? "$" + std::to_string(W->Index)
                       : std::string("$1");
        }
        SmallVector<PathRoot, 4> Args;
        for (unsigned A = 0, AE = Call.getNumArgs(); A < AE; ++A)
          Args.push_back({Call.getArgSVal(A),
                          Call.getArgExpr(A) ? Call.getArgExpr(A)->getType()
                                             : QualType()});
        std::optional<AccessPath> SP = AccessPath::parse(Anchor);
        std::optional<SVal> V =
            SP ? evaluatePath(
                     *SP, Args,
                     PathRoot{Call.getReturnValue(), Call.getResultType()}, St,
                     C.getLocationContext(), C, Globals)
               : std::nullopt;
        Until = V ? V->getAsSymbol() : nullptr;
        if (!Until && V)
          Until = baseSymbol(*V);
      }
      LibraryKeep Keep{FD, P->Index - 1, &E, Until};
      St = setLibraryKeep(St, Sym, Keep);
      St = Builder.recordLibraryKeep(St, C, Sym, FD, E, Until, Loc);
      std::string Kept = Text.keptByLibrary(FD, P->Index - 1, E);
      KeepNotes.push_back({Sym, "Passed to " + Kept});
      // Go's pointers stored in the block are kept with it (the call's
      // invalidation of the block would hide them at the frame's end).
      for (const auto &[Place, A] : keptPlaces(St)) {
        const auto *Block = dyn_cast<SymbolicRegion>(Place->getBaseRegion());
        if (!Block || Block->getSymbol() != Sym || getLibraryKeep(St, A.Sym))
          continue;
        St = removeKeptPlace(St, Place);
        St = setLibraryKeep(St, A.Sym, Keep);
        std::string Field = pathInBlock(Place);
        KeepNotes.push_back(
            {A.Sym, "Passed, in a heap block" +
                        (Field.size() > 1 && Field[0] == '.'
                             ? " (field '" + Field.substr(1) + "')"
                             : std::string()) +
                        ", to " + Kept});
      }
    }
  }
  for (const PendingPath &PP : pendingPaths(St))
    if (PP.Call == Origin && PP.Frame == C.getStackFrame())
      St = removePendingPath(St, PP);
  if (Notes.empty() && KeepNotes.empty()) {
    C.addTransition(St);
    return;
  }
  const NoteTag *Tag =
      C.getNoteTag([this, Notes, KeepNotes](PathSensitiveBugReport &BR) {
        if (isOurReport(BR, CK_KeepsGoArgument))
          for (const auto &N : KeepNotes)
            if (BR.isInteresting(N.first))
              return N.second;
        if (isAnyOurReport(BR))
          for (const auto &N : Notes)
            if (BR.isInteresting(N.first))
              return N.second;
        return std::string();
      });
  C.addTransition(St, Tag);
}

/// After a call that releases argument \p R: the block is Released (for
/// realloc, only on the path where it moved).
void CgoLifetimeChecker::modelRelease(const CallEvent &Call, const Release &R,
                                      CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  SymbolRef Sym = baseSymbol(Call.getArgSVal(R.Arg));
  SourceLocation Loc = Call.getSourceRange().getBegin();
  if (!R.Moves) {
    const auto *FD = cast<FunctionDecl>(Call.getDecl());
    St = Builder.recordRelease(St, C, Sym, false, false, Loc);
    C.addTransition(
        setBlockState(St, Sym, CgoBlockState::released()),
        symbolNote(C, Sym, Text.released(R.Library ? nullptr : FD)));
    return;
  }
  // realloc: on success the old block is gone; on failure it stays.
  auto Ret = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
  if (!Ret)
    return;
  auto [Moved, Failed] = St->assume(*Ret);
  if (Moved)
    C.addTransition(
        setBlockState(Builder.recordRelease(Moved, C, Sym, true, false, Loc),
                      Sym, CgoBlockState::released()),
        symbolNote(C, Sym, Text.reallocated()));
  if (Failed)
    C.addTransition(Failed);
}

/// After a call of a Go export: record what Go now keeps and what it let go.
void CgoLifetimeChecker::modelExportCall(const CallEvent &Call,
                                         const FunctionDecl *FD,
                                         CheckerContext &C) const {
  ProgramStateRef St = Builder.recordExportCall(C.getState(), C, Call, FD);
  SmallVector<std::pair<SymbolRef, std::string>, 2> Notes;
  const MemRegion *NotedRegion = nullptr;
  std::string RegionNote;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    Retention Ret = Model.retention(FD, I);
    if (Ret.Effect != ParamEffect::Retain && Ret.Effect != ParamEffect::Release)
      continue;
    SVal Arg = Call.getArgSVal(I);
    const MemRegion *R = Arg.getAsRegion();
    if (isDefinitelyNull(St, Arg) || !R)
      continue;
    const MemRegion *Base = R->getBaseRegion();
    SymbolRef Sym = baseSymbol(Arg);
    bool OnStack = isa<StackSpaceRegion>(Base->getMemorySpace());
    const CgoBlockState *BS = Sym ? getBlockState(St, Sym) : nullptr;
    if (Ret.Effect == ParamEffect::Release) {
      if (BS && BS->isHeldByGo())
        St = removeBlockState(St, Sym);
      if (OnStack)
        St = removeStackHold(St, Base);
      continue;
    }
    std::string Note = Text.retained(FD, I, Ret.Evidence);
    if (Sym) {
      if (BS && BS->isReleased())
        continue; // Already reported as FreedToGo (or that is off).
      St = setBlockState(St, Sym, CgoBlockState::heldByGo(FD, I));
      Notes.push_back({Sym, Note});
    } else if (OnStack) {
      St = setStackHold(St, Base, GoHold{FD, I});
      NotedRegion = Base;
      RegionNote = Note;
    }
  }
  if (Notes.empty() && !NotedRegion) {
    C.addTransition(St);
    return;
  }
  const NoteTag *Tag = C.getNoteTag(
      [this, Notes, NotedRegion, RegionNote](PathSensitiveBugReport &BR) {
        if (!isOurReport(BR, CK_FreeWhileGoHolds))
          return std::string();
        for (const auto &N : Notes)
          if (BR.isInteresting(N.first))
            return N.second;
        if (NotedRegion && BR.isInteresting(NotedRegion))
          return RegionNote;
        return std::string();
      });
  C.addTransition(St, Tag);
}

void CgoLifetimeChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                   CheckerContext &C) const {
  const MemRegion *Dest = Loc.getAsRegion();
  if (!Dest)
    return;
  // The cgo wrapper writes the result for Go: `_cgo_a->r = _cgo_r;`.
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  const auto *FR = dyn_cast<FieldRegion>(Dest);
  if (ChecksEnabled[CK_FreedToGo] && Model.isCgoWrapper(Fn) && FR &&
      FR->getDecl()->getName() == CGO_WRAPPER_RESULT_MEMBER)
    if (std::optional<FreedHit> Hit =
            FreedFinder(C, C.getState()).inValue(Val, FR->getValueType()))
      return reportBlock(C, CK_FreedToGo, Hit->Sym,
                         Text.freedResultOfWrapper(Fn, *Hit),
                         S ? S->getSourceRange() : SourceRange());
  modelStore(Dest, Val, S, C);
}

/// A store of \p Val to \p Dest in a Go-called frame: into Go's memory
/// (CgoOutStores), or of Go's pointer where it may outlive the call
/// (CgoKept).
void CgoLifetimeChecker::modelStore(RegionRef Dest, SVal Val, const Stmt *S,
                                    CheckerContext &C) const {
  ProgramStateRef St = Builder.recordStore(
      C.getState(), C, Val, Dest, S ? S->getBeginLoc() : SourceLocation());
  bool Recorded = St != C.getState();
  const MemRegion *Base = Dest->getBaseRegion();
  const auto *BaseSym = dyn_cast<SymbolicRegion>(Base);
  // A store into what a Go-called frame's pointer parameter points to
  // (`*out = p`, `out->data = p`): Go reads that memory after the call, so
  // it is looked at when the frame returns (findFreedOutStore). Only places
  // this code wrote count; memory Go handed in as a C object (a handle) is
  // C's.
  if (const GoArg *Owner =
          BaseSym ? getGoArg(St, BaseSym->getSymbol()) : nullptr) {
    if (ChecksEnabled[CK_FreedToGo] &&
        BoundaryModel::isGoReadable(Owner->Fn, Owner->Index))
      C.addTransition(setOutStore(St, Dest, *Owner));
    else if (Recorded)
      C.addTransition(St);
    return; // Go's memory, never a place where C keeps a pointer.
  }
  auto Done = [&] {
    if (Recorded)
      C.addTransition(St);
  };
  // A Go argument stored where it may outlive the call.
  if (!ChecksEnabled[CK_KeepsGoArgument] && !ChecksEnabled[CK_NoEscapePromise])
    return Done();
  SymbolRef Sym = baseSymbol(Val);
  const GoArg *Arg = Sym ? getGoArg(St, Sym) : nullptr;
  if (!Arg)
    return Done();
  const MemSpaceRegion *MS = Base->getMemorySpace();
  bool MayOutlive =
      isa<GlobalsSpaceRegion>(MS) || isa<HeapSpaceRegion>(MS) || BaseSym;
  if (!MayOutlive || isa<StackSpaceRegion>(MS))
    return Done();
  std::string Note = Text.goArgumentStored(*Arg);
  const NoteTag *Tag =
      C.getNoteTag([this, Dest, Note](PathSensitiveBugReport &BR) {
        if ((!isOurReport(BR, CK_KeepsGoArgument) &&
             !isOurReport(BR, CK_NoEscapePromise)) ||
            !BR.isInteresting(Dest))
          return std::string();
        return Note;
      });
  C.addTransition(setKeptPlace(St, Dest, *Arg), Tag);
}

void CgoLifetimeChecker::checkPreStmt(const ReturnStmt *RS,
                                      CheckerContext &C) const {
  const Expr *E = RS->getRetValue();
  if (!E)
    return;
  const StackFrameContext *SFC = C.getStackFrame();
  std::string Why;
  if (!Model.isGoCalledFrame(SFC, &Why))
    return;
  ProgramStateRef St = C.getState();
  const auto *Fn = cast<FunctionDecl>(SFC->getDecl());
  SVal V = C.getSVal(E);
  if (ChecksEnabled[CK_NoEscapePromise])
    if (std::optional<std::string> Promise = Model.noEscapePromise(Fn))
      if (SymbolRef Sym = baseSymbol(V))
        if (const GoArg *A = getGoArg(St, Sym); A && A->Frame == SFC)
          return reportPromise(C, CK_NoEscapePromise,
                               Text.noEscapeReturns(*A, *Promise), Sym,
                               E->getSourceRange());
  if (!ChecksEnabled[CK_FreedToGo])
    return;
  if (std::optional<FreedHit> Hit = FreedFinder(C, St).inValue(V, E->getType()))
    reportBlock(C, CK_FreedToGo, Hit->Sym,
                Text.freedReturnedToGo(Fn, *Hit, Why), E->getSourceRange());
}

void CgoLifetimeChecker::checkEndFunction(const ReturnStmt *RS,
                                          CheckerContext &C) const {
  const StackFrameContext *SFC = C.getStackFrame();
  Builder.endFrame(RS, C, [this](ProgramStateRef St, SymbolRef Sym) {
    return freshBlock(St, Sym);
  });
  SymbolRef Ret = RS && RS->getRetValue()
                      ? baseSymbol(C.getSVal(RS->getRetValue()))
                      : nullptr;
  std::string Why;
  bool GoFrame = Model.isGoCalledFrame(SFC, &Why);
  // What the frame wrote through Go's pointers is Go's to read now.
  if (GoFrame && ChecksEnabled[CK_FreedToGo])
    if (std::optional<FreedOutStore> Freed = findFreedOutStore(SFC, C))
      return reportBlock(C, CK_FreedToGo, Freed->Hit.Sym,
                         Text.freedInOutParameter(*Freed, Why), SourceRange());
  // Stack memory that Go keeps dies with its frame.
  for (const auto &Entry : stackHolds(C.getState())) {
    const auto *MS = dyn_cast<StackSpaceRegion>(Entry.first->getMemorySpace());
    if (!MS || MS->getStackFrame() != SFC)
      continue;
    if (ChecksEnabled[CK_FreeWhileGoHolds])
      return reportStackHeld(C, Entry.first, Entry.second);
    ensureStackHoldsDropped(SFC, C);
    break;
  }
  if (GoFrame)
    finishGoCalledFrame(SFC, Ret, C);
  if (SFC->inTopFrame())
    reportFreedInGoGlobal(C, Text.whenControlReturns(GoFrame));
}

void CgoLifetimeChecker::ensureStackHoldsDropped(const StackFrameContext *SFC,
                                                 CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  for (const auto &Entry : stackHolds(St)) {
    const auto *MS = dyn_cast<StackSpaceRegion>(Entry.first->getMemorySpace());
    if (MS && MS->getStackFrame() == SFC)
      St = removeStackHold(St, Entry.first);
  }
  C.addTransition(St);
}

void CgoLifetimeChecker::finishGoCalledFrame(const StackFrameContext *SFC,
                                             SymbolRef Ret,
                                             CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  ExplodedNode *Pred = C.getPredecessor();
  bool Changed = false;
  for (const auto &Entry : keptPlaces(St)) {
    RegionRef Dest = Entry.first;
    const GoArg &A = Entry.second;
    if (A.Frame != SFC)
      continue;
    St = removeKeptPlace(St, Dest);
    Changed = true;
    // Still there? Reassigned or cleared places are fine.
    if (baseSymbol(C.getState()->getSVal(Dest)) != A.Sym)
      continue;
    std::optional<OutlivingPlace> Place =
        outlivingPlace(C.getState(), Dest, C, SFC, Ret);
    if (!Place)
      continue;
    ExplodedNode *N = C.generateNonFatalErrorNode(St, Pred);
    if (!N)
      continue;
    Pred = N;
    // One report, the more specific one.
    std::optional<std::string> Promise = Model.noEscapePromise(A.Fn);
    CheckKind K = Promise && ChecksEnabled[CK_NoEscapePromise]
                      ? CK_NoEscapePromise
                      : CK_KeepsGoArgument;
    if (!ChecksEnabled[K])
      continue;
    auto Rep = std::make_unique<PathSensitiveBugReport>(
        *BugTypes[K],
        K == CK_NoEscapePromise ? Text.noEscapeStores(A, *Promise, *Place)
                                : Text.keepsGoArgument(A, *Place),
        N);
    Rep->markInteresting(Dest);
    Rep->markInteresting(A.Sym);
    if (const auto *SR = dyn_cast<SymbolicRegion>(Dest->getBaseRegion()))
      noteAllocation(*Rep, SR->getSymbol());
    C.emitReport(std::move(Rep));
  }
  // Go's pointers that a library keeps (its model says so) after the
  // frame returns.
  for (const auto &[Sym, K] : libraryKeeps(St)) {
    const GoArg *A = getGoArg(St, Sym);
    if (!A || A->Frame != SFC)
      continue;
    St = removeLibraryKeep(St, Sym);
    Changed = true;
    ExplodedNode *N = C.generateNonFatalErrorNode(St, Pred);
    if (!N)
      continue;
    Pred = N;
    OutlivingPlace Place{OutlivingPlace::LibraryKept,
                         K.Callee->getNameAsString(), K.Callee, K.Arg, K.Fact};
    std::optional<std::string> Promise = Model.noEscapePromise(A->Fn);
    CheckKind Kind = Promise && ChecksEnabled[CK_NoEscapePromise]
                         ? CK_NoEscapePromise
                         : CK_KeepsGoArgument;
    if (!ChecksEnabled[Kind])
      continue;
    auto Rep = std::make_unique<PathSensitiveBugReport>(
        *BugTypes[Kind],
        Kind == CK_NoEscapePromise ? Text.noEscapeStores(*A, *Promise, Place)
                                   : Text.keepsGoArgument(*A, Place),
        N);
    Rep->markInteresting(Sym);
    C.emitReport(std::move(Rep));
  }
  for (const auto &Entry : goArgs(St))
    if (Entry.second.Frame == SFC) {
      St = removeGoArg(St, Entry.first);
      Changed = true;
    }
  for (const auto &Entry : outStores(St))
    if (Entry.second.Frame == SFC) {
      St = removeOutStore(St, Entry.first);
      Changed = true;
    }
  if (Changed)
    C.addTransition(St, Pred);
}

/// What a Go-called frame's pointer parameters point to is Go's memory: Go
/// reads it after the call, so the analyzer must not forget what C stored
/// there (`*out = p`) just because the parameter is no longer used.
void CgoLifetimeChecker::checkLiveSymbols(ProgramStateRef St,
                                          SymbolReaper &SR) const {
  for (const auto &Entry : goArgs(St))
    SR.markLive(Entry.first);
  // A block a library keeps is alive, and so is what is stored in it.
  for (const auto &Entry : libraryKeeps(St))
    SR.markLive(Entry.first);
  Builder.markLive(St, SR);
}

void CgoLifetimeChecker::checkDeadSymbols(SymbolReaper &SR,
                                          CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  for (const auto &Entry : blockStates(St))
    if (SR.isDead(Entry.first))
      St = removeBlockState(St, Entry.first);
  if (Builder.enabled())
    St = Builder.dropFinishedFrames(St, C.getLocationContext(), SR);
  if (St != C.getState())
    C.addTransition(St);
}

/// While summaries are computed: which paths' initial values a branch
/// found null (`if (h->name) free(h->name);` frees `$1->name` always).
ProgramStateRef CgoLifetimeChecker::evalAssume(ProgramStateRef St, SVal Cond,
                                               bool) const {
  return Builder.recordAssumption(St, Cond);
}

void CgoLifetimeChecker::checkEndAnalysis(ExplodedGraph &, BugReporter &,
                                          ExprEngine &) const {
  Builder.endAnalysis();
}

/// Writes \p Text to \p Path as the tools write their outputs: a regular
/// file (or a new path) whole or not at all, through a temporary file beside
/// it and a rename; a device or a FIFO in place; "-" to standard output.
static std::error_code writeWhole(StringRef Path, StringRef Text) {
  if (Path == "-") {
    llvm::outs() << Text;
    llvm::outs().flush();
    return {};
  }
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Path, Status) &&
      Status.type() != llvm::sys::fs::file_type::regular_file &&
      Status.type() != llvm::sys::fs::file_type::file_not_found) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
    if (EC)
      return EC;
    OS << Text;
    OS.close();
    return OS.error();
  }
  SmallString<256> Tmp;
  int FD;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%", FD, Tmp))
    return EC;
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    EC = OS.error();
    OS.clear_error();
  }
  if (!EC)
    EC = llvm::sys::fs::rename(Tmp, Path);
  if (EC)
    llvm::sys::fs::remove(Tmp);
  return EC;
}

void CgoLifetimeChecker::checkEndOfTranslationUnit(
    const TranslationUnitDecl *TU, AnalysisManager &Mgr,
    BugReporter &BR) const {
  if (DumpShapeRules) {
    std::vector<const FunctionSummary *> Shapes = Calls.shapeSummaries();
    std::vector<FunctionSummary> Copies;
    for (const FunctionSummary *S : Shapes)
      Copies.push_back(*S);
    dumpSummaries(llvm::errs(), Copies);
  }
  if (!Builder.enabled())
    return;
  std::vector<FunctionSummary> Sums = Builder.summaries();
  if (DumpSummaries)
    dumpSummaries(llvm::errs(), Sums);
  if (SummaryOutput.empty())
    return;
  std::string Generator =
      "cgo-lifetime " CGO_LIFETIME_VERSION " (clang " CLANG_VERSION_STRING ")";
  if (std::error_code EC = writeWhole(
          SummaryOutput, writeSummaries(std::move(Sums), Generator))) {
    DiagnosticsEngine &Diags = Mgr.getASTContext().getDiagnostics();
    unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0");
    Diags.Report(ID) << ("cgo-lifetime: cannot write the summaries to '" +
                         SummaryOutput + "': " + EC.message());
  }
}

void CgoLifetimeChecker::printState(raw_ostream &Out, ProgramStateRef St,
                                    const char *NL, const char *Sep) const {
  printCgoState(Out, St, NL, Sep);
}

//===----------------------------------------------------------------------===//
// Reports and notes.
//===----------------------------------------------------------------------===//

/// A report about the block of \p Sym: where it was allocated is noted.
void CgoLifetimeChecker::reportBlock(CheckerContext &C, CheckKind K,
                                     SymbolRef Sym, const std::string &Msg,
                                     SourceRange Range, const std::string &Why,
                                     ProgramStateRef St) const {
  ExplodedNode *N = C.generateErrorNode(St);
  if (!St)
    St = C.getState();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[K], Msg, N);
  // What released it, when a model or summary says so: the report's own
  // node carries no note tag (BugReporter's visitors start at its
  // predecessor), so it is a note of the report.
  if (!Why.empty() && Range.isValid())
    R->addNote(Why,
               PathDiagnosticLocation(Range.getBegin(), C.getSourceManager()));
  R->markInteresting(Sym);
  noteAllocation(*R, Sym);
  if (const CgoBlockState *BS = getBlockState(St, Sym))
    if (const RemoteHold *H = BS->remote())
      noteRemoteHold(*R, *H, C);
  if (Range.isValid())
    R->addRange(Range);
  C.emitReport(std::move(R));
}

/// If a Go-read global holds freed memory at a moment Go can run (\p When),
/// reports it.
bool CgoLifetimeChecker::reportFreedInGoGlobal(CheckerContext &C,
                                               const std::string &When) const {
  if (!ChecksEnabled[CK_FreedToGo])
    return false;
  std::optional<FreedGlobal> Freed = findFreedGlobal(Model.goGlobals(), C);
  if (!Freed)
    return false;
  reportBlock(
      C, CK_FreedToGo, Freed->Hit.Sym,
      Text.freedInGoGlobal(*Freed, When, Model.goGlobalEvidence(Freed->Global)),
      SourceRange());
  return true;
}

void CgoLifetimeChecker::reportStackHeld(CheckerContext &C, RegionRef Region,
                                         const GoHold &H) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(
      *BugTypes[CK_FreeWhileGoHolds],
      Text.stackHeldAtReturn(Region, C.getStackFrame(), H), N);
  R->markInteresting(Region);
  C.emitReport(std::move(R));
}

void CgoLifetimeChecker::reportPromise(CheckerContext &C, CheckKind K,
                                       const std::string &Msg, SymbolRef Sym,
                                       SourceRange Range) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[K], Msg, N);
  if (Sym)
    R->markInteresting(Sym);
  if (Range.isValid())
    R->addRange(Range);
  C.emitReport(std::move(R));
}

/// A location at \p File:\p Line for a note, if the file can be found (a
/// path relative to the directory clang runs in, as summaries name files).
static std::optional<PathDiagnosticLocation>
lineLocation(StringRef File, unsigned Line, const SourceManager &SMConst) {
  if (File.empty() || Line == 0)
    return std::nullopt;
  auto &SM = const_cast<SourceManager &>(SMConst);
  auto FE = SM.getFileManager().getOptionalFileRef(File);
  if (!FE)
    return std::nullopt;
  FileID FID = SM.translateFile(*FE);
  if (FID.isInvalid())
    FID = SM.createFileID(*FE, SourceLocation(), SrcMgr::C_User);
  SourceLocation L = SM.translateLineCol(FID, Line, 1);
  if (L.isInvalid())
    return std::nullopt;
  // At the line's first character that is not a blank.
  bool Invalid = false;
  const char *P = SM.getCharacterData(L, &Invalid);
  unsigned Skip = 0;
  while (!Invalid && (P[Skip] == ' ' || P[Skip] == '\t'))
    ++Skip;
  L = L.getLocWithOffset(Skip);
  return PathDiagnosticLocation(L, SM);
}

void CgoLifetimeChecker::noteRemoteHold(PathSensitiveBugReport &R,
                                        const RemoteHold &H,
                                        CheckerContext &C) const {
  std::string Msg = Text.remoteHold(H, ReleasingExports);
  if (std::optional<PathDiagnosticLocation> L =
          lineLocation(H.File, H.Line, C.getSourceManager()))
    R.addNote(Msg, *L);
  else
    R.addNote(Msg,
              PathDiagnosticLocation::create(C.getLocationContext()->getDecl(),
                                             C.getSourceManager()));
}

bool CgoLifetimeChecker::isOurReport(const PathSensitiveBugReport &BR,
                                     CheckKind K) const {
  return BugTypes[K] && &BR.getBugType() == BugTypes[K].get();
}

bool CgoLifetimeChecker::isAnyOurReport(
    const PathSensitiveBugReport &BR) const {
  for (unsigned K = 0; K < CK_NumKinds; ++K)
    if (isOurReport(BR, static_cast<CheckKind>(K)))
      return true;
  return false;
}

/// A note that speaks only on our reports about \p Sym.
const NoteTag *CgoLifetimeChecker::symbolNote(CheckerContext &C, SymbolRef Sym,
                                              std::string Msg) const {
  return C.getNoteTag([this, Sym, Msg](PathSensitiveBugReport &BR) {
    if (!isAnyOurReport(BR) || !BR.isInteresting(Sym))
      return std::string();
    return Msg;
  });
}

void CgoLifetimeChecker::noteAllocation(PathSensitiveBugReport &R,
                                        SymbolRef Sym) const {
  if (Sym && isa<SymbolConjured>(Sym))
    R.addVisitor<AllocationNote>(Sym, *this);
}

} // namespace cgo
