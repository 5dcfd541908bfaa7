// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CallSummaries.h - What a call does, from summaries and models -*-
// C++-*-//
//
// The answer to "what does a call of this function do to its pointers?" for
// functions whose body the analyzer does not run: the summaries computed for
// the package's C functions (a previous pass, cgo:Summaries), the user's and
// the shipped library models (cgo:Models), and, where none of them speaks,
// the two shape rules, each on its own switch:
//
//   callback-userdata  a function that takes a function pointer and, after
//                      it, a `void *` keeps that `void *` (callback
//                      registration: `g_signal_connect(inst, sig, cb, data)`);
//   destructor-name    a function named `*_free`, `*_destroy`, `*_unref`,
//                      `*_release` or `*_close` frees its first pointer
//                      parameter.
//
// Looked up by name (a StringMap: the models name some 550 functions, too
// many for a CallDescriptionMap, whose lookup tries every entry in turn).
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_CALLSUMMARIES_H
#define CGO_LIFETIME_CALLSUMMARIES_H

#include "Summaries.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace cgo {

/// Which shape rules apply (cgo:ShapeCallbackUserdata,
/// cgo:ShapeDestructorName).
struct ShapeRules {
  bool CallbackUserdata = false;
  bool DestructorName = false;
};

class CallSummaries {
public:
  CallSummaries(SummaryTable Table, ShapeRules Rules)
      : Table(std::move(Table)), Rules(Rules) {}

  /// What a call of \p FD does, by precedence (a computed summary, a user's
  /// model, a shipped model, a shape rule); null if nothing is known.
  const FunctionSummary *lookup(const clang::FunctionDecl *FD) const;

  const SummaryTable &table() const { return Table; }

  /// The shape-rule summaries made so far (the functions called that only a
  /// shape rule describes), sorted by name.
  std::vector<const FunctionSummary *> shapeSummaries() const;
  const ShapeRules &rules() const { return Rules; }

  /// The shape rule's guess for \p FD, ignoring the table and the switches
  /// (for tests and the debug checker); null if no rule matches.
  static std::unique_ptr<FunctionSummary>
  shapeSummary(const clang::FunctionDecl *FD, bool CallbackUserdata,
               bool DestructorName);

private:
  SummaryTable Table;
  ShapeRules Rules;
  /// Shape-rule summaries, made once per function.
  mutable llvm::DenseMap<const clang::FunctionDecl *,
                         std::unique_ptr<FunctionSummary>>
      Shapes;
};

} // namespace cgo

#endif
