// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- CgoLifetimeTidy.cpp - The cgo checkers in clang-tidy -----*- C++ -*-===//
//
// A clang-tidy module (load it with `clang-tidy-N --load CgoLifetimeTidy.so`)
// whose checks run the Clang Static Analyzer engine with the CgoLifetime.so
// plugin over the translation unit clang-tidy has parsed: one check per C-side
// checker of Checkers.def, named by its TIDY argument (cgo-freed-to-go runs
// the analyzer checker FreedToGo, and so on; the list is
// docs/checkers/README.md).
//
// Why a module and not the plugin alone: clang-tidy runs only its built-in
// analyzer checkers; it rewrites -analyzer-checker and strips `-Xclang -load`.
// A plugin could force its checkers on by making a built-in checker depend on
// them, but then `-checks=-...` could not turn them off and every other user
// of the plugin would get them whether asked for or not. Here each cgo checker
// is an ordinary clang-tidy check: enabled and disabled by the Checks glob,
// silenced by NOLINT, and an analyzer checker that no enabled check asks for
// is not run at all (docs/integrations/clang-tidy.md).
//
// The checks of one translation unit share one analyzer run: the first check
// that sees the TU runs the engine with every enabled cgo checker, and each
// report goes to the check of its checker.
//
// Options (CheckOptions; one set for the module):
//   cgo-lifetime.Manifest  boundary manifest (cgo-boundary's manifest.json).
//                          Default: found beside the cgo objdir on the include
//                          path (CACHE/<pkg>/cgo -> CACHE/<pkg>/manifest.json),
//                          which is what cgo-boundary's compile_commands.json
//                          puts there. "none": no manifest.
//   cgo-lifetime.Plugin    CgoLifetime.so. Default: beside this module.
//
//===----------------------------------------------------------------------===//

#include "Compat.h"
#include "cgo-lifetime/Schema.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/PathDiagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <dlfcn.h>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy;

namespace cgo_tidy {

struct CheckSpec {
  const char *TidyName;
  const char *AnalyzerName;
};
static const CheckSpec Specs[] = {
#define CGO_C_CHECKER(ID, NAME, RULE, PAGE, TIDY, ...) {TIDY, NAME},
#include "cgo-lifetime/Checkers.def"
};
static constexpr llvm::StringLiteral OptionPrefix = "cgo-lifetime";

class CgoCheck;

/// The checks alive for the current translation unit (clang-tidy creates the
/// checks per TU and runs TUs one after another in one thread).
static std::vector<CgoCheck *> &liveChecks() {
  static std::vector<CgoCheck *> Checks;
  return Checks;
}
static const ASTContext *AnalysedTU = nullptr;

/// This module's directory, to find CgoLifetime.so beside it.
static std::string moduleDir() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&moduleDir), &Info) == 0 ||
      !Info.dli_fname)
    return ".";
  return llvm::sys::path::parent_path(Info.dli_fname).str();
}

static std::string escapeFormat(StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '%')
      Out += '%';
    Out += C;
  }
  return Out;
}

class CgoCheck : public ClangTidyCheck {
public:
  CgoCheck(StringRef Name, StringRef AnalyzerName, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), AnalyzerName(AnalyzerName.str()),
        Module(OptionPrefix, Context->getOptions().CheckOptions, Context) {
    Manifest = std::string(Module.get("Manifest", ""));
    Plugin = std::string(Module.get("Plugin", ""));
    liveChecks().push_back(this);
  }
  ~CgoCheck() override {
    std::vector<CgoCheck *> &Live = liveChecks();
    Live.erase(std::remove(Live.begin(), Live.end(), this), Live.end());
  }

  bool isLanguageVersionSupported(const LangOptions &LO) const override {
    return !LO.ObjC; // C and C++, like the plugin
  }
  void registerPPCallbacks(const SourceManager &, Preprocessor *P,
                           Preprocessor *) override {
    PP = P;
  }
  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }
  void check(const MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Module.store(Opts, "Manifest", Manifest);
    Module.store(Opts, "Plugin", Plugin);
  }

  const std::string AnalyzerName;

private:
  void runAnalyzer(ASTContext &Ctx);
  std::string findManifest() const;

  OptionsView Module;
  std::string Manifest;
  std::string Plugin;
  Preprocessor *PP = nullptr;
};

/// Hands the analyzer's path diagnostics to the check of their checker, as
/// clang-tidy does for its built-in clang-analyzer-* checks: the warning, then
/// one note per step of the path.
class TidyPathConsumer : public ento::PathDiagnosticConsumer {
public:
  void FlushDiagnosticsImpl(std::vector<const ento::PathDiagnostic *> &Diags,
                            FilesMade *) override {
    for (const ento::PathDiagnostic *PD : Diags) {
      CgoCheck *Owner = nullptr;
      for (CgoCheck *C : liveChecks())
        if (C->AnalyzerName == PD->getCheckerName())
          Owner = C;
      if (!Owner)
        continue; // core.* and unix.* run for modelling only
      {
        auto D = Owner->diag(PD->getLocation().asLocation(),
                             escapeFormat(PD->getShortDescription()));
        if (!PD->path.empty())
          D << PD->path.back()->getRanges();
      } // emitted here, before its notes
      for (const auto &Piece : PD->path.flatten(/*ShouldFlattenMacros=*/true))
        Owner->diag(Piece->getLocation().asLocation(),
                    escapeFormat(Piece->getString()), DiagnosticIDs::Note)
            << Piece->getRanges();
    }
  }
  StringRef getName() const override { return "CgoLifetimeTidy"; }
  bool supportsLogicalOpControlFlow() const override { return true; }
  bool supportsCrossFileDiagnostics() const override { return true; }
};

/// The manifest cgo-boundary left beside the cgo objdir on the include path.
std::string CgoCheck::findManifest() const {
  if (Manifest == "none")
    return "";
  if (!Manifest.empty())
    return Manifest;
  if (!PP)
    return "";
  HeaderSearch &HS = PP->getHeaderSearchInfo();
  for (const DirectoryLookup &DL :
       llvm::make_range(HS.search_dir_begin(), HS.search_dir_end())) {
    if (!DL.isNormalDir())
      continue;
    StringRef Dir = cgo::compat::dirName(DL);
    SmallString<256> Export(Dir), Candidate(Dir);
    llvm::sys::path::append(Export, CGO_EXPORT_HEADER);
    llvm::sys::path::append(Candidate, "..", CGO_CACHE_MANIFEST);
    if (llvm::sys::fs::exists(Export) && llvm::sys::fs::exists(Candidate)) {
      llvm::sys::path::remove_dots(Candidate, /*remove_dot_dot=*/true);
      return std::string(Candidate);
    }
  }
  return "";
}

void CgoCheck::check(const MatchFinder::MatchResult &Result) {
  if (AnalysedTU == Result.Context)
    return; // another cgo check already ran the engine for this TU
  AnalysedTU = Result.Context;
  runAnalyzer(*Result.Context);
}

void CgoCheck::runAnalyzer(ASTContext &Ctx) {
  if (!PP)
    return;
  std::string PluginPath = Plugin;
  if (PluginPath.empty()) {
    SmallString<256> P(moduleDir());
    llvm::sys::path::append(P, "CgoLifetime.so");
    PluginPath = std::string(P);
  }
  // The same checkers cgo-lifetime runs: core and malloc modelling, and the
  // enabled cgo checkers (their hidden model follows as a dependency).
  std::string Checkers = "core,unix.DynamicMemoryModeling";
  for (CgoCheck *C : liveChecks())
    Checkers += "," + C->AnalyzerName;
  std::vector<std::string> Args = {"-analyze", "-analyzer-checker=" + Checkers,
                                   "-load", PluginPath,
                                   "-analyzer-output=text"};
  std::string ManifestPath = findManifest();
  if (!ManifestPath.empty()) {
    Args.push_back("-analyzer-config");
    Args.push_back("cgo:Manifest=" + ManifestPath);
  }
  std::vector<const char *> CArgs;
  for (const std::string &A : Args)
    CArgs.push_back(A.c_str());

  DiagnosticsEngine &Diags = PP->getDiagnostics();
  auto Invocation = std::make_shared<CompilerInvocation>();
  if (!CompilerInvocation::CreateFromArgs(*Invocation, CArgs, Diags))
    return;
  cgo::compat::langOpts(*Invocation) = Ctx.getLangOpts();
  AnalyzerOptions &AO = cgo::compat::analyzerOpts(*Invocation);
  AO.AnalysisDiagOpt = PD_NONE; // reports go to TidyPathConsumer only
  AO.AnalyzerDisplayProgress = false;

  // A CompilerInstance that borrows clang-tidy's preprocessor and AST.
  CompilerInstance CI;
  CI.setInvocation(Invocation);
  CI.setDiagnostics(&Diags);
  CI.setFileManager(&PP->getFileManager());
  CI.setSourceManager(&PP->getSourceManager());
  CI.setPreprocessor(std::shared_ptr<Preprocessor>(PP, [](Preprocessor *) {}));
  CI.setASTContext(&Ctx);
  {
    std::unique_ptr<ento::AnalysisASTConsumer> Consumer =
        ento::CreateAnalysisConsumer(CI);
    Consumer->AddDiagnosticConsumer(new TidyPathConsumer());
    Consumer->Initialize(Ctx);
    // The analyzer collects the functions to analyse from the top-level
    // declarations it is handed while parsing; hand it the parsed TU's.
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (!D->isImplicit())
        Consumer->HandleTopLevelDecl(DeclGroupRef(D));
    Consumer->HandleTranslationUnit(Ctx);
  }
  // Give back what was borrowed without releasing it.
  CI.setASTContext(nullptr);
  CI.setPreprocessor(nullptr);
  CI.setSourceManager(nullptr);
  CI.setFileManager(nullptr);
}

class CgoModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (const CheckSpec &S : Specs) {
      std::string Analyzer = S.AnalyzerName;
      Factories.registerCheckFactory(
          S.TidyName, [Analyzer](StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<CgoCheck>(Name, Analyzer, Context);
          });
    }
  }
};

} // namespace cgo_tidy

static ClangTidyModuleRegistry::Add<cgo_tidy::CgoModule>
    X("cgo-module", "cgo-lifetime: pointer lifetimes at the cgo boundary.");
