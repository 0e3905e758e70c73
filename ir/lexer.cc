#include "ir/lexer.h"

#include <cstdint>
#include <cstdio>

namespace xlsaot {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

class Lexer {
 public:
  Lexer(std::string_view text, std::string_view filename) : text_(text), filename_(filename) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    // Editors on some systems start UTF-8 files with a byte-order mark.
    if (text_.substr(0, 3) == "\xef\xbb\xbf") index_ = 3;
    while (true) {
      SkipSpaceAndComments();
      if (AtEnd()) break;
      const size_t begin = index_;
      const SourceLocation loc = Loc();
      const char c = text_[index_];
      TokenKind kind;
      if (IsDigit(c) || (c == '-' && index_ + 1 < text_.size() && IsDigit(text_[index_ + 1]))) {
        // Numbers capture every following alphanumeric or '_' so that bad
        // digits ("12ab", "0x") are reported as one malformed number.
        Advance();
        while (!AtEnd() && (IsAlnum(text_[index_]) || text_[index_] == '_')) Advance();
        kind = TokenKind::kNumber;
      } else if (IsAlpha(c) || c == '_') {
        while (!AtEnd() && (IsAlnum(text_[index_]) || text_[index_] == '_' || text_[index_] == '.'))
          Advance();
        kind = TokenKind::kIdent;
      } else if (c == '"') {
        const bool triple = text_.substr(index_, 3) == "\"\"\"";
        std::string_view quote = triple ? "\"\"\"" : "\"";
        Advance(quote.size());
        const size_t content_begin = index_;
        bool closed = false;
        while (!AtEnd()) {
          const char d = text_[index_];
          if (d == '\\') {
            Advance();
            if (!AtEnd()) Advance();
            continue;
          }
          if (text_.substr(index_, quote.size()) == quote) {
            closed = true;
            break;
          }
          if (d == '\n' && !triple) break;
          Advance();
        }
        if (!closed) return Fail(loc, "unterminated string");
        const size_t content_end = index_;
        Advance(quote.size());
        tokens.push_back(Token{TokenKind::kString, text_.substr(content_begin, content_end - content_begin),
                               loc, begin, index_});
        continue;
      } else if (c == '`') {
        Advance();
        const size_t content_begin = index_;
        while (!AtEnd() && text_[index_] != '`' && text_[index_] != '\n') Advance();
        if (AtEnd() || text_[index_] != '`') return Fail(loc, "unterminated backticked string");
        const size_t content_end = index_;
        Advance();
        tokens.push_back(Token{TokenKind::kBacktick, text_.substr(content_begin, content_end - content_begin),
                               loc, begin, index_});
        continue;
      } else if (c == '-' && index_ + 1 < text_.size() && text_[index_ + 1] == '>') {
        Advance(2);
        kind = TokenKind::kArrow;
      } else {
        switch (c) {
          case '(': kind = TokenKind::kParenOpen; break;
          case ')': kind = TokenKind::kParenClose; break;
          case '[': kind = TokenKind::kBracketOpen; break;
          case ']': kind = TokenKind::kBracketClose; break;
          case '{': kind = TokenKind::kBraceOpen; break;
          case '}': kind = TokenKind::kBraceClose; break;
          case ',': kind = TokenKind::kComma; break;
          case ':': kind = TokenKind::kColon; break;
          case '=': kind = TokenKind::kEquals; break;
          case '#': kind = TokenKind::kHash; break;
          case '!': kind = TokenKind::kBang; break;
          case '.': kind = TokenKind::kDot; break;
          case '<': kind = TokenKind::kLess; break;
          case '>': kind = TokenKind::kGreater; break;
          case '+': kind = TokenKind::kPlus; break;
          case '-': kind = TokenKind::kMinus; break;
          default: {
            const unsigned char u = static_cast<unsigned char>(c);
            std::string shown;
            if (u < 0x20 || u >= 0x7f) {
              char buf[8];
              std::snprintf(buf, sizeof(buf), "\\x%02x", u);
              shown = buf;
            } else {
              shown = std::string(1, c);
            }
            return Fail(loc, "invalid character '" + shown + "'");
          }
        }
        Advance();
      }
      tokens.push_back(Token{kind, text_.substr(begin, index_ - begin), loc, begin, index_});
    }
    tokens.push_back(Token{TokenKind::kEof, std::string_view(), Loc(), index_, index_});
    return tokens;
  }

 private:
  bool AtEnd() const { return index_ >= text_.size(); }
  SourceLocation Loc() const { return SourceLocation{line_, column_}; }

  void Advance(size_t n = 1) {
    for (size_t i = 0; i < n && !AtEnd(); ++i) {
      if (text_[index_] == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
      ++index_;
    }
  }

  void SkipSpaceAndComments() {
    while (!AtEnd()) {
      if (IsSpace(text_[index_])) {
        Advance();
      } else if (text_.substr(index_, 2) == "//") {
        while (!AtEnd() && text_[index_] != '\n') Advance();
      } else {
        return;
      }
    }
  }

  Error Fail(SourceLocation loc, const std::string& what) const {
    return MakeError(ErrorCode::kParse, FormatLocation(std::string(filename_), loc) + ": " + what);
  }

  std::string_view text_;
  std::string_view filename_;
  size_t index_ = 0;
  int line_ = 1;
  int column_ = 1;
};

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

}  // namespace

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kIdent: return "identifier";
    case TokenKind::kNumber: return "number";
    case TokenKind::kString: return "string";
    case TokenKind::kParenOpen: return "'('";
    case TokenKind::kParenClose: return "')'";
    case TokenKind::kBracketOpen: return "'['";
    case TokenKind::kBracketClose: return "']'";
    case TokenKind::kBraceOpen: return "'{'";
    case TokenKind::kBraceClose: return "'}'";
    case TokenKind::kComma: return "','";
    case TokenKind::kColon: return "':'";
    case TokenKind::kEquals: return "'='";
    case TokenKind::kArrow: return "'->'";
    case TokenKind::kHash: return "'#'";
    case TokenKind::kBang: return "'!'";
    case TokenKind::kDot: return "'.'";
    case TokenKind::kLess: return "'<'";
    case TokenKind::kGreater: return "'>'";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
    case TokenKind::kBacktick: return "backticked string";
    case TokenKind::kEof: return "end of input";
  }
  return "token";
}

Result<std::vector<Token>> Tokenize(std::string_view text, std::string_view filename) {
  return Lexer(text, filename).Run();
}

bool UnescapeString(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++i >= text.size()) return false;
    const char e = text[i];
    switch (e) {
      case 'n': out->push_back('\n'); break;
      case 't': out->push_back('\t'); break;
      case 'r': out->push_back('\r'); break;
      case 'a': out->push_back('\a'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'v': out->push_back('\v'); break;
      case '\\': out->push_back('\\'); break;
      case '"': out->push_back('"'); break;
      case '\'': out->push_back('\''); break;
      case '?': out->push_back('?'); break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        unsigned value = 0;
        size_t n = 0;
        while (n < 3 && i < text.size() && text[i] >= '0' && text[i] <= '7') {
          value = value * 8 + static_cast<unsigned>(text[i] - '0');
          ++i;
          ++n;
        }
        --i;
        if (value > 0xff) return false;
        out->push_back(static_cast<char>(value));
        break;
      }
      case 'x': {
        unsigned value = 0;
        size_t n = 0;
        while (i + 1 < text.size() && HexDigitValue(text[i + 1]) >= 0) {
          value = value * 16 + static_cast<unsigned>(HexDigitValue(text[i + 1]));
          ++i;
          if (++n > 2) return false;
        }
        if (n == 0) return false;
        out->push_back(static_cast<char>(value));
        break;
      }
      case 'u':
      case 'U': {
        const size_t digits = e == 'u' ? 4 : 8;
        if (i + digits >= text.size()) return false;
        uint32_t cp = 0;
        for (size_t k = 1; k <= digits; ++k) {
          const int d = HexDigitValue(text[i + k]);
          if (d < 0) return false;
          cp = cp * 16 + static_cast<uint32_t>(d);
        }
        i += digits;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        AppendUtf8(cp, out);
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

}  // namespace xlsaot
