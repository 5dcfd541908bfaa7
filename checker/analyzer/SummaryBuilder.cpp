// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- SummaryBuilder.cpp - Computing function summaries --------*- C++ -*-===//
//
// The recording, the end-of-frame observation and the counting described in
// SummaryBuilder.h.
//
//===----------------------------------------------------------------------===//

#include "SummaryBuilder.h"

#include "AccessPaths.h"
#include "CgoScan.h"
#include "Compat.h"

#include "clang/Basic/SourceManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ConstraintManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SValBuilder.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/Store.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymbolManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <set>

using namespace clang;
using namespace ento;
using namespace llvm;

namespace cgo {

//===----------------------------------------------------------------------===//
// Helpers.
//===----------------------------------------------------------------------===//

bool SummaryBuilder::summarizable(const FunctionDecl *FD,
                                  const SourceManager &SM) const {
  if (!FD)
    return false;
  const Decl *Canon = FD->getCanonicalDecl();
  auto It = Summarizable.find(Canon);
  if (It != Summarizable.end())
    return It->second;
  bool Yes = false;
  const FunctionDecl *Def = nullptr;
  if (FD->getIdentifier() && FD->hasBody(Def) && Def) {
    StringRef Name = FD->getName();
    SourceLocation Loc = SM.getExpansionLoc(Def->getLocation());
    // Not cgo's own code: its wrappers, and its prologs in *.cgo2.c
    // (`#line 1 "cgo-builtin-prolog"`, `_GoStringLen`).
    PresumedLoc PL = SM.getPresumedLoc(Loc);
    bool Cgo = Model.isCgoWrapper(Def) || compat::startsWith(Name, "_cgo_") ||
               compat::startsWith(Name, "_Cfunc_") ||
               (PL.isValid() && compat::startsWith(PL.getFilename(), "cgo-"));
    Yes = SM.isInMainFile(Loc) && !Cgo;
  }
  Summarizable[Canon] = Yes;
  return Yes;
}

SmallVector<const StackFrameContext *, 4>
SummaryBuilder::frames(CheckerContext &C) const {
  SmallVector<const StackFrameContext *, 4> Out;
  for (const StackFrameContext *SFC = C.getStackFrame(); SFC;
       SFC = SFC->getParent() ? SFC->getParent()->getStackFrame() : nullptr)
    if (summarizable(dyn_cast_or_null<FunctionDecl>(SFC->getDecl()),
                     C.getSourceManager()))
      Out.push_back(SFC);
  return Out;
}

const char *SummaryBuilder::intern(StringRef S) const {
  return Interned.insert(S).first->getKeyData();
}

FactSource SummaryBuilder::sourceAt(SourceLocation Loc,
                                    const SourceManager &SM) const {
  FactSource S;
  S.K = FactSource::Computed;
  if (Loc.isInvalid())
    return S;
  PresumedLoc PL = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (PL.isInvalid())
    return S;
  // Relative to the directory clang runs in (the package's, under the
  // driver), so that the summaries do not depend on where the package is.
  StringRef File = PL.getFilename();
  auto Known = FileNames.find(File);
  if (Known == FileNames.end()) {
    if (CurrentDir.empty()) {
      SmallString<256> Dir;
      if (!llvm::sys::fs::current_path(Dir))
        CurrentDir = Dir.str().str();
    }
    SmallString<256> Abs(File);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    std::string Name = File.str();
    StringRef Rel = Abs;
    if (!CurrentDir.empty() && Rel.consume_front(CurrentDir) &&
        Rel.consume_front("/"))
      Name = Rel.str();
    Known = FileNames.insert({File, Name}).first;
  }
  S.File = Known->second;
  S.Line = PL.getLine();
  return S;
}

std::string SummaryBuilder::where(SourceLocation Loc,
                                  const SourceManager &SM) const {
  FactSource S = sourceAt(Loc, SM);
  if (S.File.empty())
    return "";
  return S.File + ":" + std::to_string(S.Line);
}

/// Is \p P rooted at a parameter?
static bool rootedAtParam(StringRef P) {
  P.consume_front("*");
  return compat::startsWith(P, "$") && !compat::startsWith(P, "$ret");
}

/// The root of a path, "$2" or "g_ctx".
static StringRef rootOf(StringRef P) {
  P.consume_front("*");
  return P.take_until([](char C) { return C == '-' || C == '.' || C == '['; });
}

static std::vector<std::string> holderPaths(ProgramStateRef St,
                                            CheckerContext &C,
                                            const StackFrameContext *SFC,
                                            SymbolRef Sym);

//===----------------------------------------------------------------------===//
// Recording.
//===----------------------------------------------------------------------===//

ProgramStateRef SummaryBuilder::recordRelease(ProgramStateRef St,
                                              CheckerContext &C, SymbolRef Sym,
                                              bool Moves, bool Maybe,
                                              SourceLocation Loc) const {
  if (!Enabled || !Sym)
    return St;
  for (const StackFrameContext *F : frames(C)) {
    std::optional<std::string> P = PathDescriber(St, F).ofSymbol(Sym);
    if (!P)
      continue;
    St = addFrameEffect(
        St, FrameEffect{Moves ? FrameEffect::Moves : FrameEffect::Frees, F,
                        intern(*P), nullptr, nullptr, nullptr, 0, Maybe,
                        Loc.getRawEncoding(), nullptr});
  }
  return St;
}

ProgramStateRef
SummaryBuilder::recordExportCall(ProgramStateRef St, CheckerContext &C,
                                 const CallEvent &Call,
                                 const FunctionDecl *Export) const {
  if (!Enabled)
    return St;
  auto Frames = frames(C);
  if (Frames.empty())
    return St;
  unsigned Loc = Call.getSourceRange().getBegin().getRawEncoding();
  bool Releases = false;
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    Retention R = Model.retention(Export, I);
    if (R.Effect == ParamEffect::Release)
      Releases = true;
    SymbolRef Sym = baseSymbol(Call.getArgSVal(I));
    if (!Sym)
      continue;
    for (const StackFrameContext *F : Frames)
      St = addFrameEffect(St, FrameEffect{FrameEffect::ToGo, F, nullptr, Sym,
                                          nullptr, Export, I + 1,
                                          R.Effect == ParamEffect::Retain, Loc,
                                          nullptr});
  }
  if (Releases)
    for (const StackFrameContext *F : Frames)
      St = addFrameEffect(St, FrameEffect{FrameEffect::Releases, F, nullptr,
                                          nullptr, nullptr, Export, 0, false,
                                          Loc, nullptr});
  return St;
}

ProgramStateRef
SummaryBuilder::recordExportHolders(ProgramStateRef St, CheckerContext &C,
                                    const CallEvent &Call,
                                    const FunctionDecl *Export) const {
  if (!Enabled)
    return St;
  auto Frames = frames(C);
  unsigned Loc = Call.getSourceRange().getBegin().getRawEncoding();
  for (unsigned I = 0, E = Call.getNumArgs(); I < E; ++I) {
    SymbolRef Sym = baseSymbol(Call.getArgSVal(I));
    if (!Sym)
      continue;
    bool Retained = Model.retention(Export, I).Effect == ParamEffect::Retain;
    for (const StackFrameContext *F : Frames)
      for (const std::string &H : holderPaths(St, C, F, Sym))
        St = addFrameEffect(St, FrameEffect{FrameEffect::ToGo, F, intern(H),
                                            Sym, nullptr, Export, I + 1,
                                            Retained, Loc, nullptr});
  }
  return St;
}

ProgramStateRef SummaryBuilder::recordStore(ProgramStateRef St,
                                            CheckerContext &C, SVal Val,
                                            RegionRef Dest,
                                            SourceLocation Loc) const {
  if (!Enabled || !Dest)
    return St;
  SymbolRef Sym = baseSymbol(Val);
  const MemRegion *Base = Dest->getBaseRegion();
  if (!Sym || !(isa<GlobalsSpaceRegion>(Base->getMemorySpace()) ||
                isa<SymbolicRegion>(Base)))
    return St;
  for (const StackFrameContext *F : frames(C)) {
    std::optional<std::string> P = PathDescriber(St, F).ofSymbol(Sym);
    if (!P || !rootedAtParam(*P)) {
      // A block a call returned, stored in a field of a block (`out->name =
      // calloc(...)`): if it is fresh, and still there when the frame ends,
      // the frame hands it out through that field (`returns fresh
      // $1->name`). Path null: not a parameter's value.
      if (!P && isa<SymbolConjured>(Sym) && isa<SymbolicRegion>(Base) &&
          isa<FieldRegion>(Dest))
        St = addFrameEffect(St, FrameEffect{FrameEffect::Keeps, F, nullptr, Sym,
                                            Dest, nullptr, 0, false,
                                            Loc.getRawEncoding(), nullptr});
      continue;
    }
    St = addFrameEffect(St, FrameEffect{FrameEffect::Keeps, F, intern(*P), Sym,
                                        Dest, nullptr, 0, false,
                                        Loc.getRawEncoding(), nullptr});
  }
  return St;
}

ProgramStateRef
SummaryBuilder::recordLibraryKeep(ProgramStateRef St, CheckerContext &C,
                                  SymbolRef Sym, const FunctionDecl *Callee,
                                  const Effect &Fact, SymbolRef Anchor,
                                  SourceLocation Loc) const {
  if (!Enabled || !Sym)
    return St;
  for (const StackFrameContext *F : frames(C)) {
    std::optional<std::string> P = PathDescriber(St, F).ofSymbol(Sym);
    if (!P || !rootedAtParam(*P))
      continue;
    St = addFrameEffect(St, FrameEffect{FrameEffect::Keeps, F, intern(*P), Sym,
                                        nullptr, Callee, 0, false,
                                        Loc.getRawEncoding(), &Fact, Anchor});
  }
  return St;
}

/// Is \p Sym what a path from a top-level frame's parameter held when the
/// analysis began (`$1`, `$1->name`, `$1->rec->name`)? Only those can make a
/// release `always` on the paths where they are null.
static bool isInitialValueOfTopParam(SymbolRef Sym) {
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    const auto *RV = dyn_cast<SymbolRegionValue>(Sym);
    if (!RV)
      return false;
    const MemRegion *R = RV->getRegion();
    if (const auto *VR = dyn_cast<VarRegion>(R))
      return isa<ParmVarDecl>(VR->getDecl()) && VR->getStackFrame() &&
             VR->getStackFrame()->inTopFrame();
    const auto *Base = dyn_cast<SymbolicRegion>(R->getBaseRegion());
    if (!Base)
      return false;
    Sym = Base->getSymbol();
  }
  return false;
}

ProgramStateRef SummaryBuilder::recordAssumption(ProgramStateRef St,
                                                 SVal Cond) const {
  if (!Enabled || !St)
    return St;
  SymbolRef Root = Cond.getAsSymbol();
  if (!Root)
    if (const MemRegion *R = Cond.getAsRegion())
      if (const auto *SR = dyn_cast<SymbolicRegion>(R->getBaseRegion()))
        Root = SR->getSymbol();
  if (!Root)
    return St;
  ConstraintManager &CM = St->getStateManager().getConstraintManager();
  for (SymbolRef Sym : compat::symbols(Root)) {
    if (!isInitialValueOfTopParam(Sym) || !Sym->getType()->isAnyPointerType() ||
        !CM.isNull(St, Sym).isConstrainedTrue())
      continue;
    St = addFrameEffect(St, FrameEffect{FrameEffect::NullValue, nullptr,
                                        nullptr, Sym, nullptr, nullptr, 0,
                                        false, 0, nullptr});
  }
  return St;
}

ProgramStateRef SummaryBuilder::recordParams(ProgramStateRef St,
                                             CheckerContext &C) const {
  const StackFrameContext *SFC = C.getStackFrame();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(SFC->getDecl());
  if (!Enabled || !summarizable(FD, C.getSourceManager()))
    return St;
  for (unsigned I = 0, E = FD->getNumParams(); I < E; ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!P->getType()->isAnyPointerType())
      continue;
    // A top frame's parameters are their own SymbolRegionValues, which name
    // them without a record; but what it writes through `T **out` must stay
    // in the store until the frame ends (`returns fresh *$1`), so those are
    // recorded (Flag) and kept alive (markLive).
    bool Out = P->getType()->getPointeeType()->isAnyPointerType();
    if (SFC->inTopFrame() && !Out)
      continue;
    SVal V = St->getSVal(St->getLValue(P, SFC));
    SymbolRef Sym = V.getAsSymbol();
    const MemRegion *R = Sym ? nullptr : V.getAsRegion();
    if (!Sym && !R)
      continue;
    St = addFrameEffect(St, FrameEffect{FrameEffect::ParamValue, SFC, nullptr,
                                        Sym, R ? R->StripCasts() : nullptr,
                                        nullptr, I + 1, Out, 0, nullptr});
  }
  return St;
}

void SummaryBuilder::markLive(ProgramStateRef St, SymbolReaper &SR) const {
  if (!Enabled)
    return;
  // What a frame wrote where its parameters point is part of its summary
  // (`s->user = u` keeps u); the store forgets it once the block's symbol is
  // dead, so the blocks written stay alive while the frame runs.
  for (const FrameEffect &E : frameEffects(St)) {
    if (E.K == FrameEffect::ParamValue && E.Flag && E.Sym)
      SR.markLive(E.Sym);
    if (E.K == FrameEffect::Keeps && E.Dest)
      if (const auto *SymR = dyn_cast<SymbolicRegion>(E.Dest->getBaseRegion()))
        SR.markLive(SymR->getSymbol());
  }
}

ProgramStateRef SummaryBuilder::dropFinishedFrames(ProgramStateRef St,
                                                   const LocationContext *LC,
                                                   SymbolReaper &SR) const {
  FrameEffectSet Set = frameEffects(St);
  if (Set.isEmpty())
    return St;
  SmallPtrSet<const StackFrameContext *, 8> Live;
  for (const LocationContext *L = LC; L; L = L->getParent())
    Live.insert(L->getStackFrame());
  for (const FrameEffect &E : Set)
    if (E.K != FrameEffect::NullValue && !Live.count(E.Frame))
      St = removeFrameEffect(St, E);
  return St;
}

//===----------------------------------------------------------------------===//
// Observing a frame's end.
//===----------------------------------------------------------------------===//

/// Paths (relative to the frame \p SFC) of the places that hold a pointer
/// to the block of \p Sym: a field of what a parameter points to (`$1->f`),
/// what a pointer-to-pointer parameter points to (`*$2`), a global of the
/// main file, a field of it or of what it points to. (The store's bindings
/// cannot be walked for this: a binding's key is its cluster's base region
/// and an offset, not a field.)
static std::vector<std::string> holderPaths(ProgramStateRef St,
                                            CheckerContext &C,
                                            const StackFrameContext *SFC,
                                            SymbolRef Sym) {
  std::vector<std::string> Out;
  auto Holds = [&](SVal L, QualType T) {
    if (!T->isAnyPointerType() || !L.getAs<Loc>())
      return false;
    return baseSymbol(St->getSVal(L.castAs<Loc>(), T)) == Sym;
  };
  auto Fields = [&](SVal Base, QualType Record, const std::string &Prefix,
                    const char *Sep) {
    const RecordDecl *RD =
        Record.isNull() ? nullptr : Record->getAsRecordDecl();
    if (!RD || !(RD = RD->getDefinition()) || !Base.getAs<Loc>())
      return;
    for (const FieldDecl *F : RD->fields())
      if (F->getIdentifier() &&
          Holds(compat::fieldLValue(St, F, Base), F->getType()))
        Out.push_back(Prefix + Sep + F->getName().str());
  };
  if (const auto *FD = dyn_cast_or_null<FunctionDecl>(SFC->getDecl()))
    for (unsigned I = 0, E = FD->getNumParams(); I < E; ++I) {
      const ParmVarDecl *P = FD->getParamDecl(I);
      QualType T = P->getType();
      if (!T->isAnyPointerType())
        continue;
      SVal V = St->getSVal(St->getLValue(P, SFC));
      std::string Root = "$" + std::to_string(I + 1);
      Fields(V, T->getPointeeType(), Root, "->");
      if (Holds(V, T->getPointeeType()))
        Out.push_back("*" + Root);
    }
  const SourceManager &SM = C.getSourceManager();
  for (const Decl *D : C.getASTContext().getTranslationUnitDecl()->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->hasGlobalStorage() || !VD->getIdentifier() ||
        !SM.isInMainFile(SM.getExpansionLoc(VD->getLocation())))
      continue;
    QualType T = VD->getType();
    std::string Name = VD->getName().str();
    SVal L = St->getLValue(VD, C.getLocationContext());
    if (Holds(L, T))
      Out.push_back(Name);
    else if (T->isRecordType())
      Fields(L, T, Name, ".");
    else if (T->isAnyPointerType())
      Fields(St->getSVal(L.castAs<Loc>(), T), T->getPointeeType(), Name, "->");
  }
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

/// "->in" for a field of a block, "[2]" for an element: \p R inside its
/// block as a selector that can follow the path of a pointer to the block.
static std::optional<std::string> selectorInBlock(RegionRef R) {
  std::string In = pathInBlock(R);
  if (In.empty() || In.find("[...]") != std::string::npos)
    return std::nullopt;
  if (In[0] == '.')
    return "->" + In.substr(1);
  return In;
}

void SummaryBuilder::observeReturn(const ReturnStmt *RS, CheckerContext &C,
                                   FreshTest IsFresh, const FunctionDecl *FD,
                                   EndRecord &Rec) const {
  const Expr *RE = RS ? RS->getRetValue() : nullptr;
  if (!RE || !RE->getType()->isAnyPointerType())
    return;
  ProgramStateRef St = C.getState();
  SVal V = C.getSVal(RE);
  const MemRegion *R = V.getAsRegion();
  if (!R || isDefinitelyNull(St, V))
    return;
  const MemRegion *Base = R->getBaseRegion();
  const StackFrameContext *SFC = C.getStackFrame();
  Effect E;
  E.Kind = EffectKind::Returns;
  E.Source = sourceAt(RS->getBeginLoc(), C.getSourceManager());
  if (const auto *SR = dyn_cast<SymbolicRegion>(Base)) {
    SymbolRef Sym = SR->getSymbol();
    if (std::optional<std::string> Rel = IsFresh(St, Sym)) {
      E.Own = Ownership::Fresh;
      E.Path = "$ret";
      if (!Rel->empty() && *Rel != "free")
        E.ReleaseWith = *Rel;
    } else {
      PathDescriber D(St, SFC);
      bool Exact = false;
      std::optional<std::string> P = D.ofBlock(V, &Exact);
      if (!P)
        return;
      bool Param = rootedAtParam(*P) && rootOf(*P) == *P;
      E.Own = Param && Exact ? Ownership::Argument : Ownership::Borrowed;
      E.Path = *P;
      E.RootType = D.rootType(*P);
    }
  } else if (isa<StringRegion>(Base)) {
    E.Own = Ownership::Static;
    E.Path = "$ret";
  } else if (const auto *VR = dyn_cast<VarRegion>(Base)) {
    const VarDecl *VD = VR->getDecl();
    if (!VD->hasGlobalStorage())
      return;
    E.Own = Ownership::Borrowed;
    if (VD->isStaticLocal()) {
      // A function's own static buffer: valid until it is called again.
      E.Path = "library";
      E.InvalidatedBy.push_back(CallRef{FD->getNameAsString(), 0, ""});
    } else {
      E.Path = VD->getNameAsString();
      E.RootType = typeKey(VD->getType());
    }
  } else {
    return;
  }
  std::string Key =
      std::string("returns") + '\0' + ownershipName(E.Own) + '\0' + E.Path;
  Rec.Effects.push_back({Key, std::move(E)});
}

/// What is known of \p V, a frame's return value of type \p T, on the path
/// of \p St: a RetFact bit for each fact that holds (zero, negative, ...).
static unsigned retFacts(ProgramStateRef St, SVal V, QualType T,
                         SValBuilder &SVB) {
  using SB = SummaryBuilder;
  bool Ptr = T->isAnyPointerType();
  if (V.isUnknownOrUndef() || (!Ptr && !T->isIntegralOrEnumerationType()))
    return 0;
  // Whether \p Cond can be true, and whether it can be false, here.
  auto Test = [&](SVal Cond) -> std::pair<bool, bool> {
    std::optional<DefinedOrUnknownSVal> D =
        compat::toStd(Cond.getAs<DefinedOrUnknownSVal>());
    if (!D || Cond.isUnknown())
      return {true, true};
    auto [True, False] = St->assume(*D);
    return {bool(True), bool(False)};
  };
  unsigned Out = 0;
  auto [CanBeNonZero, CanBeZero] = Test(V);
  if (!CanBeZero)
    Out |= 1u << SB::RetNonZero;
  if (!CanBeNonZero)
    Out |= 1u << SB::RetZero;
  if (Ptr || !T->isSignedIntegerOrEnumerationType())
    return Out;
  SVal Zero = SVB.makeZeroVal(T);
  auto [CanBeNeg, CanBeNonNeg] =
      Test(SVB.evalBinOp(St, BO_LT, V, Zero, SVB.getConditionType()));
  if (!CanBeNonNeg)
    Out |= 1u << SB::RetNegative;
  if (!CanBeNeg)
    Out |= 1u << SB::RetNonNegative;
  auto [CanBePos, CanBeNonPos] =
      Test(SVB.evalBinOp(St, BO_GT, V, Zero, SVB.getConditionType()));
  if (!CanBeNonPos)
    Out |= 1u << SB::RetPositive;
  if (!CanBePos)
    Out |= 1u << SB::RetNonPositive;
  return Out;
}

void SummaryBuilder::endFrame(const ReturnStmt *RS, CheckerContext &C,
                              FreshTest IsFresh) const {
  if (!Enabled)
    return;
  const StackFrameContext *SFC = C.getStackFrame();
  const auto *FD = dyn_cast_or_null<FunctionDecl>(SFC->getDecl());
  const SourceManager &SM = C.getSourceManager();
  if (!summarizable(FD, SM))
    return;
  ProgramStateRef St = C.getState();
  EndRecord Rec{FD, SFC->inTopFrame(), SFC, {}, {}};
  PathDescriber D(St, SFC);
  auto Add = [&](std::string Key, Effect E) {
    Rec.Effects.push_back({std::move(Key), std::move(E)});
  };
  auto Source = [&](unsigned Raw) {
    return sourceAt(SourceLocation::getFromRawEncoding(Raw), SM);
  };
  // The return value's block, for `$ret->field`.
  SymbolRef RetSym = nullptr;
  bool RetIsBlock = false;
  if (RS && RS->getRetValue()) {
    SVal RV = C.getSVal(RS->getRetValue());
    RetSym = baseSymbol(RV);
    const MemRegion *RR = RV.getAsRegion();
    RetIsBlock = RR && isa<SymbolicRegion>(RR->StripCasts());
    Rec.RetFacts = retFacts(St, RV, FD->getReturnType(), C.getSValBuilder());
  }
  PathDescriber DRet(St, SFC, RetSym);
  for (const FrameEffect &FE : frameEffects(St)) {
    if (FE.Frame != SFC && FE.K != FrameEffect::NullValue)
      continue;
    Effect E;
    E.Source = Source(FE.Loc);
    switch (FE.K) {
    case FrameEffect::ParamValue:
      break;
    case FrameEffect::NullValue:
      if (Rec.Top)
        if (std::optional<std::string> P = D.ofSymbol(FE.Sym))
          Rec.NullPaths.push_back(*P);
      break;
    case FrameEffect::Frees:
    case FrameEffect::Moves:
      E.Kind =
          FE.K == FrameEffect::Frees ? EffectKind::Frees : EffectKind::Moves;
      E.Path = FE.Path;
      E.Always = !FE.Flag;
      E.RootType = D.rootType(E.Path);
      Add(std::string(effectKindName(E.Kind)) + '\0' + E.Path, E);
      break;
    case FrameEffect::Releases:
      E.Kind = EffectKind::Releases;
      E.Export = FE.Callee->getNameAsString();
      Add(std::string("releases") + '\0' + E.Export, E);
      break;
    case FrameEffect::ToGo: {
      E.Kind = EffectKind::ToGo;
      E.Export = FE.Callee->getNameAsString();
      E.Param = FE.Param;
      E.Retained = FE.Flag;
      // The pointer itself (a parameter, a path's value), and where the
      // frame leaves it: `to_go $1->user` when the block handed to Go is
      // stored in `s->user` by the time the function returns.
      std::vector<std::string> Paths;
      if (FE.Path) {
        Paths.push_back(FE.Path); // Where C held it at the call.
      } else {
        Paths = holderPaths(St, C, SFC, FE.Sym);
        if (std::optional<std::string> P = D.ofSymbol(FE.Sym))
          Paths.insert(Paths.begin(), *P);
      }
      for (const std::string &P : Paths) {
        E.Path = P;
        E.RootType = D.rootType(P);
        Add(std::string("to_go") + '\0' + P + '\0' + E.Export + '\0' +
                std::to_string(E.Param) + (E.Retained ? "r" : "b"),
            E);
      }
      break;
    }
    case FrameEffect::Keeps: {
      if (!FE.Path) {
        // A fresh block left in a field of a parameter's or the result's
        // block (recordStore): ownership the function gives away.
        SVal Held = St->getSVal(FE.Dest);
        std::optional<std::string> Rel = IsFresh(St, FE.Sym);
        if (!Rel || FE.Sym == RetSym || baseSymbol(Held) != FE.Sym ||
            isDefinitelyNull(St, Held))
          break;
        // A field of what a parameter points to; else of the block the
        // function returns (only when it returns the block itself, not a
        // pointer into it).
        std::optional<std::string> W = D.ofRegion(FE.Dest);
        if (!W && RetIsBlock)
          W = DRet.ofRegion(FE.Dest);
        if (!W || !compat::startsWith(*W, "$"))
          break;
        E.Kind = EffectKind::Returns;
        E.Own = Ownership::Fresh;
        E.Path = *W;
        if (!Rel->empty() && *Rel != "free")
          E.ReleaseWith = *Rel;
        E.RootType = compat::startsWith(E.Path, "$ret")
                         ? typeKey(FD->getReturnType())
                         : D.rootType(E.Path);
        Add(std::string("returns") + '\0' + "fresh" + '\0' + E.Path, E);
        break;
      }
      E.Kind = EffectKind::Keeps;
      E.Path = FE.Path;
      E.RootType = D.rootType(E.Path);
      if (!FE.Dest) {
        // A library keeps it, until a call with the value that is Anchor
        // (a parameter of this frame, or nothing we can name).
        E.Where = "library";
        std::optional<std::string> A =
            FE.Anchor ? D.ofSymbol(FE.Anchor) : std::nullopt;
        if (FE.Fact && A && rootedAtParam(*A))
          for (const CallRef &U : FE.Fact->Until)
            E.Until.push_back(CallRef{U.Name, U.Arg, *A});
      } else {
        // Still there when the frame ends?
        if (baseSymbol(St->getSVal(FE.Dest)) != FE.Sym)
          break;
        std::optional<std::string> W = DRet.ofRegion(FE.Dest);
        const auto *Block = dyn_cast<SymbolicRegion>(FE.Dest->getBaseRegion());
        if (!W && Block && getLibraryKeep(St, Block->getSymbol()))
          W = "library";
        if (!W && Block)
          if (std::optional<std::string> Sel = selectorInBlock(FE.Dest))
            for (const std::string &H :
                 holderPaths(St, C, SFC, Block->getSymbol()))
              if (H[0] != '*') {
                W = H + *Sel;
                break;
              }
        if (!W)
          break;
        // A block pointing to itself keeps nothing beyond itself.
        if (*W != "library" && rootOf(*W) == rootOf(E.Path))
          break;
        E.Where = *W;
      }
      Add(std::string("keeps") + '\0' + E.Path + '\0' + E.Where, E);
      break;
    }
    }
  }
  // A field the function frees or moves and then fills again is the
  // struct's own (`free(r->name); r->name = strdup(s)`), not handed out.
  llvm::erase_if(Rec.Effects, [&](const Observed &O) {
    return O.E.Kind == EffectKind::Returns && O.E.Own == Ownership::Fresh &&
           llvm::any_of(Rec.Effects, [&](const Observed &R) {
             return (R.E.Kind == EffectKind::Frees ||
                     R.E.Kind == EffectKind::Moves) &&
                    R.E.Path == O.E.Path;
           });
  });
  observeReturn(RS, C, IsFresh, FD, Rec);
  // Fresh blocks handed out through `T **out` parameters: `returns fresh *$2`.
  for (unsigned I = 0, N = FD->getNumParams(); I < N; ++I) {
    QualType T = FD->getParamDecl(I)->getType();
    if (!T->isAnyPointerType() || !T->getPointeeType()->isAnyPointerType())
      continue;
    SVal Out = St->getSVal(St->getLValue(FD->getParamDecl(I), SFC));
    const MemRegion *OutR = Out.getAsRegion();
    if (!OutR || !isa<SymbolicRegion>(OutR->StripCasts()))
      continue;
    SVal Written = St->getSVal(Out.castAs<Loc>(), T->getPointeeType());
    SymbolRef Sym = baseSymbol(Written);
    if (!Sym || isDefinitelyNull(St, Written))
      continue;
    if (std::optional<std::string> Rel = IsFresh(St, Sym)) {
      Effect E;
      E.Kind = EffectKind::Returns;
      E.Own = Ownership::Fresh;
      E.Path = "*$" + std::to_string(I + 1);
      if (!Rel->empty() && *Rel != "free")
        E.ReleaseWith = *Rel;
      E.Source = sourceAt(RS ? RS->getBeginLoc() : FD->getEndLoc(), SM);
      Add(std::string("returns") + '\0' + "fresh" + '\0' + E.Path, E);
    }
  }
  Records.push_back(std::move(Rec));
}

//===----------------------------------------------------------------------===//
// Counting.
//===----------------------------------------------------------------------===//

/// The earlier of two sources, so that the result does not depend on the
/// order in which paths were explored.
static bool earlier(const FactSource &A, const FactSource &B) {
  return std::tie(A.File, A.Line) < std::tie(B.File, B.Line);
}

void SummaryBuilder::endAnalysis() const {
  if (Records.empty())
    return;
  // Every effect seen for a function in this analysis.
  DenseMap<const FunctionDecl *, std::map<std::string, const Effect *>> Keys;
  for (const EndRecord &R : Records)
    for (const Observed &O : R.Effects)
      Keys[R.FD].insert({O.Key, &O.E});
  const SourceManager *SM = nullptr;
  (void)SM;
  for (const EndRecord &R : Records) {
    Tally &T = Tallies[R.FD];
    if (T.Name.empty()) {
      T.Name = R.FD->getNameAsString();
      const FunctionDecl *Def = nullptr;
      R.FD->hasBody(Def);
      T.Location = where((Def ? Def : R.FD)->getLocation(),
                         R.FD->getASTContext().getSourceManager());
      T.GoCalled = Model.isGoCalled(R.FD);
      T.PointerResult = R.FD->getReturnType()->isAnyPointerType();
    }
    unsigned L = R.Top ? 1 : 0;
    ++T.Ends[L];
    for (unsigned F = 0; F < NumRetFacts; ++F)
      if (R.RetFacts & (1u << F))
        ++T.EndsWith[L][F];
    std::map<std::string, const Observed *> Here;
    for (const Observed &O : R.Effects) {
      auto [It, New] = Here.insert({O.Key, &O});
      if (!New && earlier(O.E.Source, It->second->E.Source))
        It->second = &O;
    }
    for (const auto &[Key, E] : Keys[R.FD]) {
      auto H = Here.find(Key);
      bool Seen = H != Here.end();
      bool Release =
          E->Kind == EffectKind::Frees || E->Kind == EffectKind::Moves;
      // A path that is null on this path frees nothing there.
      if (!Seen && !(Release && llvm::is_contained(R.NullPaths, E->Path)))
        continue;
      const Effect &Obs = Seen ? H->second->E : *E;
      Tally::Seen Init;
      Init.E = Obs;
      auto [S, New] = T.Effects.insert({Key, std::move(Init)});
      if (!New && earlier(Obs.Source, S->second.E.Source))
        S->second.E.Source = Obs.Source;
      unsigned *Count = Seen ? S->second.Count : S->second.Vacuous;
      auto &With = Seen ? S->second.CountWith : S->second.VacuousWith;
      ++Count[L];
      for (unsigned F = 0; F < NumRetFacts; ++F)
        if (R.RetFacts & (1u << F))
          ++With[L][F];
      if (Seen && Release && !Obs.Always)
        S->second.Maybe = true;
    }
  }
  Records.clear();
}

Condition SummaryBuilder::conditionOf(const Tally &T, const Tally::Seen &S,
                                      unsigned L) {
  // Preferred first: the result tested against 0 (or NULL), then its sign.
  static const RetFact Order[] = {RetZero, RetNonZero, RetNegative,
                                  RetNonNegative, RetPositive};
  static const char *const Names[] = {"zero", "nonzero", "negative",
                                      "nonnegative", "positive"};
  for (unsigned I = 0; I < std::size(Order); ++I) {
    RetFact F = Order[I];
    RetFact Not = RetFact(F ^ 1); // Zero/NonZero, Negative/NonNegative, ...
    // Every end says whether it holds; it does not hold everywhere; the
    // effect happened where it holds only, and on every such end (or had
    // nothing to release there).
    if (T.EndsWith[L][F] + T.EndsWith[L][Not] != T.Ends[L] ||
        T.EndsWith[L][F] == T.Ends[L] || S.CountWith[L][F] != S.Count[L] ||
        S.CountWith[L][F] + S.VacuousWith[L][F] != T.EndsWith[L][F])
      continue;
    Condition C;
    C.On = "$ret";
    C.Is = Names[I];
    if (T.PointerResult)
      C.Is = F == RetZero ? "null" : "nonnull";
    return C;
  }
  return Condition();
}

std::vector<FunctionSummary> SummaryBuilder::summaries() const {
  std::vector<FunctionSummary> Out;
  for (const auto &[FD, T] : Tallies) {
    FunctionSummary S;
    S.Name = T.Name;
    S.Location = T.Location;
    S.GoCalled = T.GoCalled;
    unsigned L = T.Ends[1] ? 1 : 0;
    for (const auto &[Key, Seen] : T.Effects) {
      if (!Seen.Count[L] && !Seen.Vacuous[L])
        continue;
      Effect E = Seen.E;
      bool Everywhere = Seen.Count[L] + Seen.Vacuous[L] >= T.Ends[L];
      if (!Everywhere && Seen.Count[L])
        E.Cond = conditionOf(T, Seen, L);
      // A pointer that comes out as the result is not null where it does:
      // `returns fresh $ret` on the non-null ends says nothing more.
      bool AtRet = E.Own == Ownership::Fresh || E.Own == Ownership::Static
                       ? E.Path == "$ret"
                       : E.Out.empty();
      if (E.Kind == EffectKind::Returns && AtRet && E.Cond.isNonZero())
        E.Cond = Condition();
      if (E.Kind == EffectKind::Frees || E.Kind == EffectKind::Moves)
        E.Always = !Seen.Maybe && (Everywhere || !E.Cond.empty());
      S.Effects.push_back(std::move(E));
    }
    Out.push_back(std::move(S));
  }
  llvm::sort(Out, [](const FunctionSummary &A, const FunctionSummary &B) {
    return A.Name < B.Name;
  });
  return Out;
}

//===----------------------------------------------------------------------===//
// The debug dump.
//===----------------------------------------------------------------------===//

static void dumpCalls(raw_ostream &OS, StringRef Title,
                      const std::vector<CallRef> &Calls) {
  if (Calls.empty())
    return;
  OS << " " << Title << " ";
  ListSeparator LS(",");
  for (const CallRef &C : Calls) {
    OS << LS << C.Name << ":" << C.Arg;
    if (!C.SameAs.empty())
      OS << "=" << C.SameAs;
  }
}

void dumpSummaries(raw_ostream &OS,
                   const std::vector<FunctionSummary> &Functions) {
  for (const FunctionSummary &F : Functions) {
    std::vector<Effect> Effects = F.Effects;
    llvm::sort(Effects, [](const Effect &A, const Effect &B) {
      return A.sortsBefore(B);
    });
    if (Effects.empty())
      OS << F.Name << ": no effects" << (F.GoCalled ? " (go-called)" : "")
         << "\n";
    for (const Effect &E : Effects) {
      OS << F.Name << ": " << effectKindName(E.Kind);
      switch (E.Kind) {
      case EffectKind::Frees:
      case EffectKind::Moves:
        OS << " " << E.Path << " " << (E.Always ? "always" : "maybe");
        break;
      case EffectKind::Returns:
        OS << " " << ownershipName(E.Own) << " " << E.Path;
        if (!E.ReleaseWith.empty())
          OS << " release_with " << E.ReleaseWith;
        dumpCalls(OS, "invalidated_by", E.InvalidatedBy);
        break;
      case EffectKind::Keeps:
        OS << " " << E.Path << " where " << E.Where;
        dumpCalls(OS, "until", E.Until);
        break;
      case EffectKind::ToGo:
        OS << " " << E.Path << " to " << E.Export << ":" << E.Param << " "
           << (E.Retained ? "retained" : "borrowed");
        break;
      case EffectKind::Releases:
        OS << " " << E.Export;
        break;
      }
      if (!E.Cond.empty())
        OS << " if " << E.Cond.On << " " << E.Cond.Is;
      OS << " (" << E.Source.describe() << ")\n";
    }
  }
}

} // namespace cgo
