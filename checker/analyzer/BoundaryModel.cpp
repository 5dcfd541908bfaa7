// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- BoundaryModel.cpp - What crosses the cgo boundary --------*- C++ -*-===//

#include "BoundaryModel.h"
#include "Compat.h"

#include "cgo-lifetime/Schema.h"

#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace llvm;

namespace cgo {

StringRef BoundaryModel::nameOf(const FunctionDecl *FD) {
  if (!FD)
    return {};
  if (const IdentifierInfo *II = FD->getIdentifier())
    return II->getName();
  return {};
}

/// If \p Name is `_cgo_<hex>_Cfunc_NAME`, returns NAME.
static std::optional<StringRef> wrappedName(StringRef Name) {
  if (!Name.consume_front(CGO_WRAPPER_PREFIX))
    return std::nullopt;
  size_t Hex = 0;
  while (Hex < Name.size() && isHexDigit(Name[Hex]))
    ++Hex;
  if (Hex == 0)
    return std::nullopt;
  Name = Name.drop_front(Hex);
  if (!Name.consume_front(CGO_WRAPPER_CFUNC) || Name.empty())
    return std::nullopt;
  return Name;
}

/// Is \p Loc in the Go-generated part of `_cgo_export.h`? Its physical file
/// must be the header and its presumed file cgo's prolog marker; the package
/// preamble copied into the same header carries `#line N "file.go"`.
static bool isInExportPrototypes(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  auto FE = SM.getFileEntryRefForID(SM.getFileID(Loc));
  if (!FE || sys::path::filename(FE->getName()) != CGO_EXPORT_HEADER)
    return false;
  PresumedLoc PL = SM.getPresumedLoc(Loc);
  return PL.isValid() && StringRef(PL.getFilename()) == CGO_EXPORT_PROLOG;
}

namespace {
/// Finds the call a cgo wrapper makes to the function it wraps.
class WrapperCallFinder : public RecursiveASTVisitor<WrapperCallFinder> {
public:
  explicit WrapperCallFinder(StringRef Want) : Want(Want) {}
  bool VisitCallExpr(CallExpr *CE) {
    if (const FunctionDecl *FD = CE->getDirectCallee())
      if (const IdentifierInfo *II = FD->getIdentifier())
        if (II->getName() == Want)
          Found = true;
    return !Found;
  }
  StringRef Want;
  bool Found = false;
};
} // namespace

void BoundaryModel::scanTranslationUnit(const TranslationUnitDecl *TU,
                                        const SourceManager &SM) {
  for (const Decl *D : TU->decls()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      StringRef Name = nameOf(FD);
      if (Name.empty())
        continue;
      if (isInExportPrototypes(FD->getLocation(), SM))
        HeaderExports.insert(Name);
      if (!FD->doesThisDeclarationHaveABody())
        continue;
      std::optional<StringRef> Wrapped = wrappedName(Name);
      if (!Wrapped)
        continue;
      Wrappers.insert(FD->getCanonicalDecl());
      WrapperCallFinder Finder(*Wrapped);
      Finder.TraverseStmt(FD->getBody());
      if (Finder.Found)
        WrapperCallees[*Wrapped] = Name.str();
      continue;
    }
    if (const auto *VD = dyn_cast<VarDecl>(D)) {
      if (!VD->hasGlobalStorage() || !VD->getIdentifier())
        continue;
      if (!Facts.GoGlobals.count(VD->getName()))
        continue;
      const VarDecl *Canon = VD->getCanonicalDecl();
      if (!llvm::is_contained(Globals, Canon))
        Globals.push_back(Canon);
    }
  }
}

bool BoundaryModel::isGoExport(const FunctionDecl *FD) const {
  StringRef Name = nameOf(FD);
  if (Name.empty())
    return false;
  return HeaderExports.count(Name) || Facts.Exports.count(Name);
}

static bool isPointerParam(const FunctionDecl *FD, unsigned Index) {
  if (Index >= FD->getNumParams())
    return false;
  QualType T = FD->getParamDecl(Index)->getType();
  return T->isAnyPointerType() || T->isArrayType();
}

/// `ownership_holds(module, N)` on any redeclaration.
static std::optional<std::string> holdsAttr(const FunctionDecl *FD,
                                            unsigned Index,
                                            OwnershipAttr::OwnershipKind K) {
  for (const FunctionDecl *R : FD->redecls())
    for (const auto *A : R->specific_attrs<OwnershipAttr>()) {
      if (A->getOwnKind() != K)
        continue;
      for (const ParamIdx &P : A->args())
        if (P.getASTIndex() == Index) {
          const SourceManager &SM = FD->getASTContext().getSourceManager();
          PresumedLoc PL = SM.getPresumedLoc(A->getLocation());
          std::string Where;
          if (PL.isValid())
            Where = (Twine(" at ") + sys::path::filename(PL.getFilename()) +
                     ":" + Twine(PL.getLine()))
                        .str();
          return Where;
        }
    }
  return std::nullopt;
}

Retention BoundaryModel::retention(const FunctionDecl *FD,
                                   unsigned Index) const {
  Retention R;
  if (!isGoExport(FD) || !isPointerParam(FD, Index))
    return R;
  auto It = Facts.Exports.find(nameOf(FD));
  if (It != Facts.Exports.end()) {
    auto P = It->second.Params.find(Index + 1);
    if (P != It->second.Params.end() &&
        P->second.Effect != ParamEffect::Unknown) {
      R.Effect = P->second.Effect;
      R.Evidence = P->second.Evidence.empty()
                       ? std::string("the manifest says so")
                       : P->second.Evidence;
      return R;
    }
  }
  if (std::optional<std::string> Where =
          holdsAttr(FD, Index, OwnershipAttr::Holds)) {
    R.Effect = ParamEffect::Retain;
    R.Evidence = "declared 'ownership_holds'" + *Where;
  }
  return R;
}

bool BoundaryModel::isGoCalled(const FunctionDecl *FD, std::string *Why) const {
  StringRef Name = nameOf(FD);
  if (Name.empty())
    return false;
  // The manifest's evidence names the Go call site, which is what a user
  // wants to see; it also words the report the same in every translation
  // unit, so that a function seen inlined into its wrapper and on its own
  // gives one report.
  auto M = Facts.GoCalled.find(Name);
  if (M != Facts.GoCalled.end()) {
    if (Why)
      *Why = M->second;
    return true;
  }
  auto W = WrapperCallees.find(Name);
  if (W != WrapperCallees.end()) {
    if (Why)
      *Why = "Go calls it through cgo wrapper '" + W->second + "'";
    return true;
  }
  // A '#cgo noescape' or '#cgo nocallback' directive names a C function that
  // Go calls (cgo rejects one that names no such call).
  std::optional<std::string> Where = noEscapePromise(FD);
  const char *Directive = "declared '#cgo noescape' ";
  if (!Where) {
    Where = noCallbackPromise(FD);
    Directive = "declared '#cgo nocallback' ";
  }
  if (Where && Why)
    *Why = Directive + *Where;
  return Where.has_value();
}

static std::optional<std::string> lookupPromise(const StringMap<std::string> &M,
                                                StringRef Name) {
  auto It = M.find(Name);
  if (Name.empty() || It == M.end())
    return std::nullopt;
  return It->second;
}

std::optional<std::string>
BoundaryModel::noEscapePromise(const FunctionDecl *FD) const {
  return lookupPromise(Facts.NoEscape, nameOf(FD));
}

std::optional<std::string>
BoundaryModel::noCallbackPromise(const FunctionDecl *FD) const {
  return lookupPromise(Facts.NoCallback, nameOf(FD));
}

bool BoundaryModel::isCgoWrapper(const FunctionDecl *FD) const {
  return FD && Wrappers.count(FD->getCanonicalDecl());
}

bool BoundaryModel::isGoCalledFrame(const StackFrameContext *SFC,
                                    std::string *Why) const {
  if (!SFC)
    return false;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(SFC->getDecl());
  if (!FD || !isGoCalled(FD, Why))
    return false;
  if (SFC->inTopFrame())
    return true;
  const StackFrameContext *Parent = SFC->getParent()->getStackFrame();
  const auto *Caller = dyn_cast_or_null<FunctionDecl>(Parent->getDecl());
  return isCgoWrapper(Caller);
}

/// Does \p Positions list argument \p Index (0-based) of \p Name?
static bool listsArgument(const StringMap<SmallVector<unsigned, 2>> &Positions,
                          StringRef Name, unsigned Index) {
  auto It = Positions.find(Name);
  return It != Positions.end() && llvm::is_contained(It->second, Index + 1);
}

bool BoundaryModel::takesOwnership(const FunctionDecl *FD,
                                   unsigned Index) const {
  return listsArgument(Facts.TakesOwnership, nameOf(FD), Index) ||
         holdsAttr(FD, Index, OwnershipAttr::Takes).has_value();
}

bool BoundaryModel::receivesHandle(const FunctionDecl *FD,
                                   unsigned Index) const {
  return listsArgument(Facts.HandleArgs, nameOf(FD), Index);
}

bool BoundaryModel::returnsOwnership(const FunctionDecl *FD) {
  for (const FunctionDecl *R : FD->redecls())
    for (const auto *A : R->specific_attrs<OwnershipAttr>())
      if (A->getOwnKind() == OwnershipAttr::Returns)
        return true;
  return false;
}

SmallVector<unsigned, 2>
BoundaryModel::releasedByAttribute(const FunctionDecl *FD) const {
  SmallVector<unsigned, 2> Out;
  if (isGoCalled(FD))
    return Out;
  for (const FunctionDecl *R : FD->redecls())
    for (const auto *A : R->specific_attrs<OwnershipAttr>())
      if (A->getOwnKind() == OwnershipAttr::Takes)
        for (const ParamIdx &P : A->args())
          if (!llvm::is_contained(Out, P.getASTIndex()))
            Out.push_back(P.getASTIndex());
  return Out;
}

/// A pointer to a pointer (`char **out`) always; a pointer to a struct only
/// when the struct is defined where Go can see it (a header or the cgo
/// preamble). A struct defined in a .c file is a handle to Go (lmdb's
/// MDB_txn): its fields are C's business.
bool BoundaryModel::isGoReadable(const FunctionDecl *Fn, unsigned Index) {
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
  return compat::endsWith(File, ".h") || compat::endsWith(File, ".go") ||
         compat::endsWith(File, ".hpp") || compat::endsWith(File, ".hh");
}

/// A struct (or union) that Go cannot allocate: incomplete where the C is
/// compiled, or defined only in a .c file, out of cgo's sight (lmdb's
/// MDB_txn, pulse's pa_threaded_mainloop). A pointer to one that Go passes
/// is a handle C gave it, never Go's memory.
bool BoundaryModel::isOpaqueToGo(const FunctionDecl *Fn, unsigned Index) {
  if (Index >= Fn->getNumParams())
    return false;
  QualType Pointee = Fn->getParamDecl(Index)->getType()->getPointeeType();
  if (Pointee.isNull() || !Pointee->getAsRecordDecl())
    return false;
  const RecordDecl *Def = Pointee->getAsRecordDecl()->getDefinition();
  return !Def || !isGoReadable(Fn, Index);
}

std::string BoundaryModel::goGlobalEvidence(const VarDecl *VD) const {
  auto It = Facts.GoGlobals.find(VD->getName());
  return It == Facts.GoGlobals.end() ? std::string() : It->second;
}

std::string BoundaryModel::paramName(const FunctionDecl *FD,
                                     unsigned Index) const {
  if (Index < FD->getNumParams())
    if (const IdentifierInfo *II = FD->getParamDecl(Index)->getIdentifier())
      return II->getName().str();
  auto It = Facts.Exports.find(nameOf(FD));
  if (It != Facts.Exports.end()) {
    auto P = It->second.Params.find(Index + 1);
    if (P != It->second.Params.end())
      return P->second.GoName;
  }
  return {};
}

} // namespace cgo
