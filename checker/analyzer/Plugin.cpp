// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Plugin.cpp - Registering the cgo checkers with Clang -----*- C++ -*-===//
//
// Entry points that clang looks up when it loads CgoLifetime.so:
// clang_registerCheckers and clang_analyzerAPIVersionString. The plugin API is
// matched by exact clang version, so the plugin is rebuilt per clang release.
//
//===----------------------------------------------------------------------===//

#include "CgoLifetimeChecker.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Core/BugReporter/CommonBugCategories.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <dlfcn.h>

using namespace clang;
using namespace ento;
using namespace llvm;

namespace cgo {

static constexpr llvm::StringLiteral Package = "cgo";
// Where each checker's documentation page lives; set by CMake
// (CGO_DOCS_BASE_URL), by default the installed docs directory.
#ifndef CGO_DOCS_BASE_URL
#define CGO_DOCS_BASE_URL "file:///usr/local/share/doc/cgo-lifetime/checkers/"
#endif

namespace {
/// A checker option of the cgo package: name, description.
struct OptionSpec {
  llvm::StringLiteral Name;
  llvm::StringLiteral Description;
};
} // namespace

static const OptionSpec StringOptions[] = {
    {"Manifest", "Path of the boundary manifest written by cgo-boundary "
                 "(docs/manifest.md). Empty: no manifest."},
    {"Exports", "Extra Go exports (//export functions declared by hand), "
                "separated by ';'."},
    {"RetainingParams",
     "Go export parameters that Go keeps after the call, as NAME:POSITION "
     "(1-based), separated by ';'."},
    {"ReleasingParams",
     "Go export parameters whose reference Go drops (for example delete(m, "
     "p)), as NAME:POSITION, separated by ';'."},
    {"GoCalled", "C functions that Go calls, separated by ';'."},
    {"GoGlobals", "C globals that Go reads, separated by ';'."},
    {"Allocators", "Extra allocation functions, separated by ';'."},
    {"Deallocators", "Extra deallocation functions, as NAME or NAME:POSITION "
                     "(1-based), separated by ';'."},
    {"NoEscape", "C functions under '#cgo noescape' (Go 1.24+), separated by "
                 "';'; normally from the manifest."},
    {"NoCallback", "C functions under '#cgo nocallback' (Go 1.24+), separated "
                   "by ';'; normally from the manifest."},
    {"TakesOwnership",
     "Go-called functions that take ownership of an argument, as "
     "NAME:POSITION (1-based), separated by ';'."},
    {"HandleArgs",
     "Arguments of Go-called functions at which Go passes an integer as a "
     "pointer (a runtime/cgo.Handle), as NAME:POSITION, separated by ';'."},
    {"Models",
     "Library models to read after the shipped ones (docs/models.md): models "
     "files or folders of them, separated by ';'; for one function, a later "
     "file overrides an earlier one."},
    {"Summaries",
     "Function summaries of the package computed by an earlier run "
     "(cgo-lifetime --summaries; docs/summaries.md), separated by ';'. They "
     "override models."},
    {"SummaryOutput",
     "Write the summaries of the functions defined in the translation unit's "
     "main file to this file ('-': standard output)."},
};

/// A boolean checker option of the cgo package: name, default, description.
struct BoolOptionSpec {
  llvm::StringLiteral Name;
  bool Default;
  llvm::StringLiteral Description;
};

static const BoolOptionSpec BoolOptions[] = {
    {"ShippedModels", true,
     "Read the library models shipped with cgo-lifetime "
     "(share/cgo-lifetime/models beside the plugin) before cgo:Models."},
    {"ShapeCallbackUserdata", false,
     "Shape rule callback-userdata: a function with no body, model or "
     "summary that takes a function pointer and, after it, a 'void *' keeps "
     "that 'void *'."},
    {"ShapeDestructorName", true,
     "Shape rule destructor-name: a function with no body, model or summary "
     "named *_free, *_destroy, *_unref, *_release or *_close frees its first "
     "pointer parameter."},
};

static void reportSetupError(CheckerManager &Mgr, const Twine &Msg) {
  DiagnosticsEngine &Diags = Mgr.getASTContext().getDiagnostics();
  unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0");
  Diags.Report(ID) << ("cgo-lifetime: " + Msg).str();
}

static StringRef option(CheckerManager &Mgr, StringRef Name) {
  return Mgr.getAnalyzerOptions().getCheckerStringOption(Package, Name);
}

static void addParams(CheckerManager &Mgr, StringRef OptName, ParamEffect E,
                      BoundaryFacts &Facts) {
  auto List = splitPositionList(option(Mgr, OptName));
  if (!List) {
    reportSetupError(Mgr, "invalid value for option 'cgo:" + OptName +
                              "': " + toString(List.takeError()));
    return;
  }
  for (auto &[Name, Pos] : *List) {
    ParamFact &F = Facts.Exports[Name].Params[Pos];
    F.Effect = E;
    F.Evidence = ("named in checker option 'cgo:" + OptName + "'").str();
    if (Facts.Exports[Name].Evidence.empty())
      Facts.Exports[Name].Evidence = F.Evidence;
  }
}

static void addPositions(CheckerManager &Mgr, StringRef OptName,
                         StringMap<SmallVector<unsigned, 2>> &Out) {
  auto List = splitPositionList(option(Mgr, OptName));
  if (!List) {
    reportSetupError(Mgr, "invalid value for option 'cgo:" + OptName +
                              "': " + toString(List.takeError()));
    return;
  }
  for (auto &[Name, Pos] : *List)
    Out[Name].push_back(Pos);
}

static void addNames(CheckerManager &Mgr, StringRef OptName,
                     StringMap<std::string> &Out) {
  for (const std::string &Name : splitNameList(option(Mgr, OptName)))
    Out[Name] = ("named in checker option 'cgo:" + OptName + "'").str();
}

static bool boolOption(CheckerManager &Mgr, StringRef Name) {
  return Mgr.getAnalyzerOptions().getCheckerBooleanOption(Package, Name);
}

/// share/cgo-lifetime/models beside the plugin: in the build tree
/// (lib/CgoLifetime.so) or the install tree (lib/cgo-lifetime/CgoLifetime.so).
static std::string shippedModelsDir() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&shippedModelsDir), &Info) ||
      !Info.dli_fname)
    return "";
  SmallString<256> Dir(Info.dli_fname);
  sys::path::remove_filename(Dir);
  for (const char *Up : {"..", "../.."}) {
    SmallString<256> Candidate(Dir);
    sys::path::append(Candidate, Up, "share", "cgo-lifetime", "models");
    sys::path::remove_dots(Candidate, /*remove_dot_dot=*/true);
    if (sys::fs::is_directory(Candidate))
      return Candidate.str().str();
  }
  return "";
}

/// The models (shipped, then the user's) and the summaries of earlier runs,
/// by precedence; the shape rules; where to write this unit's summaries.
static SummaryConfig readSummaryConfig(CheckerManager &Mgr) {
  SummaryConfig Config;
  Config.Rules.CallbackUserdata = boolOption(Mgr, "ShapeCallbackUserdata");
  Config.Rules.DestructorName = boolOption(Mgr, "ShapeDestructorName");
  Config.OutputPath = option(Mgr, "SummaryOutput").str();
  auto Load = [&](StringRef Paths, SummaryOrigin O) {
    if (Error E = loadSummaries(Paths, O, Config.Table))
      reportSetupError(Mgr, toString(std::move(E)));
  };
  if (boolOption(Mgr, "ShippedModels"))
    Load(shippedModelsDir(), SummaryOrigin::Shipped);
  Load(option(Mgr, "Models"), SummaryOrigin::User);
  Load(option(Mgr, "Summaries"), SummaryOrigin::Computed);
  return Config;
}

/// Options first, then the manifest, which overrides them.
static BoundaryFacts readFacts(CheckerManager &Mgr) {
  BoundaryFacts Facts;
  for (const std::string &Name : splitNameList(option(Mgr, "Exports")))
    Facts.Exports[Name].Evidence = "named in checker option 'cgo:Exports'";
  addParams(Mgr, "RetainingParams", ParamEffect::Retain, Facts);
  addParams(Mgr, "ReleasingParams", ParamEffect::Release, Facts);
  addNames(Mgr, "GoCalled", Facts.GoCalled);
  addNames(Mgr, "GoGlobals", Facts.GoGlobals);
  addNames(Mgr, "Allocators", Facts.Allocators);
  addPositions(Mgr, "Deallocators", Facts.Deallocators);
  addPositions(Mgr, "TakesOwnership", Facts.TakesOwnership);
  addPositions(Mgr, "HandleArgs", Facts.HandleArgs);
  for (const std::string &Name : splitNameList(option(Mgr, "NoEscape")))
    Facts.NoEscape[Name] = "(checker option 'cgo:NoEscape')";
  for (const std::string &Name : splitNameList(option(Mgr, "NoCallback")))
    Facts.NoCallback[Name] = "(checker option 'cgo:NoCallback')";

  StringRef Path = option(Mgr, "Manifest");
  if (!Path.empty())
    if (Error E = readManifest(Path, Facts))
      reportSetupError(Mgr, "cannot use manifest '" + Path +
                                "': " + toString(std::move(E)));
  return Facts;
}

/// The facts are read first: the checker is built from them (its model, and
/// the configured allocators in its table of memory functions).
static void registerBoundaryModel(CheckerManager &Mgr) {
  Mgr.registerChecker<CgoLifetimeChecker>(readFacts(Mgr),
                                          readSummaryConfig(Mgr));
}

static void registerDumpSummaries(CheckerManager &Mgr) {
  auto *Chk = Mgr.getChecker<CgoLifetimeChecker>();
  Chk->DumpSummaries = true;
  Chk->enableSummaries();
}

static void registerDumpFacts(CheckerManager &Mgr) {
  dumpFacts(llvm::outs(),
            Mgr.getChecker<CgoLifetimeChecker>()->summaryTable().all());
  llvm::outs().flush();
}

static void registerDumpShapeRules(CheckerManager &Mgr) {
  Mgr.getChecker<CgoLifetimeChecker>()->DumpShapeRules = true;
}

static bool shouldRegister(const CheckerManager &) { return true; }

/// The user-facing checkers (Checkers.def): one checker class, a flag and a
/// bug type each. The registry keeps StringRefs to every string it is given,
/// so all of them are literals with static storage.
struct CheckerSpec {
  CgoLifetimeChecker::CheckKind Kind;
  llvm::StringLiteral Name;     ///< Interface: scripts and docs use it.
  llvm::StringLiteral DocUri;   ///< The checker's documentation page.
  llvm::StringLiteral BugTitle; ///< The bug type's short description.
  llvm::StringLiteral Help;     ///< -analyzer-checker-help.
};

static constexpr CheckerSpec Checkers[] = {
#define CGO_C_CHECKER(ID, NAME, RULE, PAGE, TIDY, TITLE, HELP, DESCRIPTION,    \
                      FIX)                                                     \
  {CgoLifetimeChecker::CK_##ID, NAME, CGO_DOCS_BASE_URL PAGE, TITLE, HELP},
#include "cgo-lifetime/Checkers.def"
};

/// The hidden modelling checker that the others depend on.
struct ModelSpec {
  llvm::StringLiteral Name;
  llvm::StringLiteral Help;
};
static constexpr ModelSpec ModelChecker = {
#define CGO_MODEL_CHECKER(ID, NAME, HELP) NAME, HELP
#include "cgo-lifetime/Checkers.def"
};
/// The debug checkers, in the order of Checkers.def, and what registers
/// each.
static constexpr ModelSpec DebugCheckers[] = {
#define CGO_DEBUG_CHECKER(ID, NAME, HELP) {NAME, HELP},
#include "cgo-lifetime/Checkers.def"
};
static constexpr void (*const DebugRegisterFns[])(CheckerManager &) = {
#define CGO_DEBUG_CHECKER(ID, NAME, HELP) register##ID,
#include "cgo-lifetime/Checkers.def"
};
static_assert(std::size(DebugCheckers) == std::size(DebugRegisterFns),
              "one register function per debug checker");

template <CgoLifetimeChecker::CheckKind K>
static void registerKind(CheckerManager &Mgr) {
  auto *Chk = Mgr.getChecker<CgoLifetimeChecker>();
  Chk->ChecksEnabled[K] = true;
  Chk->BugTypes[K] =
      std::make_unique<BugType>(Mgr.getCurrentCheckerName(),
                                Checkers[K].BugTitle, categories::MemoryError);
}

/// registerKind<K> for each kind, indexed by kind.
static constexpr void (*const RegisterFns[])(CheckerManager &) = {
#define CGO_C_CHECKER(ID, ...) registerKind<CgoLifetimeChecker::CK_##ID>,
#include "cgo-lifetime/Checkers.def"
};
static_assert(std::size(Checkers) == CgoLifetimeChecker::CK_NumKinds &&
                  std::size(RegisterFns) == CgoLifetimeChecker::CK_NumKinds,
              "one entry per check kind");

} // namespace cgo

using namespace cgo;

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;

extern "C" void clang_registerCheckers(CheckerRegistry &Registry) {
  Registry.addPackage(Package);
  Registry.addChecker(registerBoundaryModel, shouldRegister, ModelChecker.Name,
                      ModelChecker.Help, "", /*IsHidden=*/true);
  for (const CheckerSpec &C : Checkers) {
    assert(Checkers[C.Kind].Kind == C.Kind && "table out of order");
    Registry.addChecker(RegisterFns[C.Kind], shouldRegister, C.Name, C.Help,
                        C.DocUri, /*IsHidden=*/false);
    Registry.addDependency(C.Name, ModelChecker.Name);
  }
  for (size_t I = 0; I < std::size(DebugCheckers); ++I) {
    Registry.addChecker(DebugRegisterFns[I], shouldRegister,
                        DebugCheckers[I].Name, DebugCheckers[I].Help, "",
                        /*IsHidden=*/true);
    Registry.addDependency(DebugCheckers[I].Name, ModelChecker.Name);
  }
  for (const OptionSpec &O : StringOptions)
    Registry.addPackageOption("string", Package, O.Name, "", O.Description,
                              "released");
  for (const BoolOptionSpec &O : BoolOptions)
    Registry.addPackageOption("bool", Package, O.Name,
                              O.Default ? "true" : "false", O.Description,
                              "released");
}
