// Splits XLS IR text into tokens.
//
// The lexer knows nothing about the grammar: keywords are plain identifiers
// (the parser decides where a word is a keyword), numbers are kept as written
// (the parser decides their width), and strings keep their escape sequences
// (UnescapeString decodes them where the grammar wants a string value, while
// verbatim constructs such as outer attributes keep the source text).
#ifndef XLSAOT_IR_LEXER_H_
#define XLSAOT_IR_LEXER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ir/source_location.h"
#include "xlsaot/result.h"

namespace xlsaot {

enum class TokenKind : unsigned char {
  kIdent,         // add.7, __token, bits, fn (keywords included)
  kNumber,        // 42, -1, 0x1f, 0b1_0, 1_000 (sign and digits as written)
  kString,        // "..." or """...""" (text = contents, escapes undecoded)
  kParenOpen,     // (
  kParenClose,    // )
  kBracketOpen,   // [
  kBracketClose,  // ]
  kBraceOpen,     // {
  kBraceClose,    // }
  kComma,         // ,
  kColon,         // :
  kEquals,        // =
  kArrow,         // ->
  kHash,          // #
  kBang,          // !
  kDot,           // .
  kLess,          // <
  kGreater,       // >
  kPlus,          // +
  kMinus,         // -
  kBacktick,      // `...` (text = contents)
  kEof,           // end of input (located just past the last character)
};

// A human-readable name for error messages: "identifier", "')'", ...
std::string_view TokenKindName(TokenKind kind);

struct Token {
  TokenKind kind;
  std::string_view text;  // view into the source text
  SourceLocation loc;     // 1-based line and column of the first character
  size_t begin = 0;       // byte offsets into the source: [begin, end)
  size_t end = 0;
};

// Tokenizes `text`; `//` comments and whitespace are dropped. The last token
// is always kEof. Errors (ErrorCode::kParse): "FILE:LINE:COL: <what>".
Result<std::vector<Token>> Tokenize(std::string_view text, std::string_view filename);

// Decodes C-style escapes in a string token's contents: \n \t \r \a \b \f \v
// \\ \" \' \? , octal \ooo, hex \xHH, \uXXXX and \UXXXXXXXX (as UTF-8).
// Returns false on a malformed escape.
bool UnescapeString(std::string_view text, std::string* out);

}  // namespace xlsaot

#endif  // XLSAOT_IR_LEXER_H_
