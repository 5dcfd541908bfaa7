// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- AccessPaths.cpp - Symbols and regions as access paths ----*- C++ -*-===//
//
// PathDescriber and evaluatePath of AccessPaths.h.
//
//===----------------------------------------------------------------------===//

#include "AccessPaths.h"

#include "CgoState.h"
#include "Compat.h"

#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"

using namespace clang;
using namespace ento;

namespace cgo {

// Paths longer than this are not worth naming (and recursion stays short).
static constexpr unsigned MaxPathDepth = 6;

std::string typeKey(QualType T) {
  if (T.isNull())
    return "";
  return T.getCanonicalType().getUnqualifiedType().getAsString();
}

/// "[3]" for a concrete index, "[*]" otherwise.
static std::string indexText(const ElementRegion *ER) {
  if (auto CI = ER->getIndex().getAs<nonloc::ConcreteInt>())
    return "[" + std::to_string(CI->getValue().getExtValue()) + "]";
  return "[*]";
}

static bool isZeroIndex(const ElementRegion *ER) {
  auto CI = ER->getIndex().getAs<nonloc::ConcreteInt>();
  return CI && CI->getValue() == 0;
}

/// A path that can take more selectors: `*$2->f` would mean `*($2->f)`.
static bool extensible(const std::optional<std::string> &P) {
  return P && !P->empty() && P->front() != '*';
}

unsigned PathDescriber::findParam(
    llvm::function_ref<bool(const FrameEffect &)> RecordedMatch,
    llvm::function_ref<bool(SVal)> ValueMatch) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Frame->getDecl());
  if (!FD)
    return 0;
  // An inlined frame's parameters as they began (SummaryBuilder): their
  // bindings go when they die.
  bool Recorded = false;
  for (const FrameEffect &E : frameEffects(St))
    if (E.K == FrameEffect::ParamValue && E.Frame == Frame) {
      Recorded = true;
      if (RecordedMatch(E))
        return E.Param;
    }
  if (Recorded)
    return 0;
  for (unsigned I = 0, E = FD->getNumParams(); I < E; ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (P->getType()->isAnyPointerType() &&
        ValueMatch(St->getSVal(St->getLValue(P, Frame))))
      return I + 1;
  }
  return 0;
}

unsigned PathDescriber::paramHolding(SymbolRef Sym) const {
  if (!Sym)
    return 0;
  return findParam([Sym](const FrameEffect &E) { return E.Sym == Sym; },
                   [Sym](SVal V) { return V.getAsSymbol() == Sym; });
}

unsigned PathDescriber::paramPointingTo(const MemRegion *R) const {
  if (!R)
    return 0;
  const MemRegion *Base = R->StripCasts();
  return findParam(
      [Base](const FrameEffect &E) { return E.Dest && E.Dest == Base; },
      [Base](SVal V) {
        const MemRegion *PR = V.getAsRegion();
        return PR && PR->StripCasts() == Base;
      });
}

std::optional<std::string> PathDescriber::symbol(SymbolRef Sym,
                                                 unsigned Depth) const {
  if (!Sym || Depth > MaxPathDepth)
    return std::nullopt;
  if (Ret && Sym == Ret)
    return std::string("$ret");
  // The region the value was loaded from, as the store names it.
  const TypedValueRegion *From = nullptr;
  if (const auto *RV = dyn_cast<SymbolRegionValue>(Sym)) {
    From = RV->getRegion();
    // A parameter's value when this frame began (top frames).
    if (const auto *VR = dyn_cast<VarRegion>(From))
      if (const auto *PVD = dyn_cast<ParmVarDecl>(VR->getDecl()))
        if (VR->getStackFrame() == Frame)
          return "$" + std::to_string(PVD->getFunctionScopeIndex() + 1);
  } else if (const auto *D = dyn_cast<SymbolDerived>(Sym)) {
    From = D->getRegion();
  }
  if (From)
    if (std::optional<std::string> P = region(From, Depth + 1))
      return P;
  // An inlined frame's parameter holds the caller's value.
  if (unsigned N = paramHolding(Sym))
    return "$" + std::to_string(N);
  return std::nullopt;
}

std::optional<std::string> PathDescriber::region(const MemRegion *R,
                                                 unsigned Depth) const {
  if (!R || Depth > MaxPathDepth)
    return std::nullopt;
  if (const auto *VR = dyn_cast<VarRegion>(R)) {
    const VarDecl *VD = VR->getDecl();
    if (VD->hasGlobalStorage() && VD->getIdentifier())
      return VD->getName().str();
    return std::nullopt;
  }
  if (const auto *SR = dyn_cast<SymbolicRegion>(R)) {
    std::optional<std::string> P = symbol(SR->getSymbol(), Depth + 1);
    if (!extensible(P))
      return std::nullopt;
    return "*" + *P;
  }
  if (const auto *FR = dyn_cast<FieldRegion>(R)) {
    const FieldDecl *FD = FR->getDecl();
    if (!FD->getIdentifier())
      return std::nullopt;
    std::string Name = FD->getName().str();
    const MemRegion *Super = FR->getSuperRegion();
    const MemRegion *Block = Super;
    if (const auto *ER = dyn_cast<ElementRegion>(Block))
      if (isZeroIndex(ER) && isa<SymbolicRegion>(ER->getSuperRegion()))
        Block = ER->getSuperRegion();
    if (const auto *SR = dyn_cast<SymbolicRegion>(Block)) {
      std::optional<std::string> P = symbol(SR->getSymbol(), Depth + 1);
      if (!extensible(P))
        return std::nullopt;
      return *P + "->" + Name;
    }
    if (unsigned N = paramPointingTo(Super))
      return "$" + std::to_string(N) + "->" + Name;
    std::optional<std::string> P = region(Super, Depth + 1);
    if (!extensible(P))
      return std::nullopt;
    return *P + "." + Name;
  }
  if (const auto *ER = dyn_cast<ElementRegion>(R)) {
    const MemRegion *Super = ER->getSuperRegion();
    if (const auto *SR = dyn_cast<SymbolicRegion>(Super)) {
      if (isZeroIndex(ER))
        return region(SR, Depth + 1);
      std::optional<std::string> P = symbol(SR->getSymbol(), Depth + 1);
      if (!extensible(P))
        return std::nullopt;
      return *P + indexText(ER);
    }
    if (unsigned N = paramPointingTo(Super))
      return "$" + std::to_string(N) + indexText(ER);
    std::optional<std::string> P = region(Super, Depth + 1);
    if (!extensible(P))
      return std::nullopt;
    return *P + indexText(ER);
  }
  return std::nullopt;
}

std::optional<std::string> PathDescriber::ofSymbol(SymbolRef Sym) const {
  return symbol(Sym, 0);
}

std::optional<std::string> PathDescriber::ofRegion(const MemRegion *R) const {
  return region(R, 0);
}

std::optional<std::string> PathDescriber::ofBlock(SVal V, bool *Exact) const {
  const MemRegion *R = V.getAsRegion();
  if (!R)
    return std::nullopt;
  const MemRegion *Base = R->getBaseRegion();
  if (Exact)
    *Exact = R->StripCasts() == Base;
  if (const auto *SR = dyn_cast<SymbolicRegion>(Base))
    return symbol(SR->getSymbol(), 0);
  if (const auto *VR = dyn_cast<VarRegion>(Base))
    if (VR->getDecl()->hasGlobalStorage())
      return region(VR, 0);
  if (unsigned N = paramPointingTo(Base))
    return "$" + std::to_string(N);
  return std::nullopt;
}

std::string PathDescriber::rootType(StringRef Path) const {
  std::optional<AccessPath> P = AccessPath::parse(Path);
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Frame->getDecl());
  if (!P || !FD)
    return "";
  if (P->Root == AccessPath::Param && P->Index <= FD->getNumParams())
    return typeKey(FD->getParamDecl(P->Index - 1)->getType());
  if (P->Root == AccessPath::Global) {
    ASTContext &Ctx = FD->getASTContext();
    for (const Decl *D :
         Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(P->GlobalName)))
      if (const auto *VD = dyn_cast<VarDecl>(D))
        return typeKey(VD->getType());
  }
  return "";
}

//===----------------------------------------------------------------------===//
// evaluatePath.
//===----------------------------------------------------------------------===//

namespace {
/// Where evaluation stands: an lvalue (a location of type T) or an rvalue
/// (a value of type T).
struct Cursor {
  SVal V;
  QualType T;
  bool LValue;
};
} // namespace

static const FieldDecl *fieldNamed(QualType Record, StringRef Name) {
  const RecordDecl *RD = Record.isNull() ? nullptr : Record->getAsRecordDecl();
  if (!RD || !(RD = RD->getDefinition()))
    return nullptr;
  for (const FieldDecl *F : RD->fields())
    if (F->getIdentifier() && F->getName() == Name)
      return F;
  return nullptr;
}

/// Loads the value of an lvalue cursor.
static Cursor rvalue(const Cursor &C, ProgramStateRef St) {
  if (!C.LValue)
    return C;
  if (C.T->isArrayType())
    return {C.V, C.T, false}; // An array decays to its address.
  return {St->getSVal(C.V.castAs<Loc>(), C.T), C.T, false};
}

std::optional<SVal>
evaluatePath(const AccessPath &P, ArrayRef<PathRoot> Args,
             std::optional<PathRoot> Ret, ProgramStateRef St,
             const LocationContext *LC, CheckerContext &C,
             const llvm::StringMap<const VarDecl *> &Globals) {
  Cursor Cur;
  switch (P.Root) {
  case AccessPath::Param:
    if (P.Index == 0 || P.Index > Args.size())
      return std::nullopt;
    Cur = {Args[P.Index - 1].Value, Args[P.Index - 1].Type, false};
    break;
  case AccessPath::Ret:
    if (!Ret)
      return std::nullopt;
    Cur = {Ret->Value, Ret->Type, false};
    break;
  case AccessPath::Global: {
    auto It = Globals.find(P.GlobalName);
    if (It == Globals.end())
      return std::nullopt;
    Cur = {St->getLValue(It->second, LC), It->second->getType(), true};
    break;
  }
  case AccessPath::Library:
    return std::nullopt;
  }
  if (Cur.T.isNull())
    return std::nullopt;
  SValBuilder &SVB = C.getSValBuilder();
  for (const AccessPath::Step &S : P.Steps) {
    switch (S.K) {
    case AccessPath::Step::Arrow: {
      Cursor Ptr = rvalue(Cur, St);
      QualType Pointee =
          Ptr.T->isAnyPointerType() ? Ptr.T->getPointeeType() : QualType();
      const FieldDecl *F = fieldNamed(Pointee, S.Field);
      if (!F || !Ptr.V.getAs<Loc>())
        return std::nullopt;
      Cur = {compat::fieldLValue(St, F, Ptr.V), F->getType(), true};
      break;
    }
    case AccessPath::Step::Dot: {
      const FieldDecl *F = fieldNamed(Cur.T, S.Field);
      if (!F || !Cur.LValue)
        return std::nullopt;
      Cur = {compat::fieldLValue(St, F, Cur.V), F->getType(), true};
      break;
    }
    case AccessPath::Step::Index: {
      QualType ET;
      SVal Base;
      if (Cur.LValue && Cur.T->isArrayType()) {
        ET = Cur.T->getAsArrayTypeUnsafe()->getElementType();
        Base = Cur.V;
      } else {
        Cursor Ptr = rvalue(Cur, St);
        if (!Ptr.T->isAnyPointerType())
          return std::nullopt;
        ET = Ptr.T->getPointeeType();
        Base = Ptr.V;
      }
      if (ET.isNull() || !Base.getAs<Loc>())
        return std::nullopt;
      Cur = {St->getLValue(ET, SVB.makeArrayIndex(S.N), Base), ET, true};
      break;
    }
    case AccessPath::Step::AnyIndex:
      return std::nullopt;
    }
    if (Cur.V.isUnknownOrUndef())
      return std::nullopt;
  }
  Cursor Out = rvalue(Cur, St);
  if (P.Deref) {
    if (!Out.T->isAnyPointerType() || !Out.V.getAs<Loc>())
      return std::nullopt;
    Out = rvalue({Out.V, Out.T->getPointeeType(), true}, St);
  }
  return Out.V;
}

} // namespace cgo
