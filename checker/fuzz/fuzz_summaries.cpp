// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// libFuzzer target: the analyzer plugin's reader of models and summaries files
// (cgo::parseSummaryText, over JsonText), and the access-path grammar. Errors
// are fine; crashes, sanitizer reports and unchecked llvm::Error are not. What
// it reads is written back and read again: the writer's output must parse.
#include "Summaries.h"

#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  std::vector<cgo::FunctionSummary> Fns;
  if (llvm::Error E = cgo::parseSummaryText(Text, "fuzz.json", Fns)) {
    llvm::consumeError(std::move(E));
    return 0;
  }
  for (const cgo::FunctionSummary &F : Fns)
    for (const cgo::Effect &Eff : F.Effects)
      (void)cgo::AccessPath::parse(Eff.Path);
  std::string Out = cgo::writeSummaries(Fns, "fuzz");
  std::vector<cgo::FunctionSummary> Again;
  if (llvm::Error E = cgo::parseSummaryText(Out, "written.json", Again)) {
    llvm::consumeError(std::move(E));
    abort(); // The writer wrote what the reader rejects.
  }
  return 0;
}
