// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CallSummaries.cpp - What a call does, from summaries and models ----===//
//
// The lookup of CallSummaries.h and the two shape rules.
//
//===----------------------------------------------------------------------===//

#include "CallSummaries.h"

#include "Compat.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"

using namespace clang;

namespace cgo {

static bool isFunctionPointer(QualType T) {
  T = T.getCanonicalType();
  return T->isFunctionPointerType() || T->isBlockPointerType();
}

static bool isVoidPointer(QualType T) {
  T = T.getCanonicalType();
  return T->isVoidPointerType() && !T->getPointeeType().isConstQualified();
}

std::unique_ptr<FunctionSummary>
CallSummaries::shapeSummary(const FunctionDecl *FD, bool CallbackUserdata,
                            bool DestructorName) {
  const IdentifierInfo *II = FD->getIdentifier();
  if (!II)
    return nullptr;
  StringRef Name = II->getName();
  auto S = std::make_unique<FunctionSummary>();
  S->Name = Name.str();
  S->Origin.K = FactSource::Shape;
  if (DestructorName) {
    static const char *const Suffixes[] = {"_free", "_destroy", "_unref",
                                           "_release", "_close"};
    bool Named = llvm::any_of(Suffixes, [&](const char *Suffix) {
      return Name.size() > StringRef(Suffix).size() &&
             compat::endsWith(Name, Suffix);
    });
    for (unsigned I = 0, E = FD->getNumParams(); Named && I < E; ++I)
      if (FD->getParamDecl(I)->getType()->isAnyPointerType()) {
        Effect Eff;
        Eff.Kind = EffectKind::Frees;
        Eff.Path = "$" + std::to_string(I + 1);
        Eff.Always = true;
        Eff.Source.K = FactSource::Shape;
        Eff.Source.Rule = "destructor-name";
        S->Effects.push_back(std::move(Eff));
        S->Origin.Rule = "destructor-name";
        break;
      }
  }
  if (CallbackUserdata) {
    bool AfterCallback = false;
    for (unsigned I = 0, E = FD->getNumParams(); I < E; ++I) {
      QualType T = FD->getParamDecl(I)->getType();
      if (isFunctionPointer(T)) {
        AfterCallback = true;
        continue;
      }
      if (AfterCallback && isVoidPointer(T)) {
        Effect Eff;
        Eff.Kind = EffectKind::Keeps;
        Eff.Path = "$" + std::to_string(I + 1);
        Eff.Where = "library";
        Eff.Source.K = FactSource::Shape;
        Eff.Source.Rule = "callback-userdata";
        S->Effects.push_back(std::move(Eff));
        if (S->Origin.Rule.empty())
          S->Origin.Rule = "callback-userdata";
        break;
      }
    }
  }
  if (S->Effects.empty())
    return nullptr;
  return S;
}

const FunctionSummary *CallSummaries::lookup(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  const IdentifierInfo *II = FD->getIdentifier();
  if (!II)
    return nullptr;
  if (const FunctionSummary *S = Table.lookup(II->getName()))
    return S;
  // The shape rules guess only for functions the package does not define.
  if ((!Rules.CallbackUserdata && !Rules.DestructorName) || FD->hasBody())
    return nullptr;
  const FunctionDecl *Canon = FD->getCanonicalDecl();
  auto It = Shapes.find(Canon);
  if (It == Shapes.end())
    It = Shapes
             .try_emplace(Canon, shapeSummary(FD, Rules.CallbackUserdata,
                                              Rules.DestructorName))
             .first;
  return It->second.get();
}

} // namespace cgo

namespace cgo {

std::vector<const FunctionSummary *> CallSummaries::shapeSummaries() const {
  std::vector<const FunctionSummary *> Out;
  for (const auto &E : Shapes)
    if (E.second)
      Out.push_back(E.second.get());
  llvm::sort(Out, [](const FunctionSummary *A, const FunctionSummary *B) {
    return A->Name < B->Name;
  });
  return Out;
}

} // namespace cgo
