// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoScan.cpp - Looking into values and regions for cgo ----*- C++ -*-===//
//
// The queries of CgoScan.h: freed pointers inside values and regions, and
// places that outlive a Go-called frame.
//
//===----------------------------------------------------------------------===//

#include "CgoScan.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/Store.h"

using namespace clang;
using namespace ento;

namespace cgo {

// How deep and wide we look into aggregates for pointers.
static constexpr unsigned MaxScanDepth = 3;
static constexpr unsigned MaxScanElements = 64;

SymbolRef baseSymbol(SVal V) {
  const MemRegion *R = V.getAsRegion();
  if (!R)
    return nullptr;
  R = R->getBaseRegion();
  if (const auto *SR = dyn_cast<SymbolicRegion>(R))
    return SR->getSymbol();
  return nullptr;
}

bool isDefinitelyNull(ProgramStateRef St, SVal V) {
  if (auto DV = V.getAs<DefinedOrUnknownSVal>())
    return St->isNull(*DV).isConstrainedTrue();
  return false;
}

bool isPointerish(QualType T) {
  return T->isAnyPointerType() || T->isArrayType() || T->isRecordType();
}

//===----------------------------------------------------------------------===//
// FreedFinder.
//===----------------------------------------------------------------------===//

std::optional<FreedHit> FreedFinder::inValue(SVal V, QualType T) const {
  return value(V, T, "", 0);
}

std::optional<FreedHit> FreedFinder::inRegion(Store S,
                                              const TypedValueRegion *R) const {
  return region(S, R, R->getValueType(), "", 0);
}

std::optional<FreedHit> FreedFinder::loc(SVal V, StringRef Path) const {
  SymbolRef Sym = baseSymbol(V);
  if (!Sym)
    return std::nullopt;
  const CgoBlockState *BS = getBlockState(St, Sym);
  if (!BS || !BS->isReleased() || isDefinitelyNull(St, V))
    return std::nullopt;
  return FreedHit{Sym, Path.str()};
}

std::optional<FreedHit> FreedFinder::value(SVal V, QualType T, StringRef Path,
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

std::optional<FreedHit> FreedFinder::compound(nonloc::CompoundVal CV,
                                              QualType T, StringRef Path,
                                              unsigned Depth) const {
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

std::optional<FreedHit> FreedFinder::region(Store S, const SubRegion *R,
                                            QualType T, StringRef Path,
                                            unsigned Depth) const {
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
      if (auto Hit =
              region(S, MRM.getFieldRegion(FD, R), FD->getType(), P, Depth + 1))
        return Hit;
    }
    return std::nullopt;
  }
  if (const auto *CAT = C.getASTContext().getAsConstantArrayType(T)) {
    QualType ET = CAT->getElementType();
    if (!isPointerish(ET))
      return std::nullopt;
    uint64_t N =
        std::min<uint64_t>(CAT->getSize().getZExtValue(), MaxScanElements);
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

//===----------------------------------------------------------------------===//
// Where Go looks.
//===----------------------------------------------------------------------===//

std::optional<FreedArgument> findFreedArgument(const CallEvent &Call,
                                               CheckerContext &C) {
  FreedFinder Finder(C, C.getState());
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    const Expr *AE = Call.getArgExpr(I);
    QualType T = AE ? AE->getType() : QualType();
    if (T.isNull() || !isPointerish(T))
      continue;
    if (std::optional<FreedHit> Hit = Finder.inValue(Call.getArgSVal(I), T))
      return FreedArgument{I, std::move(*Hit)};
  }
  return std::nullopt;
}

std::optional<FreedGlobal> findFreedGlobal(ArrayRef<const VarDecl *> Globals,
                                           CheckerContext &C) {
  ProgramStateRef St = C.getState();
  FreedFinder Finder(C, St);
  MemRegionManager &MRM = C.getSValBuilder().getRegionManager();
  for (const VarDecl *VD : Globals) {
    const VarRegion *VR = MRM.getVarRegion(VD, C.getLocationContext());
    if (std::optional<FreedHit> Hit = Finder.inRegion(St->getStore(), VR))
      return FreedGlobal{VD, std::move(*Hit)};
  }
  return std::nullopt;
}

std::optional<FreedOutStore> findFreedOutStore(const StackFrameContext *SFC,
                                               CheckerContext &C) {
  ProgramStateRef St = C.getState();
  FreedFinder Finder(C, St);
  MemRegionManager &MRM = C.getSValBuilder().getRegionManager();
  for (const auto &Entry : outStores(St)) {
    const GoArg &A = Entry.second;
    if (A.Frame != SFC)
      continue;
    RegionRef Dest = Entry.first;
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
    if (std::optional<FreedHit> Hit = Finder.inRegion(St->getStore(), Slot))
      return FreedOutStore{A, Dest, std::move(*Hit)};
  }
  return std::nullopt;
}

std::optional<HeldBlock> findHeldBlockReleased(const CallEvent &Call,
                                               const Release &R,
                                               CheckerContext &C) {
  ProgramStateRef St = C.getState();
  SVal Arg = Call.getArgSVal(R.Arg);
  SymbolRef Sym = baseSymbol(Arg);
  if (!Sym || isDefinitelyNull(St, Arg))
    return std::nullopt;
  const CgoBlockState *BS = getBlockState(St, Sym);
  if (!BS || !BS->isHeldByGo())
    return std::nullopt;
  return HeldBlock{Sym, *BS};
}

std::optional<NoEscapeArgument>
findNoEscapeArgument(const CallEvent &Call, CheckerContext &C,
                     const BoundaryModel &Model) {
  ProgramStateRef St = C.getState();
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    SymbolRef Sym = baseSymbol(Call.getArgSVal(I));
    const GoArg *A = Sym ? getGoArg(St, Sym) : nullptr;
    if (!A)
      continue;
    if (std::optional<std::string> Promise = Model.noEscapePromise(A->Fn))
      return NoEscapeArgument{I, *A, *Promise};
  }
  return std::nullopt;
}

/// Itself or through the callees it inlines.
std::optional<NoCallbackBreach>
findBrokenNoCallback(CheckerContext &C, const BoundaryModel &Model) {
  const FunctionDecl *Through = nullptr;
  for (const StackFrameContext *SFC = C.getStackFrame(); SFC;
       SFC = SFC->getParent() ? SFC->getParent()->getStackFrame() : nullptr) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(SFC->getDecl());
    if (!FD)
      continue;
    std::optional<std::string> Where = Model.noCallbackPromise(FD);
    if (Where && Model.isGoCalledFrame(SFC))
      return NoCallbackBreach{FD, *Where, Through};
    if (!Through)
      Through = FD;
  }
  return std::nullopt;
}

std::string pathInBlock(RegionRef R) {
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

//===----------------------------------------------------------------------===//
// Places that outlive a frame.
//===----------------------------------------------------------------------===//

namespace {
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

std::optional<OutlivingPlace> outlivingPlace(ProgramStateRef St, RegionRef Dest,
                                             CheckerContext &C,
                                             const StackFrameContext *SFC,
                                             SymbolRef Ret) {
  const MemRegion *Base = Dest->getBaseRegion();
  const MemSpaceRegion *MS = Base->getMemorySpace();
  if (isa<GlobalsSpaceRegion>(MS)) {
    const auto *VR = dyn_cast<VarRegion>(Base);
    if (!VR)
      return std::nullopt;
    const VarDecl *VD = VR->getDecl();
    std::string Name = Dest->canPrintPretty() ? Dest->getDescriptiveName(false)
                                              : VD->getName().str();
    return OutlivingPlace{VD->isStaticLocal() ? OutlivingPlace::StaticLocal
                                              : OutlivingPlace::Global,
                          Name};
  }
  const auto *SR = dyn_cast<SymbolicRegion>(Base);
  if (!SR)
    return std::nullopt;
  SymbolRef Sym = SR->getSymbol();
  // A block the frame got from a call (an allocator) and gives away: it
  // returns it to Go, writes it where Go reads it, or hands it to a library
  // that keeps it.
  if (isa<SymbolConjured>(Sym)) {
    const CgoBlockState *BS = getBlockState(St, Sym);
    bool Live = !BS || !BS->isReleased();
    bool ToGo = Sym == Ret;
    for (const auto &Entry : outStores(St))
      if (!ToGo && Entry.second.Frame == SFC &&
          baseSymbol(St->getSVal(Entry.first)) == Sym)
        ToGo = true;
    std::string Field = pathInBlock(Dest);
    if (!Field.empty() && Field[0] == '.')
      Field = Field.substr(1);
    if (Live && ToGo)
      return OutlivingPlace{OutlivingPlace::ReturnedBlock, Field};
    if (const LibraryKeep *K = getLibraryKeep(St, Sym); K && Live)
      return OutlivingPlace{OutlivingPlace::LibraryKeptBlock, Field, K->Callee,
                            K->Arg, K->Fact};
  }
  // Memory that a global points to: `g_ctx->name = p`.
  if (const MemRegion *Origin = Sym->getOriginRegion()) {
    const MemRegion *OB = Origin->getBaseRegion();
    if (isa<GlobalsSpaceRegion>(OB->getMemorySpace()))
      if (const auto *VR = dyn_cast<VarRegion>(OB))
        return OutlivingPlace{OutlivingPlace::ReachableFromGlobal,
                              VR->getDecl()->getName().str()};
    return std::nullopt;
  }
  // A heap block that is still live and that a global points to.
  if (!isa<SymbolConjured>(Sym))
    return std::nullopt;
  const CgoBlockState *BS = getBlockState(St, Sym);
  if (BS && BS->isReleased())
    return std::nullopt;
  GlobalReference Finder(Sym);
  C.getStoreManager().iterBindings(St->getStore(), Finder);
  if (const auto *VR = dyn_cast_or_null<VarRegion>(Finder.Holder))
    return OutlivingPlace{OutlivingPlace::HeapReachableFromGlobal,
                          VR->getDecl()->getName().str()};
  return std::nullopt;
}

} // namespace cgo
