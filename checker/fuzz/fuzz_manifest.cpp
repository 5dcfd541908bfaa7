// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// libFuzzer target: the analyzer plugin's manifest reader (cgo::parseManifest). Errors are fine;
// crashes, sanitizer reports and unchecked llvm::Error are not.
#include "Manifest.h"

#include "llvm/Support/Error.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  cgo::BoundaryFacts Facts;
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  llvm::consumeError(cgo::parseManifest(Text, Facts));
  return 0;
}
