// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- JsonText.cpp - JSON with the position of every value -----*- C++ -*-===//
//
// A recursive-descent parser over the text of JsonText.h. Errors carry the
// offset where they were found; JsonText turns it into line and column.
//
//===----------------------------------------------------------------------===//

#include "JsonText.h"

#include "Compat.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include <cerrno>
#include <cstdlib>

using namespace llvm;

namespace cgo {

const JsonNode *JsonNode::get(StringRef Key) const {
  if (K != Object)
    return nullptr;
  for (const auto &M : Members)
    if (M.first == Key)
      return &M.second;
  return nullptr;
}

size_t JsonNode::keyOffset(StringRef Key) const {
  for (size_t I = 0; I < Members.size(); ++I)
    if (Members[I].first == Key)
      return KeyOffsets[I];
  return Offset;
}

const char *JsonNode::kindName(Kind K) {
  switch (K) {
  case Null:
    return "null";
  case Bool:
    return "a boolean";
  case Integer:
    return "an integer";
  case Number:
    return "a number";
  case String:
    return "a string";
  case Array:
    return "an array";
  case Object:
    return "an object";
  }
  return "a value";
}

namespace {
/// Deep enough for any models file; shallow enough for any stack.
constexpr unsigned MaxDepth = 64;

class Parser {
public:
  explicit Parser(StringRef Text) : Text(Text) {}

  bool document(JsonNode &Out) {
    if (!value(Out, 0))
      return false;
    skip();
    if (Pos < Text.size())
      return fail("unexpected text after the JSON value");
    return true;
  }

  std::string Error;
  size_t ErrorPos = 0;

private:
  bool fail(const Twine &Msg) { return failAt(Pos, Msg); }
  bool failAt(size_t At, const Twine &Msg) {
    if (Error.empty()) {
      Error = Msg.str();
      ErrorPos = At;
    }
    return false;
  }

  void skip() {
    while (Pos < Text.size() && (Text[Pos] == ' ' || Text[Pos] == '\t' ||
                                 Text[Pos] == '\r' || Text[Pos] == '\n'))
      ++Pos;
  }
  char peek() {
    skip();
    return Pos < Text.size() ? Text[Pos] : 0;
  }
  bool expect(char C, const char *What) {
    if (peek() != C)
      return fail(Twine("expected ") + What);
    ++Pos;
    return true;
  }

  bool value(JsonNode &Out, unsigned Depth) {
    char C = peek();
    Out.Offset = Pos;
    if (Depth > MaxDepth)
      return fail("values nested too deeply");
    switch (C) {
    case '{':
      return object(Out, Depth);
    case '[':
      return array(Out, Depth);
    case '"':
      Out.K = JsonNode::String;
      return string(Out.Str);
    case 0:
      return fail("unexpected end of file");
    case ']':
    case '}':
      return fail(Twine("expected a JSON value, found '") + StringRef(&C, 1) +
                  "' (a trailing comma?)");
    default:
      break;
    }
    for (auto [Word, Kind, B] : {std::tuple("true", JsonNode::Bool, true),
                                 std::tuple("false", JsonNode::Bool, false),
                                 std::tuple("null", JsonNode::Null, false)})
      if (compat::startsWith(Text.substr(Pos), Word)) {
        Pos += StringRef(Word).size();
        Out.K = Kind;
        Out.Boolean = B;
        return true;
      }
    if (C == '-' || isDigit(C))
      return number(Out);
    return fail("expected a JSON value");
  }

  bool object(JsonNode &Out, unsigned Depth) {
    Out.K = JsonNode::Object;
    ++Pos;
    if (peek() == '}') {
      ++Pos;
      return true;
    }
    while (true) {
      if (peek() != '"')
        return fail("expected a member name in double quotes");
      size_t KeyPos = Pos;
      std::string Key;
      if (!string(Key))
        return false;
      if (Out.get(Key))
        return failAt(KeyPos, "member '" + Key + "' appears twice");
      if (!expect(':', "':'"))
        return false;
      JsonNode V;
      if (!value(V, Depth + 1))
        return false;
      Out.Members.emplace_back(std::move(Key), std::move(V));
      Out.KeyOffsets.push_back(KeyPos);
      if (peek() == ',') {
        ++Pos;
        continue;
      }
      return expect('}', "',' or '}'");
    }
  }

  bool array(JsonNode &Out, unsigned Depth) {
    Out.K = JsonNode::Array;
    ++Pos;
    if (peek() == ']') {
      ++Pos;
      return true;
    }
    while (true) {
      JsonNode V;
      if (!value(V, Depth + 1))
        return false;
      Out.Items.push_back(std::move(V));
      if (peek() == ',') {
        ++Pos;
        continue;
      }
      return expect(']', "',' or ']'");
    }
  }

  bool hex4(unsigned &Out) {
    if (Pos + 4 > Text.size())
      return false;
    Out = 0;
    for (unsigned I = 0; I < 4; ++I) {
      unsigned D = hexDigitValue(Text[Pos + I]);
      if (D == ~0U)
        return false;
      Out = Out * 16 + D;
    }
    Pos += 4;
    return true;
  }

  bool string(std::string &Out) {
    size_t Start = Pos++;
    while (true) {
      if (Pos >= Text.size() || Text[Pos] == '\n')
        return failAt(Start, "unterminated string");
      char C = Text[Pos];
      if (C == '"') {
        ++Pos;
        return true;
      }
      if (static_cast<unsigned char>(C) < 0x20)
        return fail("control character in a string");
      if (C != '\\') {
        Out.push_back(C);
        ++Pos;
        continue;
      }
      size_t EscPos = Pos++;
      char E = Pos < Text.size() ? Text[Pos++] : 0;
      switch (E) {
      case '"':
      case '\\':
      case '/':
        Out.push_back(E);
        break;
      case 'b':
        Out.push_back('\b');
        break;
      case 'f':
        Out.push_back('\f');
        break;
      case 'n':
        Out.push_back('\n');
        break;
      case 'r':
        Out.push_back('\r');
        break;
      case 't':
        Out.push_back('\t');
        break;
      case 'u': {
        unsigned CP;
        if (!hex4(CP))
          return failAt(EscPos, "bad \\u escape in string");
        if (CP >= 0xD800 && CP < 0xDC00) {
          unsigned Lo;
          if (Pos + 2 > Text.size() || Text[Pos] != '\\' ||
              Text[Pos + 1] != 'u')
            return failAt(EscPos, "lone surrogate in string");
          Pos += 2;
          if (!hex4(Lo) || Lo < 0xDC00 || Lo >= 0xE000)
            return failAt(EscPos, "lone surrogate in string");
          CP = 0x10000 + ((CP - 0xD800) << 10) + (Lo - 0xDC00);
        } else if (CP >= 0xDC00 && CP < 0xE000) {
          return failAt(EscPos, "lone surrogate in string");
        }
        char Buf[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
        char *End = Buf;
        if (!ConvertCodePointToUTF8(CP, End))
          return failAt(EscPos, "bad \\u escape in string");
        Out.append(Buf, End);
        break;
      }
      default:
        return failAt(EscPos, "bad escape in string");
      }
    }
  }

  bool number(JsonNode &Out) {
    size_t Start = Pos;
    if (Text[Pos] == '-')
      ++Pos;
    auto Digits = [&] {
      size_t From = Pos;
      while (Pos < Text.size() && isDigit(Text[Pos]))
        ++Pos;
      return Pos > From;
    };
    if (Pos < Text.size() && Text[Pos] == '0')
      ++Pos;
    else if (!Digits())
      return failAt(Start, "expected a JSON value");
    bool Integral = true;
    if (Pos < Text.size() && Text[Pos] == '.') {
      ++Pos;
      Integral = false;
      if (!Digits())
        return failAt(Start, "bad number");
    }
    if (Pos < Text.size() && (Text[Pos] == 'e' || Text[Pos] == 'E')) {
      ++Pos;
      Integral = false;
      if (Pos < Text.size() && (Text[Pos] == '+' || Text[Pos] == '-'))
        ++Pos;
      if (!Digits())
        return failAt(Start, "bad number");
    }
    std::string Lexeme = Text.slice(Start, Pos).str();
    Out.Num = std::strtod(Lexeme.c_str(), nullptr);
    Out.K = JsonNode::Number;
    if (Integral) {
      errno = 0;
      long long I = std::strtoll(Lexeme.c_str(), nullptr, 10);
      if (errno == 0) {
        Out.K = JsonNode::Integer;
        Out.Int = I;
      }
    }
    return true;
  }

  StringRef Text;
  size_t Pos = 0;
};
} // namespace

Expected<JsonNode> JsonText::parse() const {
  Parser P(Text);
  JsonNode Root;
  if (P.document(Root))
    return Root;
  auto [Line, Col] = lineCol(P.ErrorPos);
  return createStringError(inconvertibleErrorCode(), "%u:%u: %s", Line, Col,
                           P.Error.c_str());
}

std::pair<unsigned, unsigned> JsonText::lineCol(size_t Offset) const {
  Offset = std::min(Offset, Text.size());
  StringRef Before = Text.take_front(Offset);
  unsigned Line = 1 + Before.count('\n');
  size_t LastNL = Before.rfind('\n');
  unsigned Col = LastNL == StringRef::npos ? Offset + 1 : Offset - LastNL;
  return {Line, Col};
}

} // namespace cgo
