// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- FactsDump.cpp - The canonical reading of facts -----------*- C++ -*-===//
//
// What the reader kept of a models or summaries file, one line per effect
// (debug.cgo.DumpFacts). The Go reader (checker/vet/cfacts, DumpFacts) writes
// the same form, and test/facts compares both with one expected file per
// fixture, so that the two readers of docs/summaries.md cannot drift:
//
//   NAME function [location=L] [go_called] [cite="C"]
//   NAME EFFECT [path=P] [out=P] [own=O] [when=W] [cond=ON:IS]
//        [release_with=F] [where=P] [export=E] [param=N] [retained=B]
//        [invalidated_by=C,...] [until=C,...] [root_type="T"] source="S"
//
// Paths are written back from their parsed form (every step kind kept), a
// call entry as NAME(ARG) or NAME(ARG=SAME_AS), the source in the words a
// report cites it with.
//
//===----------------------------------------------------------------------===//

#include "Summaries.h"

#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace cgo {

/// A path as the reader understood it: rendered from its parse.
static std::string canonicalPath(StringRef Text) {
  std::optional<AccessPath> P = AccessPath::parse(Text);
  if (!P)
    return "?" + Text.str();
  std::string S = P->Deref ? "*" : "";
  switch (P->Root) {
  case AccessPath::Param:
    S += "$" + std::to_string(P->Index);
    break;
  case AccessPath::Ret:
    S += "$ret";
    break;
  case AccessPath::Global:
    S += P->GlobalName;
    break;
  case AccessPath::Library:
    return "library";
  }
  return S + P->selectors();
}

static void calls(raw_ostream &OS, StringRef Key,
                  const std::vector<CallRef> &Calls) {
  if (Calls.empty())
    return;
  OS << " " << Key << "=";
  ListSeparator LS(",");
  for (const CallRef &C : Calls) {
    OS << LS << C.Name << "(" << C.Arg;
    if (!C.SameAs.empty())
      OS << "=" << canonicalPath(C.SameAs);
    OS << ")";
  }
}

static void pathMember(raw_ostream &OS, StringRef Key, StringRef Path) {
  if (!Path.empty())
    OS << " " << Key << "=" << canonicalPath(Path);
}

static void effectLine(raw_ostream &OS, StringRef Fn, const Effect &E) {
  OS << Fn << " " << effectKindName(E.Kind);
  pathMember(OS, "path", E.Path);
  pathMember(OS, "out", E.Out);
  if (E.Own != Ownership::None)
    OS << " own=" << ownershipName(E.Own);
  if (E.Kind == EffectKind::Frees || E.Kind == EffectKind::Moves)
    OS << " when=" << (E.Always ? "always" : "maybe");
  if (!E.Cond.empty())
    OS << " cond=" << E.Cond.On << ":" << E.Cond.Is;
  if (!E.ReleaseWith.empty())
    OS << " release_with=" << E.ReleaseWith;
  pathMember(OS, "where", E.Where);
  if (!E.Export.empty())
    OS << " export=" << E.Export;
  if (E.Kind == EffectKind::ToGo)
    OS << " param=" << E.Param
       << " retained=" << (E.Retained ? "true" : "false");
  calls(OS, "invalidated_by", E.InvalidatedBy);
  calls(OS, "until", E.Until);
  if (!E.RootType.empty())
    OS << " root_type=\"" << E.RootType << "\"";
  OS << " source=\"" << E.Source.describe() << "\"\n";
}

void dumpFacts(raw_ostream &OS,
               const std::vector<const FunctionSummary *> &Functions) {
  for (const FunctionSummary *F : Functions) {
    OS << F->Name << " function";
    if (!F->Location.empty())
      OS << " location=" << F->Location;
    if (F->GoCalled)
      OS << " go_called";
    if (!F->Origin.Cite.empty())
      OS << " cite=\"" << F->Origin.Cite << "\"";
    OS << "\n";
    for (const Effect &E : F->Effects)
      effectLine(OS, F->Name, E);
  }
}

} // namespace cgo
