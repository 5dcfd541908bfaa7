// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Compat.h - The LLVM/Clang releases cgo-lifetime builds with -*- C++ -*-//
//
// Every difference between the LLVM/Clang releases that the plugin and the
// clang-tidy module are built with lives here, and nowhere else: the checkers
// and the module call these helpers and contain no version test of their own.
// Tested with LLVM 14, 15, 16 and 19; expected to work with 17, 18 and 20
// (docs/development.md, "LLVM versions").
//
// Where an API changed shape without changing meaning, the helper tells the
// two shapes apart by what the API returns (C++17 `if constexpr`), not by the
// version number, so that an untested release in between takes the right
// branch. Where a name or a signature appeared in a release, the test is on
// LLVM_VERSION_MAJOR (llvm/Config/llvm-config.h).
//
//   what                          since   helper
//   CallDescription's match mode  19      cLibraryCall, anyNamedCall
//     (CDM::CLibrary; before: the CDF_MaybeBuiltin flag; 14 and 15 take
//     const char * names)
//   CallDescriptionMap::          15      CallDescriptionMap,
//     lookupAsWritten,                    CallDescriptionSet
//   CallDescriptionSet::
//     containsAsWritten
//   std::optional results (14, 15: 16      toStd
//     llvm::Optional, which does
//     not convert): getAs,
//     getLocationAs, json getAs*
//   StringRef::starts_with,       16      startsWith, endsWith
//     ends_with (before:
//     startswith, endswith)
//   CompilerInvocation::          17      langOpts, analyzerOpts
//     getLangOpts() and
//     getAnalyzerOpts() return
//     references (before: a
//     pointer, an IntrusiveRefCntPtr)
//   DirectoryLookup::getDirRef    15      dirName
//   SymExpr::symbols (before:     17      symbols
//     symbol_begin, symbol_end)
//   the region of `p->f` for a    16-18   fieldLValue
//     symbolic `p`: 14, 15
//     SymRegion{p}.f; 16-18 wrap
//     p in an element region
//     first, in the engine (not
//     in getLValue); 19 in
//     getLValue too
//
// Differences the code avoids without a helper, by writing what every
// release accepts: `auto` for an optional whose type does not matter (and for
// SourceManager::getFileEntryRefForID and FileManager::getOptionalFileRef:
// OptionalFileEntryRef is 16+); HeaderSearch::search_dir_begin/end
// (search_dir_range is 15+); the erase-remove idiom (llvm::erase is 19+);
// std::string(OptionsView::get(...)) (a std::string in 14, a StringRef since
// 15).
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_COMPAT_H
#define CGO_LIFETIME_COMPAT_H

#include "clang/AST/Expr.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallDescription.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/MemRegion.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramState.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/Store.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/SymExpr.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/iterator_range.h"
#include "llvm/Config/llvm-config.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#if LLVM_VERSION_MAJOR < 16
#include "llvm/ADT/Optional.h"
#endif

namespace cgo {
namespace compat {

//===----------------------------------------------------------------------===//
// CallDescription
//===----------------------------------------------------------------------===//

/// A call of the C library's function \p Name with at least \p Args
/// arguments; also its builtin spellings (__builtin_malloc).
inline clang::ento::CallDescription cLibraryCall(llvm::StringRef Name,
                                                 unsigned Args) {
#if LLVM_VERSION_MAJOR >= 19
  return {clang::ento::CDM::CLibrary, {Name}, Args};
#elif LLVM_VERSION_MAJOR >= 16
  return {clang::ento::CDF_MaybeBuiltin, {Name}, Args};
#else
  // 14 and 15 take const char * names (copied into the description).
  std::string S = Name.str();
  return {clang::ento::CDF_MaybeBuiltin, {S.c_str()}, Args};
#endif
}

/// Any call (not an Objective-C message) of a function named \p Name: a
/// user's function named by the manifest or an option.
inline clang::ento::CallDescription anyNamedCall(llvm::StringRef Name) {
#if LLVM_VERSION_MAJOR >= 19
  return {clang::ento::CDM::Unspecified, {Name}};
#elif LLVM_VERSION_MAJOR >= 16
  return {clang::ento::CDF_None, {Name}};
#else
  std::string S = Name.str();
  return {clang::ento::CDF_None, {S.c_str()}};
#endif
}

/// clang's CallDescriptionMap and CallDescriptionSet, with lookupAsWritten
/// and containsAsWritten (a CallExpr, no CallEvent: in a bug reporter visitor)
/// in every release. LLVM 14 has neither, nor a way to ask a description for
/// its flags or counts, so there a call as written matches an entry by its
/// callee's name, the C library's spellings of it included
/// (CheckerContext::isCLibraryFunction), without the argument counts: in C a
/// call's arity is its prototype's. Entries are tried in order, as clang does.
#if LLVM_VERSION_MAJOR >= 15
template <typename T>
using CallDescriptionMap = clang::ento::CallDescriptionMap<T>;
using CallDescriptionSet = clang::ento::CallDescriptionSet;
#else
/// Does \p CE (as written) call what \p CD describes? LLVM 14 only.
inline bool matchesAsWritten(const clang::ento::CallDescription &CD,
                             const clang::CallExpr &CE) {
  const auto *FD =
      llvm::dyn_cast_or_null<clang::FunctionDecl>(CE.getCalleeDecl());
  if (!FD || !FD->getIdentifier() || CD.hasQualifiedNameParts())
    return false;
  return FD->getName() == CD.getFunctionName() ||
         clang::ento::CheckerContext::isCLibraryFunction(FD,
                                                         CD.getFunctionName());
}

template <typename T>
class CallDescriptionMap : public clang::ento::CallDescriptionMap<T> {
public:
  template <typename InputIt>
  CallDescriptionMap(InputIt First, InputIt Last)
      : clang::ento::CallDescriptionMap<T>(First, Last), Entries(First, Last) {}
  CallDescriptionMap(
      std::initializer_list<std::pair<clang::ento::CallDescription, T>> &&L)
      : CallDescriptionMap(L.begin(), L.end()) {}

  const T *lookupAsWritten(const clang::CallExpr &CE) const {
    for (const auto &E : Entries)
      if (matchesAsWritten(E.first, CE))
        return &E.second;
    return nullptr;
  }

private:
  std::vector<std::pair<clang::ento::CallDescription, T>> Entries;
};

class CallDescriptionSet : public clang::ento::CallDescriptionSet {
public:
  CallDescriptionSet(std::initializer_list<clang::ento::CallDescription> &&L)
      : clang::ento::CallDescriptionSet(
            std::initializer_list<clang::ento::CallDescription>(L)),
        Entries(L) {}

  bool containsAsWritten(const clang::CallExpr &CE) const {
    for (const auto &CD : Entries)
      if (matchesAsWritten(CD, CE))
        return true;
    return false;
  }

private:
  std::vector<clang::ento::CallDescription> Entries;
};
#endif

//===----------------------------------------------------------------------===//
// Symbols
//===----------------------------------------------------------------------===//

/// The symbols \p Sym is built from, itself first (SymExpr::symbols, 17+):
/// the iterator every release has, from \p Sym to the default-constructed end.
inline llvm::iterator_range<clang::ento::SymExpr::symbol_iterator>
symbols(const clang::ento::SymExpr *Sym) {
  return llvm::make_range(clang::ento::SymExpr::symbol_iterator(Sym),
                          clang::ento::SymExpr::symbol_iterator());
}

//===----------------------------------------------------------------------===//
// Regions
//===----------------------------------------------------------------------===//

/// The lvalue of the field \p F of the struct at \p Base: the region the
/// engine gives `Base->F`, so that reading it finds the symbol a read in the
/// program made. For a symbolic \p Base (a pointer parameter), LLVM 16 to 18
/// evaluate `p->f` on an element region of p's pointee type (Element{SymRegion
/// {p},0,T}.f) but ProgramState::getLValue does not wrap: without the same
/// wrapping a path like `$1->f` names another region and a fresh symbol. 14
/// and 15 never wrap; from 19 on getLValue wraps itself
/// (ProgramState::wrapSymbolicRegion), and a wrapped base is left as it is.
inline clang::ento::SVal fieldLValue(clang::ento::ProgramStateRef St,
                                     const clang::FieldDecl *F,
                                     clang::ento::SVal Base) {
#if LLVM_VERSION_MAJOR >= 16 && LLVM_VERSION_MAJOR < 19
  if (const auto *SR = llvm::dyn_cast_or_null<clang::ento::SymbolicRegion>(
          Base.getAsRegion())) {
    clang::ento::StoreManager &SM = St->getStateManager().getStoreManager();
    Base = clang::ento::loc::MemRegionVal(
        SM.GetElementZeroRegion(SR, SR->getPointeeStaticType()));
  }
#endif
  return St->getLValue(F, Base);
}

//===----------------------------------------------------------------------===//
// Optional values
//===----------------------------------------------------------------------===//

/// An optional result of an LLVM API as a std::optional: until LLVM 15 the
/// APIs return llvm::Optional, which does not convert.
template <typename T> std::optional<T> toStd(std::optional<T> O) { return O; }
#if LLVM_VERSION_MAJOR < 16
template <typename T> std::optional<T> toStd(const llvm::Optional<T> &O) {
  if (O)
    return *O;
  return std::nullopt;
}
#endif

//===----------------------------------------------------------------------===//
// Strings
//===----------------------------------------------------------------------===//

/// StringRef::starts_with and ends_with (named startswith and endswith until
/// LLVM 16, which deprecated those names).
inline bool startsWith(llvm::StringRef S, llvm::StringRef Prefix) {
  return S.size() >= Prefix.size() && S.take_front(Prefix.size()) == Prefix;
}
inline bool endsWith(llvm::StringRef S, llvm::StringRef Suffix) {
  return S.size() >= Suffix.size() && S.take_back(Suffix.size()) == Suffix;
}

//===----------------------------------------------------------------------===//
// Frontend (the clang-tidy module)
//===----------------------------------------------------------------------===//

/// \p V itself, or what it points to if it is a pointer or a smart pointer.
template <typename T, typename = void>
struct IsDereferenceable : std::false_type {};
template <typename T>
struct IsDereferenceable<T, std::void_t<decltype(*std::declval<T>())>>
    : std::true_type {};
template <typename T> decltype(auto) deref(T &&V) {
  if constexpr (IsDereferenceable<T>::value)
    return *V;
  else
    return (V);
}

/// The language and analyzer options of a CompilerInvocation: a pointer and
/// an IntrusiveRefCntPtr until LLVM 16, references since 17.
template <typename Invocation> decltype(auto) langOpts(Invocation &Inv) {
  return deref(Inv.getLangOpts());
}
template <typename Invocation> decltype(auto) analyzerOpts(Invocation &Inv) {
  return deref(Inv.getAnalyzerOpts());
}

/// The directory of a header search entry (DirectoryEntry::getName is gone
/// in newer releases; getDirRef arrived in LLVM 15).
template <typename Lookup> llvm::StringRef dirName(const Lookup &DL) {
#if LLVM_VERSION_MAJOR >= 15
  return DL.getDirRef()->getName();
#else
  return DL.getDir()->getName();
#endif
}

} // namespace compat
} // namespace cgo

#endif
