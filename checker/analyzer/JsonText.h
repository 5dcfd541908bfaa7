// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- JsonText.h - JSON with the position of every value -------*- C++ -*-===//
//
// A small JSON reader (RFC 8259) that remembers where each value and each
// member name starts in the text, so that an error in a models or summaries
// file can name its line and column ("mylib.json:12:5: 'effect' must be one
// of ..."). LLVM's JSON library reports positions only for syntax errors;
// the schema errors of docs/summaries.md need them too. Values form a tree of
// plain structs; nesting is limited, so a hostile file cannot exhaust the
// stack.
//
//===----------------------------------------------------------------------===//

#ifndef CGO_LIFETIME_JSONTEXT_H
#define CGO_LIFETIME_JSONTEXT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cgo {

/// One JSON value and where it starts (a byte offset into the text).
struct JsonNode {
  enum Kind { Null, Bool, Integer, Number, String, Array, Object };
  Kind K = Null;
  size_t Offset = 0;
  bool Boolean = false;
  int64_t Int = 0; ///< Integer.
  double Num = 0;  ///< Integer and Number.
  std::string Str;
  std::vector<JsonNode> Items; ///< Array.
  /// Object: members in document order, and where each name starts.
  std::vector<std::pair<std::string, JsonNode>> Members;
  std::vector<size_t> KeyOffsets;

  /// The member \p Key of an object, null if absent (or not an object).
  const JsonNode *get(llvm::StringRef Key) const;
  /// Where the name of member \p Key starts; the object's own offset if
  /// there is no such member.
  size_t keyOffset(llvm::StringRef Key) const;
  /// "an object", "a string", ...: for "must be" messages.
  static const char *kindName(Kind K);
};

/// A text and its line structure.
class JsonText {
public:
  explicit JsonText(llvm::StringRef Text) : Text(Text) {}

  /// Parses the text, which must hold exactly one value. A syntax error is
  /// "LINE:COL: message".
  llvm::Expected<JsonNode> parse() const;

  /// 1-based line and column (in bytes) of \p Offset.
  std::pair<unsigned, unsigned> lineCol(size_t Offset) const;

private:
  llvm::StringRef Text;
};

} // namespace cgo

#endif
