// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Summaries.cpp - Reading and writing summaries and models -*- C++ -*-===//
//
// The schema of docs/summaries.md, version 1: the reader checks what a
// consumer relies on (version, kind, the type of every member it reads, the
// effect and ownership names, the access-path grammar) and names the file,
// line and column of the first problem; unknown members are ignored, as the
// schema promises. The writer sorts, so that its output is deterministic.
//
//===----------------------------------------------------------------------===//

#include "Summaries.h"

#include "Compat.h"
#include "JsonText.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <tuple>

using namespace llvm;

namespace cgo {

//===----------------------------------------------------------------------===//
// Names.
//===----------------------------------------------------------------------===//

static constexpr EffectKind AllEffects[] = {
    EffectKind::Frees, EffectKind::Moves, EffectKind::Returns,
    EffectKind::Keeps, EffectKind::ToGo,  EffectKind::Releases};
static constexpr Ownership AllOwnerships[] = {
    Ownership::Fresh, Ownership::Borrowed, Ownership::Static,
    Ownership::Argument};

const char *effectKindName(EffectKind K) {
  switch (K) {
  case EffectKind::Frees:
    return "frees";
  case EffectKind::Moves:
    return "moves";
  case EffectKind::Returns:
    return "returns";
  case EffectKind::Keeps:
    return "keeps";
  case EffectKind::ToGo:
    return "to_go";
  case EffectKind::Releases:
    return "releases";
  }
  return "";
}

const char *ownershipName(Ownership O) {
  switch (O) {
  case Ownership::None:
    return "";
  case Ownership::Fresh:
    return "fresh";
  case Ownership::Borrowed:
    return "borrowed";
  case Ownership::Static:
    return "static";
  case Ownership::Argument:
    return "argument";
  }
  return "";
}

bool CallRef::matchesName(StringRef Callee) const {
  StringRef N = Name;
  if (N.consume_back("*"))
    return compat::startsWith(Callee, N);
  return Callee == N;
}

bool CallRef::operator<(const CallRef &O) const {
  return std::tie(Name, Arg, SameAs) < std::tie(O.Name, O.Arg, O.SameAs);
}

std::string FactSource::describe() const {
  switch (K) {
  case Computed:
    return "summary computed from " + File +
           (Line ? ":" + std::to_string(Line) : std::string());
  case Model: {
    std::string S =
        "model " + sys::path::filename(File).str() + ":" + std::to_string(Line);
    if (!Cite.empty())
      S += ", " + Cite;
    return S;
  }
  case Shape:
    return "shape rule " + Rule;
  }
  return "";
}

const char *const ConditionValues[7] = {"zero",    "nonzero",  "null",
                                        "nonnull", "negative", "nonnegative",
                                        "positive"};

std::string Condition::describe() const {
  std::string What = On == "$ret" ? "its result" : "'" + On + "'";
  if (isZero())
    return What + (Is == "null" ? " is null" : " is 0");
  if (isNonZero())
    return What + (Is == "nonnull" ? " is not null" : " is not 0");
  if (Is == "negative")
    return What + " is negative";
  if (Is == "nonnegative")
    return What + " is not negative";
  return What + " is positive";
}

bool Effect::sortsBefore(const Effect &O) const {
  // The schema's key, then everything else, so that the order is total.
  auto Key = [](const Effect &E) {
    return std::make_tuple(StringRef(effectKindName(E.Kind)), StringRef(E.Path),
                           StringRef(E.Out), StringRef(E.Cond.On),
                           StringRef(E.Cond.Is),
                           StringRef(ownershipName(E.Own)), StringRef(E.Where),
                           StringRef(E.Export), E.Param, E.Retained,
                           StringRef(E.Source.File), E.Source.Line);
  };
  return Key(*this) < Key(O);
}

//===----------------------------------------------------------------------===//
// Access paths.
//===----------------------------------------------------------------------===//

static bool isIdentStart(char C) { return isAlpha(C) || C == '_'; }
static bool isIdentChar(char C) { return isAlnum(C) || C == '_'; }

static std::optional<std::string> identifier(StringRef &S) {
  if (S.empty() || !isIdentStart(S.front()))
    return std::nullopt;
  size_t N = 1;
  while (N < S.size() && isIdentChar(S[N]))
    ++N;
  std::string Out = S.take_front(N).str();
  S = S.drop_front(N);
  return Out;
}

std::optional<AccessPath> AccessPath::parse(StringRef S) {
  AccessPath P;
  if (S == "library") {
    P.Root = Library;
    return P;
  }
  P.Deref = S.consume_front("*");
  if (S.consume_front("$")) {
    if (S.consume_front("ret")) {
      P.Root = Ret;
    } else {
      size_t N = 0;
      while (N < S.size() && isDigit(S[N]))
        ++N;
      if (N == 0 || S[0] == '0' || S.take_front(N).getAsInteger(10, P.Index) ||
          P.Index > 1024)
        return std::nullopt;
      S = S.drop_front(N);
      P.Root = Param;
    }
  } else if (std::optional<std::string> G = identifier(S)) {
    P.Root = Global;
    P.GlobalName = *G;
  } else {
    return std::nullopt;
  }
  while (!S.empty()) {
    Step St;
    bool Arrow = S.consume_front("->");
    if (Arrow || S.consume_front(".")) {
      St.K = Arrow ? Step::Arrow : Step::Dot;
      std::optional<std::string> F = identifier(S);
      if (!F)
        return std::nullopt;
      St.Field = *F;
    } else if (S.consume_front("[")) {
      if (S.consume_front("*")) {
        St.K = Step::AnyIndex;
      } else {
        size_t N = 0;
        while (N < S.size() && isDigit(S[N]))
          ++N;
        if (N == 0 || S.take_front(N).getAsInteger(10, St.N))
          return std::nullopt;
        S = S.drop_front(N);
        St.K = Step::Index;
      }
      if (!S.consume_front("]"))
        return std::nullopt;
    } else {
      return std::nullopt;
    }
    P.Steps.push_back(std::move(St));
  }
  return P;
}

std::string AccessPath::selectors() const {
  std::string S;
  for (const Step &St : Steps) {
    switch (St.K) {
    case Step::Arrow:
      S += "->" + St.Field;
      break;
    case Step::Dot:
      S += "." + St.Field;
      break;
    case Step::Index:
      S += "[" + std::to_string(St.N) + "]";
      break;
    case Step::AnyIndex:
      S += "[*]";
      break;
    }
  }
  return S;
}

//===----------------------------------------------------------------------===//
// The table.
//===----------------------------------------------------------------------===//

/// Whether two effects say the same, wherever each came from.
static bool sameFact(const Effect &A, const Effect &B) {
  auto Key = [](const Effect &E) {
    return std::tie(E.Kind, E.Path, E.Always, E.Own, E.Out, E.ReleaseWith,
                    E.InvalidatedBy, E.Where, E.Until, E.Export, E.Param,
                    E.Retained, E.RootType, E.Cond.On, E.Cond.Is);
  };
  return Key(A) == Key(B);
}

void SummaryTable::add(FunctionSummary S, SummaryOrigin O) {
  auto It = Map.find(S.Name);
  if (It != Map.end() && It->second.first > O)
    return;
  if (It != Map.end() && It->second.first == O) {
    // One origin: the files merge (docs/summaries.md, "Precedence").
    FunctionSummary &Old = It->second.second;
    Old.GoCalled |= S.GoCalled;
    for (Effect &E : S.Effects)
      if (llvm::none_of(Old.Effects,
                        [&](const Effect &X) { return sameFact(X, E); }))
        Old.Effects.push_back(std::move(E));
    return;
  }
  std::string Name = S.Name;
  Map.insert_or_assign(Name, std::make_pair(O, std::move(S)));
}

std::vector<const FunctionSummary *> SummaryTable::all() const {
  std::vector<const FunctionSummary *> Out;
  for (const auto &E : Map)
    Out.push_back(&E.second.second);
  llvm::sort(Out, [](const FunctionSummary *A, const FunctionSummary *B) {
    return A->Name < B->Name;
  });
  return Out;
}

const FunctionSummary *SummaryTable::lookup(StringRef Name) const {
  auto It = Map.find(Name);
  return It == Map.end() ? nullptr : &It->second.second;
}

std::vector<const FunctionSummary *> SummaryTable::computed() const {
  std::vector<const FunctionSummary *> Out;
  for (const auto &E : Map)
    if (E.second.first == SummaryOrigin::Computed)
      Out.push_back(&E.second.second);
  llvm::sort(Out, [](const FunctionSummary *A, const FunctionSummary *B) {
    return A->Name < B->Name;
  });
  return Out;
}

//===----------------------------------------------------------------------===//
// Reading.
//===----------------------------------------------------------------------===//

namespace {
/// Reads one parsed file; the first error wins.
class Reader {
public:
  Reader(const JsonText &Text, StringRef Name) : Text(Text), Name(Name) {}

  Error file(const JsonNode &Root, std::vector<FunctionSummary> &Out);

private:
  Error at(size_t Offset, const Twine &Msg) const {
    auto [Line, Col] = Text.lineCol(Offset);
    return createStringError(inconvertibleErrorCode(), "%s:%u:%u: %s",
                             Name.str().c_str(), Line, Col, Msg.str().c_str());
  }
  Error at(const JsonNode &N, const Twine &Msg) const {
    return at(N.Offset, Msg);
  }

  /// Member \p Key of \p Obj if it has kind \p K; null if absent and not
  /// \p Required. \p Err is set on a missing or mistyped member.
  const JsonNode *member(const JsonNode &Obj, StringRef Key, JsonNode::Kind K,
                         bool Required, Error &Err) const;
  Error path(const JsonNode &Obj, StringRef Key, bool Required,
             bool AllowLibrary, std::string &Out) const;
  Error calls(const JsonNode &Obj, StringRef Key,
              std::vector<CallRef> &Out) const;
  Error condition(const JsonNode &Obj, Condition &Out) const;
  Error effect(const JsonNode &N, bool Models, Effect &Out) const;
  Error function(const JsonNode &N, bool Models, FunctionSummary &Out) const;

  const JsonText &Text;
  StringRef Name;
};
} // namespace

const JsonNode *Reader::member(const JsonNode &Obj, StringRef Key,
                               JsonNode::Kind K, bool Required,
                               Error &Err) const {
  const JsonNode *V = Obj.get(Key);
  if (!V) {
    if (Required)
      Err = at(Obj, "missing '" + Key + "'");
    return nullptr;
  }
  bool Ok = V->K == K || (K == JsonNode::Number && V->K == JsonNode::Integer);
  if (!Ok) {
    Err = at(*V, "'" + Key + "' must be " + JsonNode::kindName(K));
    return nullptr;
  }
  return V;
}

#define TRY(E)                                                                 \
  if (Error Err_ = (E))                                                        \
  return Err_

#define MEMBER(Var, Obj, Key, Kind, Required)                                  \
  Error Var##Err = Error::success();                                           \
  const JsonNode *Var = member(Obj, Key, JsonNode::Kind, Required, Var##Err);  \
  if (Var##Err)                                                                \
  return Var##Err

static const char PathGrammar[] =
    " (root $N, $ret or a global, then ->f, .f, [N] or [*]; optional "
    "leading *)";

Error Reader::path(const JsonNode &Obj, StringRef Key, bool Required,
                   bool AllowLibrary, std::string &Out) const {
  MEMBER(V, Obj, Key, String, Required);
  if (!V)
    return Error::success();
  std::optional<AccessPath> P = AccessPath::parse(V->Str);
  if (P && P->Root == AccessPath::Library && !AllowLibrary)
    return at(*V, "'" + Key + "' may not be 'library' here");
  if (!P)
    return at(*V, "'" + Key + "' is not an access path: '" + V->Str + "'" +
                      PathGrammar);
  Out = V->Str;
  return Error::success();
}

Error Reader::calls(const JsonNode &Obj, StringRef Key,
                    std::vector<CallRef> &Out) const {
  MEMBER(List, Obj, Key, Array, false);
  if (!List)
    return Error::success();
  for (const JsonNode &C : List->Items) {
    if (C.K != JsonNode::Object)
      return at(C, "each entry of '" + Key + "' must be an object");
    CallRef R;
    MEMBER(N, C, "name", String, true);
    StringRef NameText = N->Str;
    StringRef Stem = NameText;
    Stem.consume_back("*");
    StringRef Rest = Stem;
    if (!identifier(Rest) || !Rest.empty())
      return at(*N, "'name' must be a C function name or a prefix ending in "
                    "'*': '" +
                        NameText + "'");
    R.Name = N->Str;
    MEMBER(A, C, "arg", Integer, true);
    if (A->Int < 0 || A->Int > 1024)
      return at(*A, "'arg' must be 0 (any call) or an argument number");
    R.Arg = static_cast<unsigned>(A->Int);
    TRY(path(C, "same_as", false, false, R.SameAs));
    Out.push_back(std::move(R));
  }
  return Error::success();
}

Error Reader::condition(const JsonNode &Obj, Condition &Out) const {
  MEMBER(C, Obj, "condition", Object, false);
  if (!C)
    return Error::success();
  MEMBER(On, *C, "on", String, true);
  std::optional<AccessPath> P = AccessPath::parse(On->Str);
  bool Ret = P && P->Root == AccessPath::Ret && !P->Deref && P->Steps.empty();
  bool OutParam =
      P && P->Root == AccessPath::Param && P->Deref && P->Steps.empty();
  if (!Ret && !OutParam)
    return at(*On,
              "'on' must be $ret or an out-parameter *$N: '" + On->Str + "'");
  MEMBER(Is, *C, "is", String, true);
  if (!llvm::is_contained(ConditionValues, StringRef(Is->Str)))
    return at(*Is, "'is' must be one of zero, nonzero, null, nonnull, "
                   "negative, nonnegative, positive");
  Out.On = On->Str;
  Out.Is = Is->Str;
  return Error::success();
}

Error Reader::effect(const JsonNode &N, bool Models, Effect &Out) const {
  if (N.K != JsonNode::Object)
    return at(N, "each effect must be an object");
  MEMBER(K, N, "effect", String, true);
  auto Kind = llvm::find_if(
      AllEffects, [&](EffectKind E) { return K->Str == effectKindName(E); });
  if (Kind == std::end(AllEffects))
    return at(*K, "'effect' must be one of frees, moves, returns, keeps, "
                  "to_go, releases");
  Out.Kind = *Kind;
  switch (Out.Kind) {
  case EffectKind::Frees:
  case EffectKind::Moves: {
    TRY(path(N, "path", true, false, Out.Path));
    MEMBER(W, N, "when", String, true);
    if (W->Str != "always" && W->Str != "maybe")
      return at(*W, "'when' must be one of always, maybe");
    Out.Always = W->Str == "always";
    break;
  }
  case EffectKind::Returns: {
    MEMBER(O, N, "ownership", String, true);
    auto Own = llvm::find_if(
        AllOwnerships, [&](Ownership X) { return O->Str == ownershipName(X); });
    if (Own == std::end(AllOwnerships))
      return at(*O, "'ownership' must be one of fresh, borrowed, static, "
                    "argument");
    Out.Own = *Own;
    // fresh and static: where the pointer comes out, $ret unless said.
    bool Owner =
        Out.Own == Ownership::Borrowed || Out.Own == Ownership::Argument;
    TRY(path(N, "path", Owner, Out.Own == Ownership::Borrowed, Out.Path));
    if (Out.Path.empty())
      Out.Path = "$ret";
    TRY(path(N, "out", false, false, Out.Out));
    MEMBER(R, N, "release_with", String, false);
    if (R)
      Out.ReleaseWith = R->Str;
    TRY(calls(N, "invalidated_by", Out.InvalidatedBy));
    break;
  }
  case EffectKind::Keeps: {
    TRY(path(N, "path", true, false, Out.Path));
    TRY(path(N, "where", true, true, Out.Where));
    TRY(calls(N, "until", Out.Until));
    break;
  }
  case EffectKind::ToGo: {
    TRY(path(N, "path", true, false, Out.Path));
    MEMBER(E, N, "export", String, true);
    Out.Export = E->Str;
    MEMBER(P, N, "param", Integer, true);
    if (P->Int < 1 || P->Int > 1024)
      return at(*P, "'param' must be an argument number from 1");
    Out.Param = static_cast<unsigned>(P->Int);
    MEMBER(R, N, "retained", Bool, true);
    Out.Retained = R->Boolean;
    break;
  }
  case EffectKind::Releases: {
    MEMBER(E, N, "export", String, true);
    Out.Export = E->Str;
    break;
  }
  }
  TRY(condition(N, Out.Cond));
  MEMBER(RT, N, "root_type", String, false);
  if (RT)
    Out.RootType = RT->Str;
  if (Models) {
    MEMBER(C, N, "cite", String, false);
    Out.Source.K = FactSource::Model;
    Out.Source.File = Name.str();
    Out.Source.Line = Text.lineCol(N.Offset).first;
    if (C)
      Out.Source.Cite = C->Str;
    return Error::success();
  }
  MEMBER(S, N, "source", Object, true);
  MEMBER(SK, *S, "kind", String, true);
  if (SK->Str == "computed")
    Out.Source.K = FactSource::Computed;
  else if (SK->Str == "model")
    Out.Source.K = FactSource::Model;
  else if (SK->Str == "shape")
    Out.Source.K = FactSource::Shape;
  else
    return at(*SK, "'kind' must be one of computed, model, shape");
  MEMBER(F, *S, "file", String, false);
  MEMBER(L, *S, "line", Integer, false);
  MEMBER(C, *S, "cite", String, false);
  MEMBER(R, *S, "rule", String, false);
  if (F)
    Out.Source.File = F->Str;
  if (L && L->Int > 0)
    Out.Source.Line = static_cast<unsigned>(L->Int);
  if (C)
    Out.Source.Cite = C->Str;
  if (R)
    Out.Source.Rule = R->Str;
  return Error::success();
}

Error Reader::function(const JsonNode &N, bool Models,
                       FunctionSummary &Out) const {
  if (N.K != JsonNode::Object)
    return at(N, "each function must be an object");
  MEMBER(Nm, N, "name", String, true);
  StringRef Rest = Nm->Str;
  if (!identifier(Rest) || !Rest.empty())
    return at(*Nm, "'name' must be a C function name: '" + Nm->Str + "'");
  Out.Name = Nm->Str;
  MEMBER(Effects, N, "effects", Array, true);
  MEMBER(Loc, N, "location", String, false);
  if (Loc)
    Out.Location = Loc->Str;
  MEMBER(GC, N, "go_called", Bool, false);
  Out.GoCalled = GC && GC->Boolean;
  MEMBER(Cite, N, "cite", String, false);
  Out.Origin.K = Models ? FactSource::Model : FactSource::Computed;
  Out.Origin.File = Name.str();
  Out.Origin.Line = Text.lineCol(N.Offset).first;
  if (Cite)
    Out.Origin.Cite = Cite->Str;
  for (const JsonNode &E : Effects->Items) {
    Effect Eff;
    TRY(effect(E, Models, Eff));
    Out.Effects.push_back(std::move(Eff));
  }
  return Error::success();
}

Error Reader::file(const JsonNode &Root, std::vector<FunctionSummary> &Out) {
  if (Root.K != JsonNode::Object)
    return at(Root, "the top level must be a JSON object");
  MEMBER(V, Root, "version", Integer, true);
  if (V->Int != SummariesVersion)
    return at(*V, "unsupported version " + Twine(V->Int) +
                      " (this reader knows version 1)");
  MEMBER(K, Root, "kind", String, true);
  if (K->Str != "models" && K->Str != "summaries")
    return at(*K, "'kind' must be 'models' or 'summaries'");
  bool Models = K->Str == "models";
  MEMBER(Lib, Root, "library", String, Models);
  (void)Lib;
  MEMBER(Fns, Root, "functions", Array, true);
  for (const JsonNode &F : Fns->Items) {
    FunctionSummary S;
    TRY(function(F, Models, S));
    Out.push_back(std::move(S));
  }
  return Error::success();
}

#undef MEMBER
#undef TRY

Error parseSummaryText(StringRef Text, StringRef Name,
                       std::vector<FunctionSummary> &Out) {
  JsonText JT(Text);
  Expected<JsonNode> Root = JT.parse();
  if (!Root)
    return createStringError(inconvertibleErrorCode(), "%s:%s",
                             Name.str().c_str(),
                             toString(Root.takeError()).c_str());
  return Reader(JT, Name).file(*Root, Out);
}

Error readSummaryFile(StringRef Path, std::vector<FunctionSummary> &Out) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return createStringError(Buf.getError(), "%s:1:1: cannot read it: %s",
                             Path.str().c_str(),
                             Buf.getError().message().c_str());
  return parseSummaryText((*Buf)->getBuffer(), Path, Out);
}

/// The files of one entry of a path list: the file itself, or every *.json
/// of a folder in name order.
static Error filesOf(StringRef Entry, std::vector<std::string> &Files) {
  if (!sys::fs::is_directory(Entry)) {
    Files.push_back(Entry.str());
    return Error::success();
  }
  std::error_code EC;
  std::vector<std::string> Found;
  for (sys::fs::directory_iterator It(Entry, EC), End; It != End && !EC;
       It.increment(EC))
    if (compat::endsWith(It->path(), ".json"))
      Found.push_back(It->path());
  if (EC)
    return createStringError(EC, "%s:1:1: cannot list it: %s",
                             Entry.str().c_str(), EC.message().c_str());
  llvm::sort(Found);
  Files.insert(Files.end(), Found.begin(), Found.end());
  return Error::success();
}

Error loadSummaries(StringRef Paths, SummaryOrigin O, SummaryTable &T) {
  SmallVector<StringRef, 4> Entries;
  Paths.split(Entries, ';', -1, /*KeepEmpty=*/false);
  for (StringRef E : Entries) {
    E = E.trim();
    if (E.empty())
      continue;
    std::vector<std::string> Files;
    if (Error Err = filesOf(E, Files))
      return Err;
    for (const std::string &F : Files) {
      std::vector<FunctionSummary> Fns;
      if (Error Err = readSummaryFile(F, Fns))
        return Err;
      for (FunctionSummary &S : Fns)
        T.add(std::move(S), O);
    }
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Writing.
//===----------------------------------------------------------------------===//

static void str(raw_ostream &OS, StringRef S) { OS << json::Value(S.str()); }

static void member(raw_ostream &OS, StringRef Key, StringRef Value) {
  OS << ", ";
  str(OS, Key);
  OS << ": ";
  str(OS, Value);
}

static void callList(raw_ostream &OS, StringRef Key,
                     const std::vector<CallRef> &Calls) {
  if (Calls.empty())
    return;
  OS << ", ";
  str(OS, Key);
  OS << ": [";
  ListSeparator LS(", ");
  for (const CallRef &C : Calls) {
    OS << LS << "{ \"name\": ";
    str(OS, C.Name);
    OS << ", \"arg\": " << C.Arg;
    if (!C.SameAs.empty())
      member(OS, "same_as", C.SameAs);
    OS << " }";
  }
  OS << "]";
}

static void writeEffect(raw_ostream &OS, const Effect &E) {
  OS << "{ \"effect\": ";
  str(OS, effectKindName(E.Kind));
  switch (E.Kind) {
  case EffectKind::Frees:
  case EffectKind::Moves:
    member(OS, "path", E.Path);
    member(OS, "when", E.Always ? "always" : "maybe");
    break;
  case EffectKind::Returns:
    member(OS, "ownership", ownershipName(E.Own));
    member(OS, "path", E.Path);
    if (!E.Out.empty())
      member(OS, "out", E.Out);
    if (!E.ReleaseWith.empty())
      member(OS, "release_with", E.ReleaseWith);
    callList(OS, "invalidated_by", E.InvalidatedBy);
    break;
  case EffectKind::Keeps:
    member(OS, "path", E.Path);
    member(OS, "where", E.Where);
    callList(OS, "until", E.Until);
    break;
  case EffectKind::ToGo:
    member(OS, "path", E.Path);
    member(OS, "export", E.Export);
    OS << ", \"param\": " << E.Param
       << ", \"retained\": " << (E.Retained ? "true" : "false");
    break;
  case EffectKind::Releases:
    member(OS, "export", E.Export);
    break;
  }
  if (!E.Cond.empty()) {
    OS << ", \"condition\": { \"on\": ";
    str(OS, E.Cond.On);
    OS << ", \"is\": ";
    str(OS, E.Cond.Is);
    OS << " }";
  }
  if (!E.RootType.empty())
    member(OS, "root_type", E.RootType);
  const FactSource &S = E.Source;
  OS << ",\n          \"source\": { \"kind\": ";
  switch (S.K) {
  case FactSource::Computed:
    OS << "\"computed\"";
    member(OS, "file", S.File);
    OS << ", \"line\": " << S.Line;
    break;
  case FactSource::Model:
    OS << "\"model\"";
    member(OS, "file", S.File);
    OS << ", \"line\": " << S.Line;
    member(OS, "cite", S.Cite);
    break;
  case FactSource::Shape:
    OS << "\"shape\"";
    member(OS, "rule", S.Rule);
    break;
  }
  OS << " } }";
}

std::string writeSummaries(std::vector<FunctionSummary> Functions,
                           StringRef Generator) {
  llvm::sort(Functions, [](const FunctionSummary &A, const FunctionSummary &B) {
    return A.Name < B.Name;
  });
  std::string Out;
  raw_string_ostream OS(Out);
  OS << "{\n  \"version\": " << SummariesVersion
     << ",\n  \"kind\": \"summaries\",\n  \"generator\": ";
  str(OS, Generator);
  OS << ",\n  \"functions\": [";
  ListSeparator FS(",");
  for (FunctionSummary &F : Functions) {
    llvm::sort(F.Effects, [](const Effect &A, const Effect &B) {
      return A.sortsBefore(B);
    });
    OS << FS << "\n    { \"name\": ";
    str(OS, F.Name);
    if (!F.Location.empty())
      member(OS, "location", F.Location);
    if (F.GoCalled)
      OS << ", \"go_called\": true";
    OS << ",\n      \"effects\": [";
    ListSeparator ES(",");
    for (const Effect &E : F.Effects) {
      OS << ES << "\n        ";
      writeEffect(OS, E);
    }
    OS << (F.Effects.empty() ? "] }" : "\n      ] }");
  }
  OS << (Functions.empty() ? "]\n}\n" : "\n  ]\n}\n");
  return Out;
}

} // namespace cgo
