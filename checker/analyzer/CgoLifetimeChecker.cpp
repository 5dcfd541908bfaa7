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

#include "cgo-lifetime/Schema.h"

#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"

using namespace clang;
using namespace ento;

namespace cgo {

CgoLifetimeChecker::CgoLifetimeChecker(BoundaryFacts Facts)
    : Model(std::move(Facts)), Memory(buildMemoryFunctions(Model.facts())),
      Text(Model) {}

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

std::optional<std::string>
CgoLifetimeChecker::allocationNote(const CallExpr &CE) const {
  const MemoryFunction *M = Memory.lookupAsWritten(CE);
  if (M && M->LibraryAllocator)
    return Text.allocated(nullptr);
  const FunctionDecl *FD = CE.getDirectCallee();
  if (FD &&
      ((M && M->ConfiguredAllocator) || BoundaryModel::returnsOwnership(FD)))
    return Text.allocated(FD);
  return std::nullopt;
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
}

void CgoLifetimeChecker::checkBeginFunction(CheckerContext &C) const {
  const StackFrameContext *SFC = C.getStackFrame();
  if (!Model.isGoCalledFrame(SFC))
    return;
  const auto *FD = cast<FunctionDecl>(SFC->getDecl());
  ProgramStateRef St = C.getState();
  bool Changed = false;
  for (unsigned I = 0, E = FD->getNumParams(); I < E; ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!P->getType()->isAnyPointerType() || Model.takesOwnership(FD, I) ||
        Model.receivesHandle(FD, I))
      continue;
    SVal V = St->getSVal(St->getLValue(P, C.getLocationContext()));
    SymbolRef Sym = baseSymbol(V);
    if (!Sym)
      continue;
    St = setGoArg(St, Sym, GoArg{FD, I, SFC, Sym});
    Changed = true;
  }
  if (Changed)
    C.addTransition(St);
}

void CgoLifetimeChecker::checkPreCall(const CallEvent &Call,
                                      CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return;
  if (!Model.isGoExport(FD)) {
    if (!ChecksEnabled[CK_FreeWhileGoHolds])
      return;
    for (const Release &R : releases(Call))
      if (std::optional<HeldBlock> Held = findHeldBlockReleased(Call, R, C)) {
        const Expr *AE = Call.getArgExpr(R.Arg);
        return reportBlock(
            C, CK_FreeWhileGoHolds, Held->Sym,
            Text.freedWhileHeld(Held->State, R.Moves ? FD : nullptr),
            AE ? AE->getSourceRange() : SourceRange());
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
  if (!ChecksEnabled[CK_FreedToGo])
    return;
  if (std::optional<FreedArgument> Freed = findFreedArgument(Call, C))
    return reportBlock(C, CK_FreedToGo, Freed->Hit.Sym,
                       Text.freedArgumentToExport(FD, *Freed),
                       Call.getArgExpr(Freed->Index)->getSourceRange());
  reportFreedInGoGlobal(C, Text.whenExportIsCalled(FD));
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
}

/// After a call that releases argument \p R: the block is Released (for
/// realloc, only on the path where it moved).
void CgoLifetimeChecker::modelRelease(const CallEvent &Call, const Release &R,
                                      CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  SymbolRef Sym = baseSymbol(Call.getArgSVal(R.Arg));
  if (!R.Moves) {
    const auto *FD = cast<FunctionDecl>(Call.getDecl());
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
    C.addTransition(setBlockState(Moved, Sym, CgoBlockState::released()),
                    symbolNote(C, Sym, Text.reallocated()));
  if (Failed)
    C.addTransition(Failed);
}

/// After a call of a Go export: record what Go now keeps and what it let go.
void CgoLifetimeChecker::modelExportCall(const CallEvent &Call,
                                         const FunctionDecl *FD,
                                         CheckerContext &C) const {
  ProgramStateRef St = C.getState();
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
  modelStore(Dest, Val, C);
}

/// A store of \p Val to \p Dest in a Go-called frame: into Go's memory
/// (CgoOutStores), or of Go's pointer where it may outlive the call
/// (CgoKept).
void CgoLifetimeChecker::modelStore(RegionRef Dest, SVal Val,
                                    CheckerContext &C) const {
  ProgramStateRef St = C.getState();
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
    return; // Go's memory, never a place where C keeps a pointer.
  }
  // A Go argument stored where it may outlive the call.
  if (!ChecksEnabled[CK_KeepsGoArgument] && !ChecksEnabled[CK_NoEscapePromise])
    return;
  SymbolRef Sym = baseSymbol(Val);
  const GoArg *Arg = Sym ? getGoArg(St, Sym) : nullptr;
  if (!Arg)
    return;
  const MemSpaceRegion *MS = Base->getMemorySpace();
  bool MayOutlive =
      isa<GlobalsSpaceRegion>(MS) || isa<HeapSpaceRegion>(MS) || BaseSym;
  if (!MayOutlive || isa<StackSpaceRegion>(MS))
    return;
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
    finishGoCalledFrame(SFC, C);
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
    std::optional<OutlivingPlace> Place = outlivingPlace(C.getState(), Dest, C);
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
}

void CgoLifetimeChecker::checkDeadSymbols(SymbolReaper &SR,
                                          CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  bool Changed = false;
  for (const auto &Entry : blockStates(St))
    if (SR.isDead(Entry.first)) {
      St = removeBlockState(St, Entry.first);
      Changed = true;
    }
  if (Changed)
    C.addTransition(St);
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
                                     SourceRange Range) const {
  ExplodedNode *N = C.generateErrorNode();
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[K], Msg, N);
  R->markInteresting(Sym);
  noteAllocation(*R, Sym);
  if (Range.isValid())
    R->addRange(Range);
  C.emitReport(std::move(R));
}

/// If a Go-read global holds freed memory at a moment Go can run (\p When),
/// reports it.
void CgoLifetimeChecker::reportFreedInGoGlobal(CheckerContext &C,
                                               const std::string &When) const {
  if (!ChecksEnabled[CK_FreedToGo])
    return;
  if (std::optional<FreedGlobal> Freed = findFreedGlobal(Model.goGlobals(), C))
    reportBlock(C, CK_FreedToGo, Freed->Hit.Sym,
                Text.freedInGoGlobal(*Freed, When,
                                     Model.goGlobalEvidence(Freed->Global)),
                SourceRange());
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
