//===- UpstreamGuards.cpp - refuse inputs that crash upstream parsers -----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/UpstreamGuards.h"

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

using namespace llvm;

namespace {
/// A cursor over MLIR text that steps over string literals and comments, so
/// that only code is matched.
class TextScanner {
public:
  explicit TextScanner(StringRef text) : text(text) {}

  bool done() const { return pos >= text.size(); }
  size_t position() const { return pos; }
  StringRef rest() const { return text.drop_front(pos); }

  /// Advances to the next character that is code.
  void skipNonCode() {
    while (!done()) {
      if (text[pos] == '"') {
        ++pos;
        while (!done() && text[pos] != '"') {
          if (text[pos] == '\\')
            ++pos;
          ++pos;
        }
        ++pos;
      } else if (rest().starts_with("//")) {
        size_t end = text.find('\n', pos);
        pos = end == StringRef::npos ? text.size() : end;
      } else {
        return;
      }
    }
  }

  void advance(size_t count = 1) { pos = std::min(text.size(), pos + count); }
  void skipSpace() {
    while (!done() && isSpace(text[pos]))
      ++pos;
  }

  /// Consumes `word` when it stands at the cursor as a whole identifier.
  bool consumeWord(StringRef word) {
    if (!rest().starts_with(word))
      return false;
    size_t end = pos + word.size();
    if (end < text.size() && (isAlnum(text[end]) || text[end] == '_' ||
                              text[end] == '.' || text[end] == '$'))
      return false;
    pos = end;
    return true;
  }

  /// Whether the identifier at the cursor starts here (not inside another).
  bool atWordStart() const {
    if (pos == 0)
      return true;
    char before = text[pos - 1];
    return !(isAlnum(before) || before == '_' || before == '.' ||
             before == '$' || before == '%' || before == '@' || before == '^' ||
             before == '#' || before == '!');
  }

private:
  StringRef text;
  size_t pos = 0;
};
} // namespace

/// Whether `text`, at a line break, goes on with the next operation (a
/// result, a block label, the end of a region, a generic op or a dialect op
/// name) rather than with the current op's continuation line.
static bool startsNewStatement(StringRef text) {
  if (!text.consume_front("\n"))
    return false;
  text = text.ltrim();
  if (text.empty() || StringRef("%^}\"").contains(text.front()))
    return true;
  StringRef word = text.take_while(
      [](char c) { return isAlnum(c) || c == '_' || c == '.'; });
  return word.contains('.') || word == "return";
}

/// Whether `text` starts with `[` i64 (`,` i64)* `]`, as
/// DenseI64ArrayAttr's custom syntax: decimal or hexadecimal integers that
/// fit in 64 bits.
static bool isWellFormedI64List(StringRef text) {
  text = text.ltrim();
  if (!text.consume_front("["))
    return false;
  text = text.ltrim();
  if (text.consume_front("]"))
    return true;
  while (true) {
    bool negative = text.consume_front("-");
    size_t length = 0;
    bool hex = text.starts_with("0x");
    if (hex)
      length = 2;
    while (length < text.size() &&
           (hex ? isHexDigit(text[length]) : isDigit(text[length])))
      ++length;
    if (length == (hex ? 2u : 0u))
      return false;
    APInt value;
    if (text.take_front(length).getAsInteger(0, value) ||
        value.getActiveBits() > (negative ? 64u : 63u))
      return false;
    text = text.drop_front(length).ltrim();
    if (text.consume_front("]"))
      return true;
    if (!text.consume_front(","))
      return false;
    text = text.ltrim();
  }
}

std::vector<accel::UpstreamParserCrash>
accel::scanForUpstreamParserCrashes(StringRef text) {
  std::vector<UpstreamParserCrash> found;
  auto report = [&](size_t offset, const Twine &message) {
    found.push_back({offset, message.str()});
  };
  // linalg.transpose / broadcast / reduce parse `permutation =` or
  // `dimensions =` with DenseI64ArrayAttr::parse and store its result even
  // when it failed: the null attribute crashes later.
  static constexpr std::pair<StringLiteral, StringLiteral> kListOps[] = {
      {"linalg.transpose", "permutation"},
      {"linalg.broadcast", "dimensions"},
      {"linalg.reduce", "dimensions"},
  };
  TextScanner scanner(text);
  while (true) {
    scanner.skipNonCode();
    if (scanner.done())
      break;
    size_t start = scanner.position();
    if (!scanner.atWordStart()) {
      scanner.advance();
      continue;
    }
    // `array<index...>`: the dense-array parser crashes on index elements
    // (llvm-project issue 179045).
    if (scanner.consumeWord("array")) {
      scanner.skipSpace();
      if (scanner.rest().starts_with("<")) {
        scanner.advance();
        scanner.skipSpace();
        if (scanner.consumeWord("index")) {
          report(start, "dense arrays of 'index' (array<index: ...>) crash "
                        "the MLIR 22.1 parser accel links (llvm-project "
                        "issue 179045; docs/known-issues.md): use i64");
        }
      }
      continue;
    }
    bool matched = false;
    for (const auto &[opName, keyword] : kListOps) {
      if (!scanner.consumeWord(opName))
        continue;
      matched = true;
      // The keyword follows the op's operands; the first occurrence of it
      // in code is the op's (a later op starts with its own name first).
      while (true) {
        scanner.skipNonCode();
        if (scanner.done())
          break;
        size_t at = scanner.position();
        if (scanner.atWordStart() && scanner.consumeWord(keyword)) {
          scanner.skipSpace();
          if (!scanner.rest().starts_with("="))
            break; // the parser reports a missing '=' itself
          scanner.advance();
          if (!isWellFormedI64List(scanner.rest())) {
            report(at, "'" + opName + "' expects " + keyword +
                           " = [i64, ...] with integers that fit in 64 bits "
                           "(a malformed list crashes the MLIR 22.1 parser "
                           "accel links; docs/known-issues.md)");
          }
          break;
        }
        if (startsNewStatement(scanner.rest()))
          break;
        scanner.advance();
      }
      break;
    }
    if (!matched)
      scanner.advance();
  }
  return found;
}

bool accel::findUpstreamParserCrashes(const SourceMgr &sourceMgr,
                                      unsigned bufferId) {
  StringRef text = sourceMgr.getMemoryBuffer(bufferId)->getBuffer();
  std::vector<UpstreamParserCrash> found = scanForUpstreamParserCrashes(text);
  for (const UpstreamParserCrash &crash : found)
    sourceMgr.PrintMessage(SMLoc::getFromPointer(text.data() + crash.offset),
                           SourceMgr::DK_Error, crash.message);
  return !found.empty();
}
