// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Manifest.cpp - Reading the boundary manifest -------------*- C++ -*-===//
//
// The manifest is JSON (docs/manifest.md). It is read with LLVM's JSON
// library; every error names what is wrong so that the plugin can print one
// line and carry on without the manifest's facts.
//
//===----------------------------------------------------------------------===//

#include "Manifest.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

namespace cgo {

const char *effectName(ParamEffect E) {
  switch (E) {
  case ParamEffect::Unknown:
    return CGO_EFFECT_UNKNOWN;
  case ParamEffect::Borrow:
    return CGO_EFFECT_BORROW;
  case ParamEffect::Retain:
    return CGO_EFFECT_RETAIN;
  case ParamEffect::Release:
    return CGO_EFFECT_RELEASE;
  }
  return CGO_EFFECT_UNKNOWN;
}

static Error fail(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

/// Returns the array member \p Key of \p Obj, null if absent.
static Expected<const json::Array *> optionalArray(const json::Object &Obj,
                                                   StringRef Key) {
  const json::Value *V = Obj.get(Key);
  if (!V)
    return nullptr;
  if (const json::Array *A = V->getAsArray())
    return A;
  return fail("member '" + Key + "' must be an array");
}

static Expected<std::string> requiredString(const json::Object &Obj,
                                            StringRef Where, StringRef Key) {
  const json::Value *V = Obj.get(Key);
  if (!V)
    return fail(Where + " lacks member '" + Key + "'");
  // auto: llvm::Optional until LLVM 15, std::optional since 16 (Compat.h; this
  // file does without it, so that the fuzz target needs no clang headers).
  auto S = V->getAsString();
  if (!S || S->empty())
    return fail(Where + "." + Key + " must be a non-empty string");
  return S->str();
}

static Expected<std::string> optionalString(const json::Object &Obj,
                                            StringRef Where, StringRef Key) {
  const json::Value *V = Obj.get(Key);
  if (!V)
    return std::string();
  auto S = V->getAsString();
  if (!S)
    return fail(Where + "." + Key + " must be a string");
  return S->str();
}

static Expected<unsigned> position(const json::Object &Obj, StringRef Where,
                                   StringRef Key, bool Required) {
  const json::Value *V = Obj.get(Key);
  if (!V) {
    if (Required)
      return fail(Where + " lacks member '" + Key + "'");
    return 1u;
  }
  auto I = V->getAsInteger();
  if (!I || *I < 1 || *I > 1024)
    return fail(Where + "." + Key + " must be an integer from 1 to 1024");
  return static_cast<unsigned>(*I);
}

static Expected<ParamEffect> parseEffect(StringRef S, StringRef Where) {
  for (ParamEffect E : {ParamEffect::Retain, ParamEffect::Release,
                        ParamEffect::Borrow, ParamEffect::Unknown})
    if (S == effectName(E))
      return E;
  static constexpr char Choices[] =
      " must be one of " CGO_EFFECT_LIST " (got '";
  return fail(Where + "." CGO_MANIFEST_KEY_EFFECT + Choices + S + "')");
}

static Error readParams(const json::Object &Export, StringRef Where,
                        ExportFacts &Out) {
  Expected<const json::Array *> Params =
      optionalArray(Export, CGO_MANIFEST_KEY_PARAMS);
  if (!Params)
    return Params.takeError();
  if (!*Params)
    return Error::success();
  unsigned N = 0;
  for (const json::Value &PV : **Params) {
    std::string PW =
        (Where + "." CGO_MANIFEST_KEY_PARAMS "[" + Twine(N++) + "]").str();
    const json::Object *P = PV.getAsObject();
    if (!P)
      return fail(PW + " must be an object");
    Expected<unsigned> Index =
        position(*P, PW, CGO_MANIFEST_KEY_INDEX, /*Required=*/true);
    if (!Index)
      return Index.takeError();
    Expected<std::string> EffectText =
        requiredString(*P, PW, CGO_MANIFEST_KEY_EFFECT);
    if (!EffectText)
      return EffectText.takeError();
    Expected<ParamEffect> Effect = parseEffect(*EffectText, PW);
    if (!Effect)
      return Effect.takeError();
    Expected<std::string> Name = optionalString(*P, PW, CGO_MANIFEST_KEY_NAME);
    if (!Name)
      return Name.takeError();
    Expected<std::string> Evidence =
        optionalString(*P, PW, CGO_MANIFEST_KEY_EVIDENCE);
    if (!Evidence)
      return Evidence.takeError();
    ParamFact &F = Out.Params[*Index];
    F.Effect = *Effect;
    F.GoName = std::move(*Name);
    F.Evidence = std::move(*Evidence);
  }
  return Error::success();
}

static Error readExports(const json::Object &Root, BoundaryFacts &Facts) {
  Expected<const json::Array *> Exports =
      optionalArray(Root, CGO_MANIFEST_KEY_EXPORTS);
  if (!Exports)
    return Exports.takeError();
  if (!*Exports)
    return Error::success();
  unsigned N = 0;
  for (const json::Value &EV : **Exports) {
    std::string Where = (CGO_MANIFEST_KEY_EXPORTS "[" + Twine(N++) + "]").str();
    const json::Object *E = EV.getAsObject();
    if (!E)
      return fail(Where + " must be an object");
    Expected<std::string> Name =
        requiredString(*E, Where, CGO_MANIFEST_KEY_NAME);
    if (!Name)
      return Name.takeError();
    Expected<std::string> Location =
        optionalString(*E, Where, CGO_MANIFEST_KEY_LOCATION);
    if (!Location)
      return Location.takeError();
    ExportFacts &Out = Facts.Exports[*Name];
    Out.Evidence = Location->empty()
                       ? std::string("listed as a Go export in the manifest")
                       : "exported from Go at " + *Location;
    if (Error Err = readParams(*E, Where, Out))
      return Err;
  }
  return Error::success();
}

/// Calls \p Fn with each element of the array member \p Key of \p Root,
/// which must be an object with a non-empty "name".
static Error forEachNamed(
    const json::Object &Root, StringRef Key,
    function_ref<Error(const json::Object &, StringRef Name, StringRef Where)>
        Fn) {
  Expected<const json::Array *> List = optionalArray(Root, Key);
  if (!List)
    return List.takeError();
  if (!*List)
    return Error::success();
  unsigned N = 0;
  for (const json::Value &V : **List) {
    std::string Where = (Key + "[" + Twine(N++) + "]").str();
    const json::Object *O = V.getAsObject();
    if (!O)
      return fail(Where + " must be an object");
    Expected<std::string> Name =
        requiredString(*O, Where, CGO_MANIFEST_KEY_NAME);
    if (!Name)
      return Name.takeError();
    if (Error E = Fn(*O, *Name, Where))
      return E;
  }
  return Error::success();
}

/// {"name": ..., TextKey: ...} objects into \p Out: name -> Prefix + text,
/// or \p Default when the text is absent.
static Error readNamed(const json::Object &Root, StringRef Key,
                       StringRef TextKey, StringRef Prefix, StringRef Default,
                       StringMap<std::string> &Out) {
  return forEachNamed(
      Root, Key,
      [&](const json::Object &O, StringRef Name, StringRef Where) -> Error {
        Expected<std::string> Text = optionalString(O, Where, TextKey);
        if (!Text)
          return Text.takeError();
        Out[Name] = Text->empty() ? Default.str() : (Prefix + *Text).str();
        return Error::success();
      });
}

/// {"name": ..., "arg": N} objects into \p Out.
static Error readPositions(const json::Object &Root, StringRef Key,
                           StringMap<SmallVector<unsigned, 2>> &Out) {
  return forEachNamed(
      Root, Key,
      [&](const json::Object &O, StringRef Name, StringRef Where) -> Error {
        Expected<unsigned> Arg =
            position(O, Where, CGO_MANIFEST_KEY_ARG, /*Required=*/false);
        if (!Arg)
          return Arg.takeError();
        Out[Name].push_back(*Arg);
        return Error::success();
      });
}

Error parseManifest(StringRef Text, BoundaryFacts &Facts) {
  Expected<json::Value> Parsed = json::parse(Text);
  if (!Parsed)
    return fail("not valid JSON: " + toString(Parsed.takeError()));
  const json::Object *Root = Parsed->getAsObject();
  if (!Root)
    return fail("the top level must be a JSON object");
  const json::Value *Version = Root->get(CGO_MANIFEST_KEY_VERSION);
  if (!Version)
    return fail("no '" CGO_MANIFEST_KEY_VERSION
                "' member (this plugin reads version " +
                Twine(ManifestVersion) + ")");
  auto V = Version->getAsInteger();
  if (!V)
    return fail("'" CGO_MANIFEST_KEY_VERSION "' must be an integer");
  if (*V != ManifestVersion)
    return fail("unsupported schema version " + Twine(*V) +
                " (this plugin reads version " + Twine(ManifestVersion) + ")");

  // Parse into a scratch copy so that a bad manifest adds no facts at all.
  BoundaryFacts Scratch = Facts;
  if (Error E = readExports(*Root, Scratch))
    return E;
  if (Error E = readNamed(
          *Root, CGO_MANIFEST_KEY_GO_CALLED, CGO_MANIFEST_KEY_EVIDENCE, "",
          "listed as Go-called in the manifest", Scratch.GoCalled))
    return E;
  if (Error E = readNamed(
          *Root, CGO_MANIFEST_KEY_GO_GLOBALS, CGO_MANIFEST_KEY_EVIDENCE, "",
          "listed as read by Go in the manifest", Scratch.GoGlobals))
    return E;
  if (Error E = readNamed(
          *Root, CGO_MANIFEST_KEY_ALLOCATORS, CGO_MANIFEST_KEY_EVIDENCE, "",
          "listed as an allocator in the manifest", Scratch.Allocators))
    return E;
  if (Error E = readPositions(*Root, CGO_MANIFEST_KEY_DEALLOCATORS,
                              Scratch.Deallocators))
    return E;
  if (Error E = readPositions(*Root, CGO_MANIFEST_KEY_TAKES_OWNERSHIP,
                              Scratch.TakesOwnership))
    return E;
  if (Error E = readPositions(*Root, CGO_MANIFEST_KEY_HANDLE_ARGS,
                              Scratch.HandleArgs))
    return E;
  if (Error E =
          readNamed(*Root, CGO_MANIFEST_KEY_NOESCAPE, CGO_MANIFEST_KEY_LOCATION,
                    "at ", "in the manifest", Scratch.NoEscape))
    return E;
  if (Error E = readNamed(*Root, CGO_MANIFEST_KEY_NOCALLBACK,
                          CGO_MANIFEST_KEY_LOCATION, "at ", "in the manifest",
                          Scratch.NoCallback))
    return E;
  Facts = std::move(Scratch);
  return Error::success();
}

Error readManifest(StringRef Path, BoundaryFacts &Facts) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return fail("cannot read it: " + Buf.getError().message());
  return parseManifest((*Buf)->getBuffer(), Facts);
}

SmallVector<std::string, 4> splitNameList(StringRef List) {
  SmallVector<StringRef, 8> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  SmallVector<std::string, 4> Out;
  for (StringRef P : Parts) {
    P = P.trim();
    if (!P.empty())
      Out.push_back(P.str());
  }
  return Out;
}

Expected<SmallVector<std::pair<std::string, unsigned>, 4>>
splitPositionList(StringRef List) {
  SmallVector<std::pair<std::string, unsigned>, 4> Out;
  for (const std::string &Item : splitNameList(List)) {
    StringRef Name, Pos;
    std::tie(Name, Pos) = StringRef(Item).split(':');
    unsigned N = 1;
    if (!Pos.empty() && (Pos.trim().getAsInteger(10, N) || N < 1))
      return fail("'" + Item + "' is not NAME or NAME:POSITION (1-based)");
    Out.push_back({Name.trim().str(), N});
  }
  return Out;
}

} // namespace cgo
