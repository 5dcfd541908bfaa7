//===- CgoLifetimeChecker.cpp - Pointer lifetimes across cgo ----*- C++ -*-===//
//
// Finds pointer-lifetime bugs at the cgo boundary, on the C side:
//
//   cgo.FreedToGo         freed C memory reaches Go;
//   cgo.FreeWhileGoHolds  C frees (or moves, or pops) memory that Go keeps;
//   cgo.KeepsGoArgument   a Go-called C function keeps a pointer Go gave it;
//   cgo.NoEscapePromise   a function under `#cgo noescape` keeps, returns or
//                         passes to Go a pointer argument (Go 1.24+);
//   cgo.NoCallbackPromise a function under `#cgo nocallback` calls into Go.
//
// Which functions and globals cross into Go is BoundaryModel's business; this
// file only tracks lifetimes along paths.
//
// State per symbol (the base symbol of a pointer's region, so that `p`,
// `p + 8` and `&p->field` share it):
//
//              free / realloc / deallocator
//   (untracked) ---------------------------------> Released
//        |                                            |
//        | passed to a Go export that retains it      | reaches Go: as an export
//        v                                            | argument, a Go-called
//     HeldByGo ----- call of a releasing export ----> | function's result or
//        |           (Go dropped its reference)       | out-parameter, a Go-read
//        |                                (untracked) | global
//        | free / realloc / deallocator               v
//        +---------------------------> report cgo.FreeWhileGoHolds  /  cgo.FreedToGo
//
// Stack memory handed to a retaining export is kept per region
// (CgoHeldStack); its frame returning is reported as cgo.FreeWhileGoHolds.
//
// What a Go-called frame writes through its pointer parameters (CgoOutStores)
// is Go's to read when the frame returns: a freed pointer there is reported.
//
// A pointer parameter of a Go-called frame is Go's (CgoGoArgs), unless the
// function takes ownership of it or Go passes an integer there (a handle:
// manifest handle_args). Storing it where it outlives the call records the
// place (CgoKept); if the place still holds it when the frame returns to Go,
// cgo.KeepsGoArgument reports it, or cgo.NoEscapePromise when the function
// promised `#cgo noescape` (one report, the more specific one). Under that
// promise, returning the argument or passing it to a Go export breaks it too.
// A call of a Go export while any frame on the stack runs a function under
// `#cgo nocallback` (entered from Go) breaks that promise.
//
// Reports end the path (memory is corrupt from there on, or Go panics),
// except cgo.KeepsGoArgument's, which is found at a frame's end. Our
// callbacks run before unix.Malloc's (checkers run in the order of their full names, and
// "cgo" sorts first), so where unix.Malloc would report the same event in
// generic words, the cgo report, which names Go, is the only one.
//
//===----------------------------------------------------------------------===//

#include "CgoLifetimeChecker.h"

#include "clang/AST/Attr.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/BugReporter/CommonBugCategories.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace ento;

namespace {

/// What we know about one block of C memory, keyed by its base symbol.
class RefState {
public:
  enum Kind { Released, HeldByGo };

  static RefState released() { return RefState(Released, nullptr, 0); }
  static RefState heldByGo(const FunctionDecl *Export, unsigned Index) {
    return RefState(HeldByGo, Export, Index);
  }

  bool isReleased() const { return K == Released; }
  bool isHeldByGo() const { return K == HeldByGo; }
  const FunctionDecl *exportFn() const { return Export; }
  unsigned index() const { return Index; }

  bool operator==(const RefState &O) const {
    return K == O.K && Export == O.Export && Index == O.Index;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(K);
    ID.AddPointer(Export);
    ID.AddInteger(Index);
  }

private:
  RefState(Kind K, const FunctionDecl *Export, unsigned Index)
      : K(K), Export(Export), Index(Index) {}
  Kind K;
  const FunctionDecl *Export; ///< HeldByGo: the export that keeps it.
  unsigned Index;             ///< HeldByGo: 0-based parameter position.
};

/// A retaining Go export that keeps a stack region.
struct HoldInfo {
  const FunctionDecl *Export;
  unsigned Index;
  bool operator==(const HoldInfo &O) const {
    return Export == O.Export && Index == O.Index;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Export);
    ID.AddInteger(Index);
  }
};

/// A pointer parameter of a Go-called frame: memory that Go owns.
struct GoArg {
  const FunctionDecl *Fn;
  unsigned Index;
  const StackFrameContext *Frame;
  SymbolRef Sym;
  bool operator==(const GoArg &O) const {
    return Fn == O.Fn && Index == O.Index && Frame == O.Frame && Sym == O.Sym;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddPointer(Fn);
    ID.AddInteger(Index);
    ID.AddPointer(Frame);
    ID.AddPointer(Sym);
  }
};

/// Where a freed pointer was found inside a value: "" or ".data", "[2]".
struct FreedHit {
  SymbolRef Sym = nullptr;
  std::string Path;
};

} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(CgoSymState, SymbolRef, RefState)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoHeldStack, const MemRegion *, HoldInfo)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoGoArgs, SymbolRef, GoArg)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoKept, const MemRegion *, GoArg)
REGISTER_MAP_WITH_PROGRAMSTATE(CgoOutStores, const MemRegion *, GoArg)

namespace cgo {

// How deep and wide we look into aggregates for pointers.
static constexpr unsigned MaxScanDepth = 3;
static constexpr unsigned MaxScanElements = 64;

/// The symbol of the block that \p V points into, if any.
static SymbolRef baseSymbol(SVal V) {
  const MemRegion *R = V.getAsRegion();
  if (!R)
    return nullptr;
  R = R->getBaseRegion();
  if (const auto *SR = dyn_cast<SymbolicRegion>(R))
    return SR->getSymbol();
  return nullptr;
}

static bool isDefinitelyNull(ProgramStateRef St, SVal V) {
  if (auto DV = V.getAs<DefinedOrUnknownSVal>())
    return St->isNull(*DV).isConstrainedTrue();
  return false;
}

static bool isGoReadable(const FunctionDecl *Fn, unsigned Index);

static bool isPointerish(QualType T) {
  return T->isAnyPointerType() || T->isArrayType() || T->isRecordType();
}

//===----------------------------------------------------------------------===//
// Looking for freed pointers inside values and regions.
//===----------------------------------------------------------------------===//

namespace {
class FreedFinder {
public:
  FreedFinder(CheckerContext &C, ProgramStateRef St) : C(C), St(St) {}

  /// A freed pointer in the value \p V of type \p T.
  std::optional<FreedHit> inValue(SVal V, QualType T) const {
    return value(V, T, "", 0);
  }

  /// A freed pointer stored in the typed region \p R, as of \p S.
  std::optional<FreedHit> inRegion(Store S, const TypedValueRegion *R) const {
    return region(S, R, R->getValueType(), "", 0);
  }

private:
  std::optional<FreedHit> loc(SVal V, StringRef Path) const {
    SymbolRef Sym = baseSymbol(V);
    if (!Sym)
      return std::nullopt;
    const RefState *RS = St->get<CgoSymState>(Sym);
    if (!RS || !RS->isReleased() || isDefinitelyNull(St, V))
      return std::nullopt;
    return FreedHit{Sym, Path.str()};
  }

  std::optional<FreedHit> value(SVal V, QualType T, StringRef Path,
                                unsigned Depth) const {
    if (V.getAs<Loc>())
      return loc(V, Path);
    if (Depth >= MaxScanDepth)
      return std::nullopt;
    if (auto LCV = V.getAs<nonloc::LazyCompoundVal>())
      return region(LCV->getStore(), LCV->getRegion(), T, Path, Depth);
    if (auto CV = V.getAs<nonloc::CompoundVal>())
      return compound(*CV, T, Path, Depth);
    return std::nullopt;
  }

  std::optional<FreedHit> compound(nonloc::CompoundVal CV, QualType T,
                                   StringRef Path, unsigned Depth) const {
    T = T.getCanonicalType();
    if (const RecordDecl *RD = T->getAsRecordDecl()) {
      auto FI = RD->field_begin();
      for (SVal Elt : CV) {
        if (FI == RD->field_end())
          break;
        const FieldDecl *FD = *FI++;
        std::string P = (Path + "." + FD->getName()).str();
        if (auto Hit = value(Elt, FD->getType(), P, Depth + 1))
          return Hit;
      }
      return std::nullopt;
    }
    if (const ArrayType *AT = T->getAsArrayTypeUnsafe()) {
      unsigned I = 0;
      for (SVal Elt : CV) {
        std::string P = (Path + "[" + llvm::Twine(I++) + "]").str();
        if (auto Hit = value(Elt, AT->getElementType(), P, Depth + 1))
          return Hit;
      }
    }
    return std::nullopt;
  }

  std::optional<FreedHit> region(Store S, const SubRegion *R, QualType T,
                                 StringRef Path, unsigned Depth) const {
    StoreManager &SM = C.getStoreManager();
    MemRegionManager &MRM = C.getSValBuilder().getRegionManager();
    T = T.getCanonicalType();
    if (T->isAnyPointerType())
      return loc(SM.getBinding(S, loc::MemRegionVal(R), T), Path);
    if (Depth >= MaxScanDepth)
      return std::nullopt;
    if (const RecordDecl *RD = T->getAsRecordDecl()) {
      if (!RD->isCompleteDefinition())
        return std::nullopt;
      for (const FieldDecl *FD : RD->fields()) {
        if (!isPointerish(FD->getType()))
          continue;
        std::string P = (Path + "." + FD->getName()).str();
        if (auto Hit = region(S, MRM.getFieldRegion(FD, R), FD->getType(), P,
                              Depth + 1))
          return Hit;
      }
      return std::nullopt;
    }
    if (const auto *CAT = C.getASTContext().getAsConstantArrayType(T)) {
      QualType ET = CAT->getElementType();
      if (!isPointerish(ET))
        return std::nullopt;
      uint64_t N = std::min<uint64_t>(CAT->getSize().getZExtValue(),
                                      MaxScanElements);
      SValBuilder &SVB = C.getSValBuilder();
      for (uint64_t I = 0; I < N; ++I) {
        NonLoc Idx = SVB.makeArrayIndex(I);
        const ElementRegion *ER =
            MRM.getElementRegion(ET, Idx, R, C.getASTContext());
        std::string P = (Path + "[" + llvm::Twine(I) + "]").str();
        if (auto Hit = region(S, ER, ET, P, Depth + 1))
          return Hit;
      }
    }
    return std::nullopt;
  }

  CheckerContext &C;
  ProgramStateRef St;
};

/// Finds a global binding whose value points into the block of \p Sym.
class GlobalReference : public StoreManager::BindingsHandler {
public:
  explicit GlobalReference(SymbolRef Sym) : Sym(Sym) {}
  bool HandleBinding(StoreManager &, Store, const MemRegion *R,
                     SVal V) override {
    if (isa<GlobalsSpaceRegion>(R->getBaseRegion()->getMemorySpace()) &&
        baseSymbol(V) == Sym) {
      Holder = R->getBaseRegion();
      return false;
    }
    return true;
  }
  SymbolRef Sym;
  const MemRegion *Holder = nullptr;
};
} // namespace

namespace {
/// Adds "Memory is allocated" where the block of a report's symbol came from
/// an allocator: the call that conjured the symbol.
class AllocationNote final : public BugReporterVisitor {
public:
  AllocationNote(SymbolRef Sym, const CgoLifetimeChecker &Chk)
      : Sym(Sym), Chk(Chk) {}

  void Profile(llvm::FoldingSetNodeID &ID) const override {
    static int Tag;
    ID.AddPointer(&Tag);
    ID.AddPointer(Sym);
  }

  PathDiagnosticPieceRef VisitNode(const ExplodedNode *N,
                                   BugReporterContext &BRC,
                                   PathSensitiveBugReport &) override {
    const auto *SC = dyn_cast<SymbolConjured>(Sym);
    if (Done || !SC)
      return nullptr;
    const auto *CE = dyn_cast_or_null<CallExpr>(SC->getStmt());
    std::optional<PostStmt> PS = N->getLocationAs<PostStmt>();
    if (!CE || !PS || PS->getStmt() != CE || baseSymbol(N->getSVal(CE)) != Sym)
      return nullptr;
    std::optional<std::string> Msg = Chk.allocationNote(*CE);
    if (!Msg)
      return nullptr;
    Done = true;
    PathDiagnosticLocation L(CE, BRC.getSourceManager(),
                             N->getLocationContext());
    return std::make_shared<PathDiagnosticEventPiece>(L, *Msg);
  }

private:
  SymbolRef Sym;
  const CgoLifetimeChecker &Chk;
  bool Done = false;
};
} // namespace

std::optional<std::string>
CgoLifetimeChecker::allocationNote(const CallExpr &CE) const {
  if (Allocators.containsAsWritten(CE))
    return std::string("Memory is allocated");
  const FunctionDecl *FD = CE.getDirectCallee();
  if (FD && Model.isExtraAllocator(FD))
    return "Memory is allocated by '" + FD->getNameAsString() + "'";
  return std::nullopt;
}

void CgoLifetimeChecker::noteAllocation(PathSensitiveBugReport &R,
                                        SymbolRef Sym) const {
  if (Sym && isa<SymbolConjured>(Sym))
    R.addVisitor<AllocationNote>(Sym, *this);
}

//===----------------------------------------------------------------------===//
// API modelling.
//===----------------------------------------------------------------------===//

CgoLifetimeChecker::CgoLifetimeChecker()
    : Allocators({
          {CDM::CLibrary, {"malloc"}, 1},
          {CDM::CLibrary, {"calloc"}, 2},
          {CDM::CLibrary, {"realloc"}, 2},
          {CDM::CLibrary, {"reallocarray"}, 3},
          {CDM::CLibrary, {"aligned_alloc"}, 2},
          {CDM::CLibrary, {"strdup"}, 1},
          {CDM::CLibrary, {"strndup"}, 2},
      }),
      Deallocators({
          {{CDM::CLibrary, {"free"}, 1}, Dealloc{0, false}},
          {{CDM::CLibrary, {"realloc"}, 2}, Dealloc{0, true}},
          {{CDM::CLibrary, {"reallocarray"}, 3}, Dealloc{0, true}},
      }) {}

/// The deallocation \p Call performs: (0-based argument, moves?) pairs.
llvm::SmallVector<CgoLifetimeChecker::Dealloc, 2>
CgoLifetimeChecker::deallocations(const CallEvent &Call) const {
  llvm::SmallVector<Dealloc, 2> Out;
  if (const Dealloc *D = Deallocators.lookup(Call))
    Out.push_back(*D);
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl()))
    for (unsigned I : Model.extraDeallocatorArgs(FD))
      if (I < Call.getNumArgs())
        Out.push_back(Dealloc{I, false});
  return Out;
}

//===----------------------------------------------------------------------===//
// Notes.
//===----------------------------------------------------------------------===//

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

const NoteTag *CgoLifetimeChecker::symbolNote(CheckerContext &C,
                                              SymbolRef Sym,
                                              std::string Msg) const {
  return C.getNoteTag([this, Sym, Msg](PathSensitiveBugReport &BR) {
    if (!isAnyOurReport(BR) || !BR.isInteresting(Sym))
      return std::string();
    return Msg;
  });
}

std::string CgoLifetimeChecker::retainNote(const FunctionDecl *Export,
                                           unsigned Index,
                                           const std::string &Evidence) const {
  return "'" + Export->getNameAsString() + "' keeps " +
         argumentText(Export, Index) + ": " + Evidence;
}

std::string CgoLifetimeChecker::argumentText(const FunctionDecl *FD,
                                             unsigned Index) const {
  std::string S = "its " + std::to_string(Index + 1) +
                  llvm::getOrdinalSuffix(Index + 1).str() + " argument";
  std::string PName = Model.paramName(FD, Index);
  if (!PName.empty())
    S += " '" + PName + "'";
  return S;
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
    St = St->set<CgoGoArgs>(Sym, GoArg{FD, I, SFC, Sym});
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
  if (Model.isGoExport(FD)) {
    if (checkNoCallback(FD, C) || checkNoEscapeToGo(Call, FD, C))
      return;
    checkArgumentsToGo(Call, FD, C);
    return;
  }
  for (const Dealloc &D : deallocations(Call))
    if (checkFreeOfHeld(Call, D, C))
      return;
}

/// Go runs during a call of an export: its arguments, and the globals it
/// reads, must not hold freed memory.
void CgoLifetimeChecker::checkArgumentsToGo(const CallEvent &Call,
                                            const FunctionDecl *FD,
                                            CheckerContext &C) const {
  if (!ChecksEnabled[CK_FreedToGo])
    return;
  ProgramStateRef St = C.getState();
  FreedFinder Finder(C, St);
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    const Expr *AE = Call.getArgExpr(I);
    QualType T = AE ? AE->getType() : QualType();
    if (T.isNull() || !isPointerish(T))
      continue;
    std::optional<FreedHit> Hit = Finder.inValue(Call.getArgSVal(I), T);
    if (!Hit)
      continue;
    std::string Msg;
    llvm::raw_string_ostream OS(Msg);
    OS << "Pointer to freed memory is passed to Go export '" << FD->getName()
       << "' as " << argumentText(FD, I);
    if (!Hit->Path.empty())
      OS << " (in field '" << StringRef(Hit->Path).drop_front() << "')";
    reportFreed(C, St, Hit->Sym, Msg, AE->getSourceRange());
    return;
  }
  checkGoGlobals(C, ("Go export '" + FD->getName() + "' is called").str());
}

/// Reports a Go-read global that holds freed memory at a moment Go can run.
bool CgoLifetimeChecker::checkGoGlobals(CheckerContext &C,
                                        const std::string &When) const {
  if (!ChecksEnabled[CK_FreedToGo] || Model.goGlobals().empty())
    return false;
  ProgramStateRef St = C.getState();
  FreedFinder Finder(C, St);
  MemRegionManager &MRM = C.getSValBuilder().getRegionManager();
  for (const VarDecl *VD : Model.goGlobals()) {
    const VarRegion *VR = MRM.getVarRegion(VD, C.getLocationContext());
    std::optional<FreedHit> Hit = Finder.inRegion(St->getStore(), VR);
    if (!Hit)
      continue;
    std::string Msg;
    llvm::raw_string_ostream OS(Msg);
    OS << "Go-read global '" << VD->getName() << Hit->Path
       << "' holds a pointer to freed memory when " << When;
    std::string Why = Model.goGlobalEvidence(VD);
    if (!Why.empty())
      OS << " (" << Why << ")";
    reportFreed(C, St, Hit->Sym, Msg, SourceRange());
    return true;
  }
  return false;
}

bool CgoLifetimeChecker::checkFreeOfHeld(const CallEvent &Call,
                                         const Dealloc &D,
                                         CheckerContext &C) const {
  if (!ChecksEnabled[CK_FreeWhileGoHolds])
    return false;
  ProgramStateRef St = C.getState();
  SVal Arg = Call.getArgSVal(D.Arg);
  SymbolRef Sym = baseSymbol(Arg);
  if (!Sym || isDefinitelyNull(St, Arg))
    return false;
  const RefState *RS = St->get<CgoSymState>(Sym);
  if (!RS || !RS->isHeldByGo())
    return false;
  ExplodedNode *N = C.generateErrorNode(St);
  if (!N)
    return true;
  std::string Msg;
  llvm::raw_string_ostream OS(Msg);
  const FunctionDecl *Export = RS->exportFn();
  if (D.Moves)
    OS << "Memory that Go still holds may be moved by '"
       << cast<FunctionDecl>(Call.getDecl())->getName() << "'";
  else
    OS << "Memory is freed while Go still holds it";
  OS << ": Go export '" << Export->getName() << "' kept "
     << argumentText(Export, RS->index());
  auto R = std::make_unique<PathSensitiveBugReport>(
      *BugTypes[CK_FreeWhileGoHolds], Msg, N);
  R->markInteresting(Sym);
  noteAllocation(*R, Sym);
  if (const Expr *AE = Call.getArgExpr(D.Arg))
    R->addRange(AE->getSourceRange());
  C.emitReport(std::move(R));
  return true;
}

void CgoLifetimeChecker::checkPostCall(const CallEvent &Call,
                                       CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD)
    return;
  if (Model.isGoExport(FD)) {
    modelExportCall(Call, FD, C);
    return;
  }
  ProgramStateRef St = C.getState();
  // Allocations change no state: the "Memory is allocated" note is found at
  // report time (AllocationNote), so that a program's every malloc does not
  // cost the analysis an extra node.
  for (const Dealloc &D : deallocations(Call)) {
    SVal Arg = Call.getArgSVal(D.Arg);
    SymbolRef Sym = baseSymbol(Arg);
    if (!Sym || isDefinitelyNull(St, Arg))
      continue;
    if (!D.Moves) {
      St = St->set<CgoSymState>(Sym, RefState::released());
      std::string Msg = "Memory is released";
      if (!Deallocators.lookup(Call))
        Msg += " by '" + FD->getName().str() + "'";
      C.addTransition(St, symbolNote(C, Sym, Msg));
      return;
    }
    // realloc: on success the old block is gone; on failure it stays.
    SVal Ret = Call.getReturnValue();
    auto DRet = Ret.getAs<DefinedOrUnknownSVal>();
    if (!DRet)
      return;
    ProgramStateRef Moved, Failed;
    std::tie(Moved, Failed) = St->assume(*DRet);
    if (Moved) {
      Moved = Moved->set<CgoSymState>(Sym, RefState::released());
      std::string Msg = "Memory is reallocated; the old block is released";
      C.addTransition(Moved, symbolNote(C, Sym, Msg));
    }
    if (Failed)
      C.addTransition(Failed);
    return;
  }
}

/// After a call of a Go export: record what Go now keeps and what it let go.
void CgoLifetimeChecker::modelExportCall(const CallEvent &Call,
                                         const FunctionDecl *FD,
                                         CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  llvm::SmallVector<std::pair<SymbolRef, std::string>, 2> Notes;
  const MemRegion *NotedRegion = nullptr;
  std::string RegionNote;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    Retention Ret = Model.retention(FD, I);
    if (Ret.Effect != ParamEffect::Retain && Ret.Effect != ParamEffect::Release)
      continue;
    SVal Arg = Call.getArgSVal(I);
    if (isDefinitelyNull(St, Arg))
      continue;
    const MemRegion *R = Arg.getAsRegion();
    if (!R)
      continue;
    const MemRegion *Base = R->getBaseRegion();
    SymbolRef Sym = baseSymbol(Arg);
    bool OnStack = isa<StackSpaceRegion>(Base->getMemorySpace());
    if (Ret.Effect == ParamEffect::Release) {
      if (Sym) {
        const RefState *RS = St->get<CgoSymState>(Sym);
        if (RS && RS->isHeldByGo())
          St = St->remove<CgoSymState>(Sym);
      }
      if (OnStack)
        St = St->remove<CgoHeldStack>(Base);
      continue;
    }
    std::string Note = retainNote(FD, I, Ret.Evidence);
    if (Sym) {
      const RefState *RS = St->get<CgoSymState>(Sym);
      if (RS && RS->isReleased())
        continue; // Already reported as cgo.FreedToGo (or disabled).
      St = St->set<CgoSymState>(Sym, RefState::heldByGo(FD, I));
      Notes.push_back({Sym, Note});
    } else if (OnStack) {
      St = St->set<CgoHeldStack>(Base, HoldInfo{FD, I});
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

/// Is the place \p Dest one that outlives a Go-called function's frame?
/// Returns how to name it.
std::optional<std::string>
CgoLifetimeChecker::outlivingPlace(ProgramStateRef St, const MemRegion *Dest,
                                   CheckerContext &C) const {
  const MemRegion *Base = Dest->getBaseRegion();
  const MemSpaceRegion *MS = Base->getMemorySpace();
  if (isa<GlobalsSpaceRegion>(MS)) {
    const auto *VR = dyn_cast<VarRegion>(Base);
    if (!VR)
      return std::nullopt;
    const VarDecl *VD = VR->getDecl();
    std::string Kind = VD->isStaticLocal() ? "static" : "global";
    std::string Name = Dest->canPrintPretty() ? Dest->getDescriptiveName(false)
                                              : VD->getName().str();
    return Kind + " '" + Name + "'";
  }
  const auto *SR = dyn_cast<SymbolicRegion>(Base);
  if (!SR)
    return std::nullopt;
  SymbolRef Sym = SR->getSymbol();
  // Memory that a global points to: `g_ctx->name = p`.
  if (const MemRegion *Origin = Sym->getOriginRegion()) {
    const MemRegion *OB = Origin->getBaseRegion();
    if (isa<GlobalsSpaceRegion>(OB->getMemorySpace()))
      if (const auto *VR = dyn_cast<VarRegion>(OB))
        return "memory reachable from global '" +
               VR->getDecl()->getName().str() + "'";
    return std::nullopt;
  }
  // A heap block that is still live and that a global points to.
  if (!isa<SymbolConjured>(Sym))
    return std::nullopt;
  const RefState *RS = St->get<CgoSymState>(Sym);
  if (RS && RS->isReleased())
    return std::nullopt;
  GlobalReference Finder(Sym);
  C.getStoreManager().iterBindings(St->getStore(), Finder);
  if (const auto *VR = dyn_cast_or_null<VarRegion>(Finder.Holder))
    return "heap memory reachable from global '" +
           VR->getDecl()->getName().str() + "'";
  return std::nullopt;
}

void CgoLifetimeChecker::checkBind(SVal Loc, SVal Val, const Stmt *S,
                                   CheckerContext &C) const {
  const MemRegion *Dest = Loc.getAsRegion();
  if (!Dest)
    return;
  ProgramStateRef St = C.getState();

  // The cgo wrapper writes the result for Go: `_cgo_a->r = _cgo_r;`.
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  if (ChecksEnabled[CK_FreedToGo] && Model.isCgoWrapper(Fn))
    if (const auto *FR = dyn_cast<FieldRegion>(Dest))
      if (FR->getDecl()->getName() == "r") {
        FreedFinder Finder(C, St);
        if (auto Hit = Finder.inValue(Val, FR->getValueType())) {
          std::string Msg = "Pointer to freed memory is returned to Go by "
                            "cgo wrapper '" +
                            Fn->getName().str() + "'";
          if (!Hit->Path.empty())
            Msg += " (in field '" + Hit->Path.substr(1) + "')";
          reportFreed(C, St, Hit->Sym, Msg, S ? S->getSourceRange()
                                                : SourceRange());
          return;
        }
      }

  const MemRegion *Base = Dest->getBaseRegion();
  const auto *BaseSym = dyn_cast<SymbolicRegion>(Base);
  const GoArg *Owner =
      BaseSym ? St->get<CgoGoArgs>(BaseSym->getSymbol()) : nullptr;

  // A store into what a Go-called frame's pointer parameter points to
  // (`*out = p`, `out->data = p`): Go reads that memory after the call, so
  // it is checked when the frame returns (checkOutParams). Only places this
  // code wrote count; memory Go handed in as a C object (a handle) is C's.
  if (Owner) {
    if (ChecksEnabled[CK_FreedToGo] && isGoReadable(Owner->Fn, Owner->Index))
      C.addTransition(St->set<CgoOutStores>(Dest, *Owner));
    return; // Go's memory, never a place where C keeps a pointer.
  }

  // A Go argument stored where it may outlive the call.
  if (!ChecksEnabled[CK_KeepsGoArgument] && !ChecksEnabled[CK_NoEscapePromise])
    return;
  SymbolRef Sym = baseSymbol(Val);
  if (!Sym)
    return;
  const GoArg *Arg = St->get<CgoGoArgs>(Sym);
  if (!Arg)
    return;
  bool MayOutlive = isa<GlobalsSpaceRegion>(Base->getMemorySpace()) ||
                    isa<HeapSpaceRegion>(Base->getMemorySpace()) || BaseSym;
  if (!MayOutlive || isa<StackSpaceRegion>(Base->getMemorySpace()))
    return;
  St = St->set<CgoKept>(Dest, *Arg);
  GoArg A = *Arg;
  std::string Note = "Go's pointer, " + argumentText(A.Fn, A.Index) + " of '" +
                     A.Fn->getName().str() + "', is stored here";
  const NoteTag *Tag =
      C.getNoteTag([this, Dest, Note](PathSensitiveBugReport &BR) {
        if ((!isOurReport(BR, CK_KeepsGoArgument) &&
             !isOurReport(BR, CK_NoEscapePromise)) ||
            !BR.isInteresting(Dest))
          return std::string();
        return Note;
      });
  C.addTransition(St, Tag);
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
  if (ChecksEnabled[CK_NoEscapePromise])
    if (std::optional<std::string> Where = Model.noEscapePromise(Fn))
      if (SymbolRef Sym = baseSymbol(C.getSVal(E)))
        if (const GoArg *A = St->get<CgoGoArgs>(Sym))
          if (A->Frame == SFC) {
            reportPromise(C, CK_NoEscapePromise,
                          promiseText(Fn, "noescape", *Where) + " but returns " +
                              argumentText(Fn, A->Index),
                          Sym, E->getSourceRange());
            return;
          }
  if (!ChecksEnabled[CK_FreedToGo])
    return;
  FreedFinder Finder(C, St);
  std::optional<FreedHit> Hit =
      Finder.inValue(C.getSVal(E), E->getType());
  if (!Hit)
    return;
  const auto *FD = cast<FunctionDecl>(SFC->getDecl());
  std::string Msg = "'" + FD->getName().str() +
                    "' returns a pointer to freed memory to Go";
  if (!Hit->Path.empty())
    Msg += " (in field '" + Hit->Path.substr(1) + "')";
  Msg += " (" + Why + ")";
  reportFreed(C, St, Hit->Sym, Msg, E->getSourceRange());
}

void CgoLifetimeChecker::checkEndFunction(const ReturnStmt *RS,
                                          CheckerContext &C) const {
  const StackFrameContext *SFC = C.getStackFrame();
  std::string Why;
  bool GoFrame = Model.isGoCalledFrame(SFC, &Why);
  if (GoFrame && checkOutParams(SFC, Why, C))
    return;
  if (checkHeldStack(SFC, C))
    return;
  if (GoFrame)
    checkKeptArgs(SFC, C);
  if (SFC->inTopFrame())
    checkGoGlobals(C, "control returns to " +
                          std::string(GoFrame ? "Go" : "the caller"));
}

/// Can Go read what parameter \p Index of \p Fn points to? A pointer to a
/// pointer (`char **out`) always; a pointer to a struct only when the struct
/// is defined where Go can see it (a header or the cgo preamble). A struct
/// defined in a .c file is a handle to Go (lmdb's MDB_txn): its fields are
/// C's business.
static bool isGoReadable(const FunctionDecl *Fn, unsigned Index) {
  if (Index >= Fn->getNumParams())
    return false;
  QualType Pointee = Fn->getParamDecl(Index)->getType()->getPointeeType();
  if (Pointee.isNull())
    return false;
  const RecordDecl *RD = Pointee->getAsRecordDecl();
  if (!RD)
    return true;
  RD = RD->getDefinition();
  if (!RD)
    return false;
  const SourceManager &SM = Fn->getASTContext().getSourceManager();
  PresumedLoc PL = SM.getPresumedLoc(RD->getLocation());
  if (PL.isInvalid())
    return false;
  StringRef File = PL.getFilename();
  return File.ends_with(".h") || File.ends_with(".go") ||
         File.ends_with(".hpp") || File.ends_with(".hh");
}

/// ".data", "[2]": how \p R lies inside the block its base region is.
static std::string pathInBlock(const MemRegion *R) {
  std::string Path;
  while (R) {
    if (const auto *FR = dyn_cast<FieldRegion>(R)) {
      Path = "." + FR->getDecl()->getNameAsString() + Path;
      R = FR->getSuperRegion();
      continue;
    }
    if (const auto *ER = dyn_cast<ElementRegion>(R)) {
      auto CI = ER->getIndex().getAs<nonloc::ConcreteInt>();
      bool Leading = isa<SymbolicRegion>(ER->getSuperRegion());
      if (!CI)
        Path = "[...]" + Path;
      else if (!(Leading && CI->getValue() == 0))
        Path = "[" + std::to_string(CI->getValue().getExtValue()) + "]" + Path;
      R = ER->getSuperRegion();
      continue;
    }
    break;
  }
  return Path;
}

/// A Go-called function leaves freed memory where its pointer parameters
/// point, which is Go's memory: `*out = p` after `free(p)`. Only the places
/// the function (or what it inlines) wrote are looked at.
bool CgoLifetimeChecker::checkOutParams(const StackFrameContext *SFC,
                                        const std::string &Why,
                                        CheckerContext &C) const {
  if (!ChecksEnabled[CK_FreedToGo])
    return false;
  ProgramStateRef St = C.getState();
  FreedFinder Finder(C, St);
  MemRegionManager &MRM = C.getSValBuilder().getRegionManager();
  for (const auto &Entry : St->get<CgoOutStores>()) {
    const GoArg &A = Entry.second;
    if (A.Frame != SFC)
      continue;
    const MemRegion *Dest = Entry.first;
    const TypedValueRegion *Slot = dyn_cast<TypedValueRegion>(Dest);
    if (const auto *SR = dyn_cast<SymbolicRegion>(Dest)) {
      QualType Pointee =
          A.Fn->getParamDecl(A.Index)->getType()->getPointeeType();
      if (Pointee.isNull() || !isPointerish(Pointee))
        continue;
      Slot = MRM.getElementRegion(Pointee, C.getSValBuilder().makeArrayIndex(0),
                                  SR, C.getASTContext());
    }
    if (!Slot)
      continue;
    std::optional<FreedHit> Hit = Finder.inRegion(St->getStore(), Slot);
    if (!Hit)
      continue;
    const ParmVarDecl *P = A.Fn->getParamDecl(A.Index);
    std::string Msg = "'" + A.Fn->getName().str() +
                      "' leaves a pointer to freed memory in '*" +
                      P->getName().str() + pathInBlock(Dest) + Hit->Path +
                      "' (" + argumentText(A.Fn, A.Index) +
                      "), which Go reads (" + Why + ")";
    reportFreed(C, St, Hit->Sym, Msg, SourceRange());
    return true;
  }
  return false;
}

/// Stack memory that Go keeps dies with its frame.
bool CgoLifetimeChecker::checkHeldStack(const StackFrameContext *SFC,
                                        CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  bool Changed = false;
  for (const auto &Entry : St->get<CgoHeldStack>()) {
    const MemRegion *R = Entry.first;
    const auto *MS = dyn_cast<StackSpaceRegion>(R->getMemorySpace());
    if (!MS || MS->getStackFrame() != SFC)
      continue;
    if (ChecksEnabled[CK_FreeWhileGoHolds]) {
      ExplodedNode *N = C.generateErrorNode(St);
      if (!N)
        return true;
      // The frame may be a function or, with -fblocks, a block.
      const auto *ND = dyn_cast_or_null<NamedDecl>(SFC->getDecl());
      std::string Frame =
          ND ? "'" + ND->getNameAsString() + "'" : std::string("the block");
      const HoldInfo &H = Entry.second;
      std::string Msg = "Stack memory " + R->getDescriptiveName() +
                        " is still held by Go when " + Frame +
                        " returns: Go export '" + H.Export->getName().str() +
                        "' kept " + argumentText(H.Export, H.Index);
      auto Rep = std::make_unique<PathSensitiveBugReport>(
          *BugTypes[CK_FreeWhileGoHolds], Msg, N);
      Rep->markInteresting(R);
      C.emitReport(std::move(Rep));
      return true;
    }
    St = St->remove<CgoHeldStack>(R);
    Changed = true;
  }
  if (Changed)
    C.addTransition(St);
  return false;
}

/// Reports Go arguments that the frame kept where they outlive it.
void CgoLifetimeChecker::checkKeptArgs(const StackFrameContext *SFC,
                                       CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  ExplodedNode *Pred = C.getPredecessor();
  bool Changed = false;
  for (const auto &Entry : St->get<CgoKept>()) {
    const MemRegion *Dest = Entry.first;
    const GoArg &A = Entry.second;
    if (A.Frame != SFC)
      continue;
    St = St->remove<CgoKept>(Dest);
    Changed = true;
    // Still there? Reassigned or cleared places are fine.
    if (baseSymbol(C.getState()->getSVal(Dest)) != A.Sym)
      continue;
    std::optional<std::string> Place = outlivingPlace(C.getState(), Dest, C);
    if (!Place)
      continue;
    ExplodedNode *N = C.generateNonFatalErrorNode(St, Pred);
    if (!N)
      continue;
    Pred = N;
    std::optional<std::string> Promise = Model.noEscapePromise(A.Fn);
    CheckKind K = Promise && ChecksEnabled[CK_NoEscapePromise]
                      ? CK_NoEscapePromise
                      : CK_KeepsGoArgument;
    if (!ChecksEnabled[K])
      continue;
    std::string Msg =
        K == CK_NoEscapePromise
            ? promiseText(A.Fn, "noescape", *Promise) + " but stores " +
                  argumentText(A.Fn, A.Index) + " in " + *Place
            : "'" + A.Fn->getName().str() + "' keeps " +
                  argumentText(A.Fn, A.Index) + " in " + *Place +
                  " after returning to Go, which may free it";
    auto Rep = std::make_unique<PathSensitiveBugReport>(*BugTypes[K], Msg, N);
    Rep->markInteresting(Dest);
    Rep->markInteresting(A.Sym);
    if (const auto *SR = dyn_cast<SymbolicRegion>(Dest->getBaseRegion()))
      noteAllocation(*Rep, SR->getSymbol());
    C.emitReport(std::move(Rep));
  }
  for (const auto &Entry : St->get<CgoGoArgs>())
    if (Entry.second.Frame == SFC) {
      St = St->remove<CgoGoArgs>(Entry.first);
      Changed = true;
    }
  for (const auto &Entry : St->get<CgoOutStores>())
    if (Entry.second.Frame == SFC) {
      St = St->remove<CgoOutStores>(Entry.first);
      Changed = true;
    }
  if (Changed)
    C.addTransition(St, Pred);
}

/// Allocators and deallocators named by the manifest or an option, when
/// their bodies are not available: they touch only the block they return or
/// release. Without this the analyzer would assume they may change every
/// global, and forget what Go-read globals hold.
bool CgoLifetimeChecker::evalCall(const CallEvent &Call,
                                  CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || FD->hasBody() || !Model.isConfiguredMemoryFunction(FD))
    return false;
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  if (!CE)
    return false;
  ProgramStateRef St = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  const LocationContext *LC = C.getLocationContext();
  QualType RT = FD->getReturnType();
  if (!RT->isVoidType()) {
    SVal Ret = RT->isAnyPointerType()
                   ? SVal(SVB.getConjuredHeapSymbolVal(CE, LC, C.blockCount()))
                   : SVal(SVB.conjureSymbolVal(nullptr, CE, LC, RT,
                                               C.blockCount()));
    if (!Model.isExtraAllocator(FD) && RT->isAnyPointerType())
      Ret = SVB.conjureSymbolVal(nullptr, CE, LC, RT, C.blockCount());
    St = St->BindExpr(CE, LC, Ret);
  }
  C.addTransition(St);
  return true;
}

/// What a Go-called frame's pointer parameters point to is Go's memory: Go
/// reads it after the call, so the analyzer must not forget what C stored
/// there (`*out = p`) just because the parameter is no longer used.
void CgoLifetimeChecker::checkLiveSymbols(ProgramStateRef St,
                                          SymbolReaper &SR) const {
  for (const auto &Entry : St->get<CgoGoArgs>())
    SR.markLive(Entry.first);
}

std::string CgoLifetimeChecker::promiseText(const FunctionDecl *FD,
                                            const char *Kind,
                                            const std::string &Where) const {
  return "'" + FD->getName().str() + "' is declared '#cgo " + Kind + "' " +
         Where;
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

/// A call of a Go export while a function under `#cgo nocallback`, entered
/// from Go, is on the stack (itself or through the callees it inlines).
bool CgoLifetimeChecker::checkNoCallback(const FunctionDecl *Export,
                                         CheckerContext &C) const {
  if (!ChecksEnabled[CK_NoCallbackPromise])
    return false;
  const FunctionDecl *Through = nullptr;
  for (const StackFrameContext *SFC = C.getStackFrame(); SFC;
       SFC = SFC->getParent() ? SFC->getParent()->getStackFrame() : nullptr) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(SFC->getDecl());
    if (!FD)
      continue;
    std::optional<std::string> Where = Model.noCallbackPromise(FD);
    if (!Where || !Model.isGoCalledFrame(SFC)) {
      if (!Through)
        Through = FD;
      continue;
    }
    std::string Msg = promiseText(FD, "nocallback", *Where) +
                      " but calls Go export '" + Export->getName().str() + "'";
    if (Through && Through != FD)
      Msg += " through '" + Through->getName().str() + "'";
    reportPromise(C, CK_NoCallbackPromise, Msg, nullptr, SourceRange());
    return true;
  }
  return false;
}

/// Under `#cgo noescape`, Go's pointer must not be handed back to Go.
bool CgoLifetimeChecker::checkNoEscapeToGo(const CallEvent &Call,
                                           const FunctionDecl *Export,
                                           CheckerContext &C) const {
  if (!ChecksEnabled[CK_NoEscapePromise])
    return false;
  ProgramStateRef St = C.getState();
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    SymbolRef Sym = baseSymbol(Call.getArgSVal(I));
    const GoArg *A = Sym ? St->get<CgoGoArgs>(Sym) : nullptr;
    if (!A)
      continue;
    std::optional<std::string> Where = Model.noEscapePromise(A->Fn);
    if (!Where)
      continue;
    const Expr *AE = Call.getArgExpr(I);
    reportPromise(C, CK_NoEscapePromise,
                  promiseText(A->Fn, "noescape", *Where) + " but passes " +
                      argumentText(A->Fn, A->Index) + " to Go export '" +
                      Export->getName().str() + "'",
                  Sym, AE ? AE->getSourceRange() : SourceRange());
    return true;
  }
  return false;
}

void CgoLifetimeChecker::checkDeadSymbols(SymbolReaper &SR,
                                          CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  bool Changed = false;
  for (const auto &Entry : St->get<CgoSymState>())
    if (SR.isDead(Entry.first)) {
      St = St->remove<CgoSymState>(Entry.first);
      Changed = true;
    }
  if (Changed)
    C.addTransition(St);
}

void CgoLifetimeChecker::reportFreed(CheckerContext &C, ProgramStateRef St,
                                     SymbolRef Sym, const std::string &Msg,
                                     SourceRange Range) const {
  ExplodedNode *N = C.generateErrorNode(St);
  if (!N)
    return;
  auto R = std::make_unique<PathSensitiveBugReport>(*BugTypes[CK_FreedToGo],
                                                    Msg, N);
  R->markInteresting(Sym);
  noteAllocation(*R, Sym);
  if (Range.isValid())
    R->addRange(Range);
  C.emitReport(std::move(R));
}

void CgoLifetimeChecker::printState(raw_ostream &Out, ProgramStateRef St,
                                    const char *NL, const char *Sep) const {
  auto Syms = St->get<CgoSymState>();
  if (Syms.isEmpty())
    return;
  Out << Sep << "cgo lifetimes:" << NL;
  for (const auto &E : Syms) {
    Out << "  " << E.first << " : "
        << (E.second.isReleased() ? "Released" : "HeldByGo") << NL;
  }
}

} // namespace cgo
