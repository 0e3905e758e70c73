#include "ir/parser.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ir/function.h"
#include "ir/lexer.h"
#include "ir/node.h"
#include "ir/op.h"
#include "ir/package.h"
#include "ir/proc.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace xlsaot {
namespace {

// Bounds recursion (types, values) so hostile input cannot exhaust the stack;
// real IR nests a handful of levels.
constexpr int kMaxNestingDepth = 100;

// Decimal literals are converted with a quadratic algorithm; real IR writes
// wide constants in hex. 20,000 digits (~66,000 bits) is ample.
constexpr size_t kMaxDecimalDigits = 20000;

constexpr size_t kAttrCount = 0
#define XLSAOT_COUNT_ATTR_(...) +1  // NOLINT(bugprone-macro-parentheses): one term of a sum
    XLSAOT_FOR_EACH_ATTR(XLSAOT_COUNT_ATTR_)
#undef XLSAOT_COUNT_ATTR_
    ;

// A number token as written: sign and magnitude.
struct ParsedNumber {
  bool negative = false;
  llvm::APInt magnitude{1, 0};

  // Narrowest two's-complement (negative) or unsigned (otherwise) width that
  // holds the number.
  int64_t RequiredBits() const {
    if (!negative || magnitude.isZero()) return magnitude.getActiveBits();
    llvm::APInt less = magnitude - 1;
    return static_cast<int64_t>(less.getActiveBits()) + 1;
  }

  // The number as `width` bits (precondition: RequiredBits() <= width);
  // negative numbers are sign-extended.
  llvm::APInt ToBits(int64_t width) const {
    llvm::APInt bits = magnitude.zextOrTrunc(static_cast<unsigned>(width));
    if (negative) bits.negate();
    return bits;
  }
};

// A type with two measures that bound what later layers do with it: the
// number of Value objects a value of it needs (one per leaf, tuple and
// array), which bounds what Value::Zero allocates even when the leaves have
// no bits (()[N], token[N]); and its height (levels of tuples and array
// dimensions), which bounds every recursion over the type.
constexpr int64_t kMaxValueObjects = 2 * kMaxTypeBitCount;
struct SizedType {
  const Type* type;
  int64_t cost;
  int height;
};

// The value of one keyword attribute while a node is parsed.
struct AttrValue {
  bool present = false;
  Token token{};  // the attribute's value (for errors and function names)
  int64_t integer = 0;
  bool boolean = false;
  Node* operand = nullptr;
  std::vector<Node*> operands;
  std::string text;
  Value value;
};

// A to_apply=/body= reference, resolved once every function is known.
struct FunctionReference {
  Node* node;
  Token name;
};

// The (), [] and {} open at a point of a text passed over without being
// parsed (attributes kept verbatim, skipped blocks).
class BracketNesting {
 public:
  bool empty() const { return closers_.empty(); }
  // Follows `kind`: false when it closes a bracket that is not the
  // innermost open one (or none is open).
  bool Follow(TokenKind kind) {
    switch (kind) {
      case TokenKind::kParenOpen: closers_.push_back(TokenKind::kParenClose); return true;
      case TokenKind::kBracketOpen: closers_.push_back(TokenKind::kBracketClose); return true;
      case TokenKind::kBraceOpen: closers_.push_back(TokenKind::kBraceClose); return true;
      case TokenKind::kParenClose:
      case TokenKind::kBracketClose:
      case TokenKind::kBraceClose:
        if (closers_.empty() || closers_.back() != kind) return false;
        closers_.pop_back();
        return true;
      default: return true;
    }
  }

 private:
  std::vector<TokenKind> closers_;
};

class TextParser {
 public:
  TextParser(std::string_view text, std::vector<Token> tokens, std::string filename)
      : text_(text), tokens_(std::move(tokens)), filename_(std::move(filename)) {}

  Result<std::unique_ptr<Package>> ParsePackage();
  Result<SizedType> ParseType(int depth);
  Result<Value> ParseValueOfType(const Type* type, int depth);
  // A typed value and its type.
  Result<std::pair<Value, const Type*>> ParseTypedValue(int depth);
  Status ExpectEnd(std::string_view what);

 private:
  // --- Tokens. ---
  const Token& Peek(size_t n = 0) const { return tokens_[std::min(pos_ + n, tokens_.size() - 1)]; }
  bool PeekIs(TokenKind kind, size_t n = 0) const { return Peek(n).kind == kind; }
  bool PeekIsWord(std::string_view word, size_t n = 0) const {
    return Peek(n).kind == TokenKind::kIdent && Peek(n).text == word;
  }
  Token Next() {
    Token t = tokens_[pos_];
    if (t.kind != TokenKind::kEof) ++pos_;
    return t;
  }
  bool TryDrop(TokenKind kind) {
    if (!PeekIs(kind)) return false;
    Next();
    return true;
  }

  Error ErrorAt(SourceLocation loc, const std::string& what) const {
    return MakeError(ErrorCode::kParse, FormatLocation(filename_, loc) + ": " + what);
  }
  Error ErrorAt(const Token& token, const std::string& what) const { return ErrorAt(token.loc, what); }
  // A declared type that contradicts the node it declares (a return type, a
  // parameter's type): a typing error like those the verifier finds.
  Error TypeErrorAt(SourceLocation loc, const std::string& what) const {
    return MakeError(ErrorCode::kVerify, FormatLocation(filename_, loc) + ": " + what);
  }
  // Well-formed text beyond one of the limits that bound memory and time on
  // hostile input: a category of its own (kResourceExhausted), so that tools
  // can tell "too big" from "malformed".
  Error LimitAt(const Token& token, const std::string& what) const {
    return MakeError(ErrorCode::kResourceExhausted, FormatLocation(filename_, token.loc) + ": " + what);
  }

  // "'add.3'", "end of input", ... for "found X" messages.
  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::kEof: return "end of input";
      case TokenKind::kString: return "a string";
      case TokenKind::kBacktick: return "a backticked string";
      default: break;
    }
    std::string text(t.text.substr(0, 40));
    if (t.text.size() > 40) text += "...";
    return "'" + text + "'";
  }

  Result<Token> Expect(TokenKind kind, std::string_view context) {
    if (!PeekIs(kind)) {
      return ErrorAt(Peek(), "expected " + std::string(TokenKindName(kind)) + " " + std::string(context) +
                                 ", found " + Describe(Peek()));
    }
    return Next();
  }
  Status ExpectWord(std::string_view word, std::string_view context) {
    if (!PeekIsWord(word)) {
      return ErrorAt(Peek(), "expected '" + std::string(word) + "' " + std::string(context) + ", found " +
                                 Describe(Peek()));
    }
    Next();
    return Status::Ok();
  }
  // A name. XLS reserves its keywords ("fn", "token", "top", ...), but a
  // name is never in a position where a keyword could also stand (a line
  // "ret: ..." names a node, "ret x: ..." returns one), so any identifier is
  // accepted.
  Result<Token> ExpectName(std::string_view what) {
    if (!PeekIs(TokenKind::kIdent)) {
      return ErrorAt(Peek(), "expected " + std::string(what) + ", found " + Describe(Peek()));
    }
    return Next();
  }

  // --- Numbers. ---
  Result<ParsedNumber> NumberFromToken(const Token& t) const;
  Result<int64_t> ParseInt64(std::string_view what);
  Result<Value> ParseBitsOfWidth(int64_t width);

  // --- Package structure. ---
  Result<std::string> ParseOuterAttribute();
  Status ParseFileNumber(Package& package);
  Status ParseFunction(Package& package, std::vector<std::string> attributes, bool is_top);
  Status SkipEntity(Package& package, NonFunctionEntity::Kind kind, bool is_top);
  Status ParseNodeLine(Function& f, bool is_ret);
  // Steps over what separates the lines of a function or proc body (`what`,
  // opened by `open`): the braces of scheduled `stage { ... }` groups, which
  // are flattened. False at the body's closing brace (left unread).
  Result<bool> NextBodyLine(const std::string& what, const Token& open, bool scheduled, int& open_stages);

  // --- Procs and channels. ---
  Status ParseProc(Package& package, std::vector<std::string> attributes, bool is_top);
  Status ParseProcHeader(Proc& proc);
  Status ParseProcBody(Proc& proc, bool scheduled);
  Result<Channel> ParseChannel();
  Status ParseChannelInterfaceLine(Proc& proc);
  Status ParseInstantiationLine(Proc& proc);
  Status ParseLegacyNextLine(Proc& proc);
  Result<ChannelKind> ParseChannelKind(const Token& value) const;
  // The text of an attribute value up to the next ',' or ')' at its level,
  // kept verbatim.
  Result<std::string> ParseVerbatimValue(std::string_view what);
  Node* AddImplicitStateRead(Proc& proc, size_t element);
  Result<std::vector<Node*>> ParseNameList();
  Status ParsePos(std::vector<SourcePos>& pos);
  Status ParseAttrValue(Attr attr, const Type* node_type, AttrValue& out);
  Result<Node*> Lookup(const Token& name) const;
  Status AssignMissingIds(Package& package) const;

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::string filename_;

  // Per-function name scope (params and nodes). Keys view the names in
  // the source text, which outlives the parse; open addressing keeps the
  // cost per name flat in large functions.
  llvm::DenseMap<llvm::StringRef, Node*> scope_;
  std::vector<FunctionReference> function_references_;
  // proc_instantiation lines, resolved once every proc is known.
  struct ProcReference {
    Proc* proc;
    size_t instantiation;
    Token name;
  };
  std::vector<ProcReference> proc_references_;
};

Result<ParsedNumber> TextParser::NumberFromToken(const Token& t) const {
  std::string_view s = t.text;
  ParsedNumber n;
  if (!s.empty() && s[0] == '-') {
    n.negative = true;
    s.remove_prefix(1);
  }
  unsigned radix = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'b')) {
    radix = s[1] == 'x' ? 16 : 2;
    s.remove_prefix(2);
  }
  auto malformed = [&]() { return ErrorAt(t, "malformed number " + Describe(t)); };
  std::string digits;
  digits.reserve(s.size());
  for (char c : s) {
    if (c == '_') continue;
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0 || d >= static_cast<int>(radix)) return malformed();
    digits.push_back(c);
  }
  if (digits.empty()) return malformed();
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return n;  // zero
  digits.erase(0, first);

  if (radix == 10) {
    if (digits.size() > kMaxDecimalDigits) {
      return LimitAt(t, "decimal number is too large (more than " + std::to_string(kMaxDecimalDigits) +
                            " digits; write wide constants in hex)");
    }
    n.magnitude = llvm::APInt(static_cast<unsigned>(digits.size() * 4 + 1), llvm::StringRef(digits), 10);
    return n;
  }
  const unsigned bits_per_digit = radix == 16 ? 4 : 1;
  const uint64_t width = static_cast<uint64_t>(digits.size()) * bits_per_digit;
  if (width > static_cast<uint64_t>(kMaxTypeBitCount) + bits_per_digit) {
    return LimitAt(t, "number is too large (wider than " + std::to_string(kMaxTypeBitCount) + " bits)");
  }
  std::vector<uint64_t> words((width + 63) / 64, 0);
  uint64_t bit = 0;
  for (size_t i = digits.size(); i-- > 0; bit += bits_per_digit) {
    const char c = digits[i];
    const uint64_t d = c <= '9' ? static_cast<uint64_t>(c - '0')
                                : static_cast<uint64_t>((c | 0x20) - 'a' + 10);
    words[bit / 64] |= d << (bit % 64);  // digits never straddle a word
  }
  n.magnitude = llvm::APInt(static_cast<unsigned>(width), llvm::ArrayRef<uint64_t>(words));
  return n;
}

Result<int64_t> TextParser::ParseInt64(std::string_view what) {
  if (!PeekIs(TokenKind::kNumber)) {
    return ErrorAt(Peek(), "expected an integer for " + std::string(what) + ", found " + Describe(Peek()));
  }
  Token t = Next();
  XLSAOT_ASSIGN_OR_RETURN(ParsedNumber n, NumberFromToken(t));
  const unsigned active = n.magnitude.getActiveBits();
  if (!n.negative) {
    if (active > 63) return ErrorAt(t, "integer " + Describe(t) + " does not fit in int64");
    return static_cast<int64_t>(n.magnitude.getZExtValue());
  }
  if (active > 64 || (active == 64 && !n.magnitude.isPowerOf2())) {
    return ErrorAt(t, "integer " + Describe(t) + " does not fit in int64");
  }
  if (active == 64) return std::numeric_limits<int64_t>::min();
  return -static_cast<int64_t>(n.magnitude.getZExtValue());
}

Result<Value> TextParser::ParseBitsOfWidth(int64_t width) {
  if (!PeekIs(TokenKind::kNumber)) {
    return ErrorAt(Peek(), "expected a number for a bits[" + std::to_string(width) + "] value, found " +
                               Describe(Peek()));
  }
  Token t = Next();
  XLSAOT_ASSIGN_OR_RETURN(ParsedNumber n, NumberFromToken(t));
  if (n.RequiredBits() > width) {
    return ErrorAt(t, "value " + Describe(t) + " does not fit in bits[" + std::to_string(width) + "]");
  }
  return Value::Bits(n.ToBits(width));
}

// `depth` is how deeply the type being parsed sits inside enclosing types.
Result<SizedType> TextParser::ParseType(int depth) {
  auto too_deep = [&]() {
    return LimitAt(Peek(), "type is nested too deeply (limit " + std::to_string(kMaxNestingDepth) + ")");
  };
  if (depth > kMaxNestingDepth) return too_deep();
  SizedType result{nullptr, 1, 0};
  const Token start = Peek();
  if (TryDrop(TokenKind::kParenOpen)) {
    std::vector<const Type*> elements;
    if (!PeekIs(TokenKind::kParenClose)) {
      int64_t flat = 0;
      while (true) {
        XLSAOT_ASSIGN_OR_RETURN(SizedType element, ParseType(depth + 1));
        elements.push_back(element.type);
        result.height = std::max(result.height, element.height + 1);
        flat += element.type->flat_bit_count();
        result.cost += element.cost;
        if (flat > kMaxTypeBitCount || result.cost > kMaxValueObjects) {
          return LimitAt(start, "tuple type is too large (limit " + std::to_string(kMaxTypeBitCount) + " bits)");
        }
        if (!TryDrop(TokenKind::kComma)) break;
      }
    }
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenClose, "to close the tuple type").status());
    result.type = Type::Tuple(elements);
  } else if (PeekIsWord("token")) {
    Next();
    result.type = Type::Token();
  } else if (PeekIsWord("bits")) {
    Next();
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBracketOpen, "after 'bits'").status());
    const Token width_token = Peek();
    XLSAOT_ASSIGN_OR_RETURN(int64_t width, ParseInt64("a bit count"));
    if (width < 0) return ErrorAt(width_token, "bit count " + std::to_string(width) + " is negative");
    if (width > kMaxTypeBitCount) {
      return LimitAt(width_token, "bit count " + std::to_string(width) + " exceeds the limit of " +
                                      std::to_string(kMaxTypeBitCount) + " bits");
    }
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBracketClose, "to close the bit count").status());
    result.type = Type::Bits(width);
  } else {
    return ErrorAt(Peek(), "expected a type, found " + Describe(Peek()));
  }
  // Array dimensions: bits[8][4] is an array of 4 bits[8]. Each one is a
  // level of nesting for everything that later recurses over the type.
  while (PeekIs(TokenKind::kBracketOpen)) {
    if (depth + ++result.height > kMaxNestingDepth) return too_deep();
    Next();
    const Token size_token = Peek();
    XLSAOT_ASSIGN_OR_RETURN(int64_t size, ParseInt64("an array size"));
    if (size < 0) return ErrorAt(size_token, "array size " + std::to_string(size) + " is negative");
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBracketClose, "to close the array size").status());
    const int64_t flat = result.type->flat_bit_count();
    if ((flat > 0 && size > kMaxTypeBitCount / flat) || size > (kMaxValueObjects - 1) / result.cost) {
      return LimitAt(size_token, "array type " + result.type->ToString() + "[" + std::to_string(size) +
                                     "] is too large (limit " + std::to_string(kMaxTypeBitCount) + " bits)");
    }
    result.cost = 1 + size * result.cost;
    result.type = Type::Array(result.type, size);
  }
  return result;
}

Result<Value> TextParser::ParseValueOfType(const Type* type, int depth) {
  if (depth > kMaxNestingDepth) {
    return LimitAt(Peek(), "value is nested too deeply (limit " + std::to_string(kMaxNestingDepth) + ")");
  }
  switch (type->kind()) {
    case TypeKind::kBits:
      return ParseBitsOfWidth(type->bit_count());
    case TypeKind::kToken:
      XLSAOT_RETURN_IF_ERROR(ExpectWord("token", "for a token value"));
      return Value::Token();
    case TypeKind::kTuple: {
      const Token open = Peek();
      XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "to start a value of type " + type->ToString()).status());
      const size_t want = type->elements().size();
      std::vector<Value> elements;
      elements.reserve(want);
      while (!PeekIs(TokenKind::kParenClose)) {
        if (elements.size() == want) {
          TryDrop(TokenKind::kComma);  // point at the extra element
          return ErrorAt(Peek(), "too many elements for tuple type " + type->ToString() + " (expects " +
                                     std::to_string(want) + ")");
        }
        if (!elements.empty()) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between tuple elements").status());
        XLSAOT_ASSIGN_OR_RETURN(Value element, ParseValueOfType(type->elements()[elements.size()], depth + 1));
        elements.push_back(std::move(element));
      }
      if (elements.size() != want) {
        return ErrorAt(open, "tuple value has " + std::to_string(elements.size()) + " elements, type " +
                                 type->ToString() + " has " + std::to_string(want));
      }
      Next();
      return Value::Tuple(std::move(elements));
    }
    case TypeKind::kArray: {
      const Token open = Peek();
      XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBracketOpen, "to start a value of type " + type->ToString()).status());
      const size_t want = static_cast<size_t>(type->size());
      std::vector<Value> elements;
      while (!PeekIs(TokenKind::kBracketClose)) {
        if (elements.size() == want) {
          TryDrop(TokenKind::kComma);  // point at the extra element
          return ErrorAt(Peek(), "too many elements for array type " + type->ToString() + " (expects " +
                                     std::to_string(want) + ")");
        }
        if (!elements.empty()) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between array elements").status());
        XLSAOT_ASSIGN_OR_RETURN(Value element, ParseValueOfType(type->element(), depth + 1));
        elements.push_back(std::move(element));
      }
      if (elements.size() != want) {
        return ErrorAt(open, "array value has " + std::to_string(elements.size()) + " elements, type " +
                                 type->ToString() + " has " + std::to_string(want));
      }
      Next();
      return Value::Array(std::move(elements));
    }
  }
  return ErrorAt(Peek(), "unsupported type");
}

Result<std::pair<Value, const Type*>> TextParser::ParseTypedValue(int depth) {
  using Typed = std::pair<Value, const Type*>;
  if (depth > kMaxNestingDepth) {
    return LimitAt(Peek(), "value is nested too deeply (limit " + std::to_string(kMaxNestingDepth) + ")");
  }
  if (PeekIsWord("token")) {
    Next();
    return Typed{Value::Token(), Type::Token()};
  }
  if (PeekIsWord("bits")) {
    XLSAOT_ASSIGN_OR_RETURN(SizedType type, ParseType(depth));
    if (!type.type->IsBits()) {
      return ErrorAt(Peek(), "typed values write arrays as [a, b], not as " + type.type->ToString());
    }
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kColon, "after the type of a bits value").status());
    XLSAOT_ASSIGN_OR_RETURN(Value v, ParseBitsOfWidth(type.type->bit_count()));
    return Typed{std::move(v), type.type};
  }
  const Token open = Peek();
  if (TryDrop(TokenKind::kParenOpen)) {
    std::vector<Value> elements;
    std::vector<const Type*> types;
    while (!PeekIs(TokenKind::kParenClose)) {
      if (!elements.empty()) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between tuple elements").status());
      XLSAOT_ASSIGN_OR_RETURN(Typed element, ParseTypedValue(depth + 1));
      elements.push_back(std::move(element.first));
      types.push_back(element.second);
    }
    Next();
    return Typed{Value::Tuple(std::move(elements)), Type::Tuple(types)};
  }
  if (TryDrop(TokenKind::kBracketOpen)) {
    std::vector<Value> elements;
    const Type* element_type = nullptr;
    while (!PeekIs(TokenKind::kBracketClose)) {
      if (!elements.empty()) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between array elements").status());
      const Token element_start = Peek();
      XLSAOT_ASSIGN_OR_RETURN(Typed element, ParseTypedValue(depth + 1));
      if (element_type != nullptr && element.second != element_type) {
        return ErrorAt(element_start, "array element of type " + element.second->ToString() +
                                          " differs from the first element's type " + element_type->ToString());
      }
      element_type = element.second;
      elements.push_back(std::move(element.first));
    }
    if (elements.empty()) return ErrorAt(open, "an empty array value has no type");
    Next();
    const int64_t size = static_cast<int64_t>(elements.size());
    if (element_type->flat_bit_count() > 0 && size > kMaxTypeBitCount / element_type->flat_bit_count()) {
      return LimitAt(open, "array value is too large (limit " + std::to_string(kMaxTypeBitCount) + " bits)");
    }
    return Typed{Value::Array(std::move(elements)), Type::Array(element_type, size)};
  }
  return ErrorAt(Peek(), "expected a typed value (bits[N]:V, (...), [...] or token), found " + Describe(Peek()));
}

Status TextParser::ExpectEnd(std::string_view what) {
  if (!PeekIs(TokenKind::kEof)) {
    return ErrorAt(Peek(), "unexpected " + Describe(Peek()) + " after the " + std::string(what));
  }
  return Status::Ok();
}

// --- Package structure. ---

Result<std::unique_ptr<Package>> TextParser::ParsePackage() {
  XLSAOT_RETURN_IF_ERROR(ExpectWord("package", "at the start of the IR"));
  XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a package name"));
  auto package = std::make_unique<Package>(std::string(name.text));
  package->set_filename(filename_);

  std::vector<std::string> attributes;
  Token last_attribute{};
  std::optional<Token> top_token;
  while (!PeekIs(TokenKind::kEof)) {
    if (PeekIs(TokenKind::kHash)) {
      last_attribute = Peek();
      XLSAOT_ASSIGN_OR_RETURN(std::string attribute, ParseOuterAttribute());
      attributes.push_back(std::move(attribute));
      continue;
    }
    if (PeekIsWord("file_number")) {
      if (!attributes.empty()) return ErrorAt(Peek(), "attributes are not allowed on file_number declarations");
      XLSAOT_RETURN_IF_ERROR(ParseFileNumber(*package));
      continue;
    }
    bool is_top = false;
    if (PeekIsWord("top")) {
      const Token top = Next();
      if (top_token) {
        return ErrorAt(top, "top declared more than once (first at " +
                                FormatLocation(filename_, top_token->loc) + ")");
      }
      top_token = top;
      is_top = true;
    }
    const Token keyword = Peek();
    if (PeekIsWord("fn") || PeekIsWord("scheduled_fn")) {
      XLSAOT_RETURN_IF_ERROR(ParseFunction(*package, std::move(attributes), is_top));
    } else if (PeekIsWord("proc") || PeekIsWord("scheduled_proc")) {
      XLSAOT_RETURN_IF_ERROR(ParseProc(*package, std::move(attributes), is_top));
    } else if (PeekIsWord("block") || PeekIsWord("scheduled_block")) {
      XLSAOT_RETURN_IF_ERROR(SkipEntity(*package, NonFunctionEntity::Kind::kBlock, is_top));
    } else if (PeekIsWord("chan") && !is_top) {
      if (!attributes.empty()) return ErrorAt(keyword, "attributes are not allowed on channels");
      XLSAOT_ASSIGN_OR_RETURN(Channel channel, ParseChannel());
      if (const Channel* first = package->GetChannel(channel.name)) {
        return ErrorAt(channel.loc, "channel '" + channel.name + "' is declared more than once (first at " +
                                        FormatLocation(filename_, first->loc) + ")");
      }
      package->AddChannel(std::move(channel));
    } else if (is_top) {
      return ErrorAt(keyword, "expected 'fn', 'proc' or 'block' after 'top', found " + Describe(keyword));
    } else {
      return ErrorAt(keyword, "expected 'fn', 'proc', 'block', 'chan', 'file_number' or an attribute, found " +
                                  Describe(keyword));
    }
    attributes.clear();
  }
  if (!attributes.empty()) {
    return ErrorAt(last_attribute, "attribute is not followed by a function");
  }

  for (const FunctionReference& ref : function_references_) {
    Function* callee = package->GetFunction(ref.name.text);
    if (callee == nullptr) {
      return ErrorAt(ref.name, "unknown function '" + std::string(ref.name.text) + "'");
    }
    ref.node->mutable_attrs().callee = callee;
  }
  for (const ProcReference& ref : proc_references_) {
    Proc* instantiated = package->GetProc(ref.name.text);
    if (instantiated == nullptr) return ErrorAt(ref.name, "unknown proc '" + std::string(ref.name.text) + "'");
    ref.proc->mutable_instantiations()[ref.instantiation].proc = instantiated;
  }
  XLSAOT_RETURN_IF_ERROR(AssignMissingIds(*package));
  return package;
}

// `#[name(...)]`: returns the text between the brackets verbatim.
Result<std::string> TextParser::ParseOuterAttribute() {
  const Token hash = Next();
  if (PeekIs(TokenKind::kBang)) return ErrorAt(Peek(), "inner attributes '#![...]' are not allowed here");
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBracketOpen, "after '#'").status());
  XLSAOT_ASSIGN_OR_RETURN(Token name, Expect(TokenKind::kIdent, "naming the attribute"));
  size_t end = name.end;
  BracketNesting nesting;
  while (true) {
    const Token t = Next();
    if (t.kind == TokenKind::kEof) return ErrorAt(hash, "attribute is not terminated");
    if (nesting.empty() && t.kind == TokenKind::kBracketClose) {
      return std::string(text_.substr(name.begin, end - name.begin));
    }
    if (!nesting.Follow(t.kind)) return ErrorAt(t, "unbalanced " + Describe(t) + " in attribute");
    end = t.end;
  }
}

Status TextParser::ParseFileNumber(Package& package) {
  Next();
  const Token number_token = Peek();
  XLSAOT_ASSIGN_OR_RETURN(int64_t number, ParseInt64("a file number"));
  if (number < 0 || number > std::numeric_limits<int32_t>::max()) {
    return ErrorAt(number_token, "file number " + std::to_string(number) + " is out of range");
  }
  XLSAOT_ASSIGN_OR_RETURN(Token path, Expect(TokenKind::kString, "for the file path"));
  // XLS keeps the path as written (no unescaping); so does the printer.
  package.mutable_file_numbers()[number] = std::string(path.text);
  return Status::Ok();
}

Status TextParser::SkipEntity(Package& package, NonFunctionEntity::Kind kind, bool is_top) {
  const Token keyword = Next();
  XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a name after '" + std::string(keyword.text) + "'"));
  package.mutable_non_functions().push_back(NonFunctionEntity{kind, std::string(name.text), name.loc});
  if (is_top) package.set_top_name(std::string(name.text));
  const std::string what = std::string(keyword.text) + " '" + std::string(name.text) + "'";
  BracketNesting nesting;
  while (true) {
    const Token t = Next();
    if (t.kind == TokenKind::kEof) return ErrorAt(keyword, what + " is not terminated (end of input inside it)");
    if (!nesting.Follow(t.kind)) return ErrorAt(t, "unbalanced " + Describe(t) + " in " + what);
    // A block ends with the '}' that closes its body.
    if (nesting.empty() && t.kind == TokenKind::kBraceClose) return Status::Ok();
  }
}

Result<bool> TextParser::NextBodyLine(const std::string& what, const Token& open, bool scheduled,
                                      int& open_stages) {
  while (true) {
    if (PeekIs(TokenKind::kBraceClose)) {
      if (open_stages == 0) return false;
      Next();
      --open_stages;
      continue;
    }
    if (PeekIs(TokenKind::kEof)) {
      return ErrorAt(Peek(), "expected '}' to close " + what + " (opened at " + FormatLocation(filename_, open.loc) +
                                 "), found end of input");
    }
    if (scheduled && PeekIsWord("stage") && PeekIs(TokenKind::kBraceOpen, 1)) {
      Next();
      Next();
      ++open_stages;
      continue;
    }
    return true;
  }
}

// --- Procs and channels. ---

Result<ChannelKind> TextParser::ParseChannelKind(const Token& value) const {
  if (value.text == "streaming") return ChannelKind::kStreaming;
  if (value.text == "single_value") return ChannelKind::kSingleValue;
  return ErrorAt(value, "unknown channel kind " + Describe(value) + " (streaming or single_value)");
}

Result<std::string> TextParser::ParseVerbatimValue(std::string_view what) {
  const Token first = Peek();
  size_t end = first.begin;
  BracketNesting nesting;
  while (true) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kEof) return ErrorAt(first, "unterminated " + std::string(what));
    if (nesting.empty() && (t.kind == TokenKind::kComma || t.kind == TokenKind::kParenClose)) break;
    if (!nesting.Follow(t.kind)) return ErrorAt(t, "unbalanced " + Describe(t) + " in " + std::string(what));
    end = t.end;
    Next();
  }
  if (end == first.begin) return ErrorAt(first, "expected a value for " + std::string(what) + ", found " + Describe(first));
  return std::string(text_.substr(first.begin, end - first.begin));
}

// `chan NAME(TYPE, key=value, ...)`.
Result<Channel> TextParser::ParseChannel() {
  Next();  // chan
  XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a channel name"));
  Channel channel;
  channel.name = std::string(name.text);
  channel.loc = name.loc;
  const std::string what = "channel '" + channel.name + "'";
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "after the channel name").status());
  XLSAOT_ASSIGN_OR_RETURN(SizedType type, ParseType(0));
  channel.type = type.type;
  bool saw_kind = false;
  bool saw_ops = false;
  std::vector<std::string> seen;
  while (TryDrop(TokenKind::kComma)) {
    XLSAOT_ASSIGN_OR_RETURN(Token key, ExpectName("a channel attribute"));
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kEquals, "after '" + std::string(key.text) + "'").status());
    if (std::find(seen.begin(), seen.end(), key.text) != seen.end()) {
      return ErrorAt(key, "duplicate attribute '" + std::string(key.text) + "' of " + what);
    }
    seen.emplace_back(key.text);
    if (key.text == "initial_values") {
      XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBraceOpen, "to start the initial values").status());
      channel.has_initial_values = true;
      while (!PeekIs(TokenKind::kBraceClose)) {
        if (!channel.initial_values.empty())
          XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between initial values").status());
        XLSAOT_ASSIGN_OR_RETURN(Value v, ParseValueOfType(channel.type, 0));
        channel.initial_values.push_back(std::move(v));
      }
      Next();
    } else if (key.text == "id") {
      const Token id_token = Peek();
      XLSAOT_ASSIGN_OR_RETURN(int64_t id, ParseInt64("a channel id"));
      if (id < 0) return ErrorAt(id_token, "channel id " + std::to_string(id) + " must not be negative");
      channel.id = id;
    } else if (key.text == "kind") {
      XLSAOT_ASSIGN_OR_RETURN(Token value, ExpectName("a channel kind"));
      XLSAOT_ASSIGN_OR_RETURN(channel.kind, ParseChannelKind(value));
      saw_kind = true;
    } else if (key.text == "ops") {
      XLSAOT_ASSIGN_OR_RETURN(Token value, ExpectName("channel ops"));
      if (value.text == "send_only") {
        channel.ops = ChannelOps::kSendOnly;
      } else if (value.text == "receive_only") {
        channel.ops = ChannelOps::kReceiveOnly;
      } else if (value.text == "send_receive") {
        channel.ops = ChannelOps::kSendReceive;
      } else {
        return ErrorAt(value, "unknown channel ops " + Describe(value) + " (send_only, receive_only or send_receive)");
      }
      saw_ops = true;
    } else {
      XLSAOT_ASSIGN_OR_RETURN(std::string text, ParseVerbatimValue("attribute '" + std::string(key.text) + "'"));
      channel.other_attributes.push_back(VerbatimAttribute{std::string(key.text), std::move(text)});
    }
  }
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenClose, "to close " + what).status());
  if (!saw_kind) return ErrorAt(name, what + " has no kind= attribute");
  if (!saw_ops) return ErrorAt(name, what + " has no ops= attribute");
  return channel;
}

// `chan_interface NAME(direction=send|receive, kind=..., ...)`.
Status TextParser::ParseChannelInterfaceLine(Proc& proc) {
  Next();  // chan_interface
  XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a channel name"));
  ChannelInterfaceLine line;
  line.name = std::string(name.text);
  line.loc = name.loc;
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "after the channel name").status());
  bool saw_direction = false;
  bool saw_kind = false;
  bool first = true;
  while (!PeekIs(TokenKind::kParenClose)) {
    if (!first) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between attributes").status());
    first = false;
    XLSAOT_ASSIGN_OR_RETURN(Token key, ExpectName("a channel attribute"));
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kEquals, "after '" + std::string(key.text) + "'").status());
    if (key.text == "direction") {
      XLSAOT_ASSIGN_OR_RETURN(Token value, ExpectName("a direction"));
      if (value.text == "send") {
        line.direction = ChannelDirection::kSend;
      } else if (value.text == "receive") {
        line.direction = ChannelDirection::kReceive;
      } else {
        return ErrorAt(value, "unknown direction " + Describe(value) + " (send or receive)");
      }
      saw_direction = true;
    } else if (key.text == "kind") {
      XLSAOT_ASSIGN_OR_RETURN(Token value, ExpectName("a channel kind"));
      XLSAOT_ASSIGN_OR_RETURN(line.kind, ParseChannelKind(value));
      saw_kind = true;
    } else {
      XLSAOT_ASSIGN_OR_RETURN(std::string text, ParseVerbatimValue("attribute '" + std::string(key.text) + "'"));
      line.other_attributes.push_back(VerbatimAttribute{std::string(key.text), std::move(text)});
    }
  }
  Next();
  if (!saw_direction) return ErrorAt(name, "chan_interface '" + line.name + "' has no direction= attribute");
  if (!saw_kind) return ErrorAt(name, "chan_interface '" + line.name + "' has no kind= attribute");
  for (InterfaceChannel& c : proc.mutable_interface())
    if (c.name == line.name && c.direction == line.direction) c.kind = line.kind;
  proc.AddChannelInterface(std::move(line));
  return Status::Ok();
}

// `proc_instantiation NAME(CHANNEL, ..., proc=P)`.
Status TextParser::ParseInstantiationLine(Proc& proc) {
  Next();  // proc_instantiation
  XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("an instantiation name"));
  ProcInstantiation instantiation;
  instantiation.name = std::string(name.text);
  instantiation.loc = name.loc;
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "after the instantiation name").status());
  std::optional<Token> proc_name;
  bool first = true;
  while (!PeekIs(TokenKind::kParenClose)) {
    if (!first) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between instantiation arguments").status());
    first = false;
    if (PeekIsWord("proc") && PeekIs(TokenKind::kEquals, 1)) {
      Next();
      Next();
      XLSAOT_ASSIGN_OR_RETURN(Token value, ExpectName("the instantiated proc's name"));
      proc_name = value;
      continue;
    }
    if (proc_name) return ErrorAt(Peek(), "channel arguments must come before proc=");
    XLSAOT_ASSIGN_OR_RETURN(Token channel, ExpectName("a channel argument"));
    instantiation.channel_args.emplace_back(channel.text);
  }
  Next();
  if (!proc_name) return ErrorAt(name, "proc_instantiation '" + instantiation.name + "' has no proc= attribute");
  instantiation.proc_name = std::string(proc_name->text);
  for (const ProcInstantiation& other : proc.instantiations()) {
    if (other.name == instantiation.name)
      return ErrorAt(name, "proc_instantiation '" + instantiation.name + "' is declared more than once");
  }
  proc.AddInstantiation(std::move(instantiation));
  proc_references_.push_back(ProcReference{&proc, proc.instantiations().size() - 1, *proc_name});
  return Status::Ok();
}

Node* TextParser::AddImplicitStateRead(Proc& proc, size_t element) {
  const StateElement& e = proc.state_elements()[element];
  Node* node = proc.AddNode(Op::kStateRead, e.type, e.name);
  node->set_loc(e.loc);
  node->mutable_attrs().state_element = e.name;
  node->mutable_attrs().state_index = static_cast<int64_t>(element);
  scope_[e.name] = node;
  return node;
}

// The legacy `next (TOKEN?, V1, ..., Vn)` line: one next_value per state
// element, as XLS's parser creates them.
Status TextParser::ParseLegacyNextLine(Proc& proc) {
  const Token keyword = Next();
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "after 'next'").status());
  std::vector<Node*> values;
  while (!PeekIs(TokenKind::kParenClose)) {
    if (!values.empty()) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between next values").status());
    XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a next-state value"));
    XLSAOT_ASSIGN_OR_RETURN(Node * node, Lookup(name));
    values.push_back(node);
  }
  Next();
  const size_t elements = proc.state_elements().size();
  size_t first = 0;
  if (values.size() == elements + 1 && values[0]->type()->IsToken()) first = 1;
  if (values.size() - first != elements) {
    return ErrorAt(keyword, "'next' of proc '" + proc.name() + "' lists " + std::to_string(values.size()) +
                                " values for " + std::to_string(elements) + " state elements");
  }
  for (size_t i = 0; i < elements; ++i) {
    Node* node = proc.AddNode(Op::kNextValue, Type::Tuple({}), "");
    node->set_loc(keyword.loc);
    node->mutable_attrs().state_element = proc.state_elements()[i].name;
    node->mutable_attrs().state_index = static_cast<int64_t>(i);
    node->mutable_operands().push_back(values[first + i]);
  }
  return Status::Ok();
}

// `<NAME: TYPE in|out, ...>(NAME: TYPE, ..., init={V, ...})`.
Status TextParser::ParseProcHeader(Proc& proc) {
  if (TryDrop(TokenKind::kLess)) {
    proc.set_new_style(true);
    while (!PeekIs(TokenKind::kGreater)) {
      if (!proc.interface().empty()) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between interface channels").status());
      XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("an interface channel name"));
      XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kColon, "after the channel name").status());
      XLSAOT_ASSIGN_OR_RETURN(SizedType type, ParseType(0));
      XLSAOT_ASSIGN_OR_RETURN(Token direction, ExpectName("'in' or 'out'"));
      if (direction.text != "in" && direction.text != "out") {
        return ErrorAt(direction, "expected 'in' or 'out', found " + Describe(direction));
      }
      if (proc.FindInterfaceChannel(name.text) != nullptr) {
        return ErrorAt(name, "interface channel '" + std::string(name.text) + "' is listed more than once");
      }
      proc.mutable_interface().push_back(InterfaceChannel{
          std::string(name.text), type.type,
          direction.text == "in" ? ChannelDirection::kReceive : ChannelDirection::kSend,
          ChannelKind::kStreaming, name.loc});
    }
    Next();
  }
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "to start the state list").status());
  std::vector<StateElement>& state = proc.mutable_state_elements();
  bool saw_init = false;
  while (!PeekIs(TokenKind::kParenClose)) {
    if (!state.empty() || saw_init) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between state elements").status());
    if (saw_init) return ErrorAt(Peek(), "init={...} must end the state list");
    if (PeekIsWord("init") && PeekIs(TokenKind::kEquals, 1)) {
      const Token init = Next();
      Next();
      XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBraceOpen, "to start the initial state").status());
      const std::string count_error = "init={...} of proc '" + proc.name() + "' needs exactly " +
                                      std::to_string(state.size()) + " values, one per state element";
      size_t values = 0;
      while (!PeekIs(TokenKind::kBraceClose)) {
        if (values > 0) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between initial state values").status());
        if (values == state.size()) return ErrorAt(init, count_error);
        XLSAOT_ASSIGN_OR_RETURN(state[values].initial_value, ParseValueOfType(state[values].type, 0));
        ++values;
      }
      if (values != state.size()) return ErrorAt(init, count_error);
      Next();
      saw_init = true;
      continue;
    }
    XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a state element name"));
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kColon, "after the state element name").status());
    XLSAOT_ASSIGN_OR_RETURN(SizedType type, ParseType(0));
    if (proc.StateElementIndex(name.text) >= 0) {
      return ErrorAt(name, "state element '" + std::string(name.text) + "' is declared more than once");
    }
    state.push_back(StateElement{std::string(name.text), type.type, Value(), name.loc});
  }
  const Token close = Next();
  if (!state.empty() && !saw_init) {
    return ErrorAt(close, "proc '" + proc.name() + "' has state elements but no init={...}");
  }
  return Status::Ok();
}

Status TextParser::ParseProcBody(Proc& proc, bool scheduled) {
  const Token open = Peek();
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBraceOpen, "to start the proc body").status());
  // State elements without a state_read in the body (the legacy form, where
  // the header's names are used directly) get one at the start, as XLS's
  // parser gives them.
  {
    std::vector<bool> read(proc.state_elements().size(), false);
    int depth = 0;
    for (size_t i = pos_; i + 2 < tokens_.size() && depth >= 0; ++i) {
      const Token& t = tokens_[i];
      if (t.kind == TokenKind::kBraceOpen) ++depth;
      if (t.kind == TokenKind::kBraceClose) --depth;
      if (t.kind != TokenKind::kIdent || t.text != "state_element" || tokens_[i + 1].kind != TokenKind::kEquals)
        continue;
      // Only a state_read reads: find this call's op name before its '('.
      size_t j = i;
      int parens = 0;
      while (j > pos_ && !(tokens_[j].kind == TokenKind::kParenOpen && parens == 0)) {
        if (tokens_[j].kind == TokenKind::kParenClose) ++parens;
        if (tokens_[j].kind == TokenKind::kParenOpen) --parens;
        --j;
      }
      if (j > pos_ && tokens_[j - 1].text == "state_read") {
        const int64_t index = proc.StateElementIndex(tokens_[i + 2].text);
        if (index >= 0) read[static_cast<size_t>(index)] = true;
      }
    }
    for (size_t i = 0; i < read.size(); ++i)
      if (!read[i]) AddImplicitStateRead(proc, i);
  }
  int open_stages = 0;
  while (true) {
    XLSAOT_ASSIGN_OR_RETURN(bool more, NextBodyLine("proc '" + proc.name() + "'", open, scheduled, open_stages));
    if (!more) break;
    const bool declaration = PeekIs(TokenKind::kIdent, 1) && PeekIs(TokenKind::kParenOpen, 2);
    if (declaration && PeekIsWord("chan")) {
      XLSAOT_ASSIGN_OR_RETURN(Channel channel, ParseChannel());
      if (const Channel* first = proc.FindDeclaredChannel(channel.name)) {
        return ErrorAt(channel.loc, "channel '" + channel.name + "' is declared more than once in proc '" +
                                        proc.name() + "' (first at " + FormatLocation(filename_, first->loc) + ")");
      }
      proc.AddChannel(std::move(channel));
    } else if (declaration && PeekIsWord("chan_interface")) {
      XLSAOT_RETURN_IF_ERROR(ParseChannelInterfaceLine(proc));
    } else if (declaration && PeekIsWord("proc_instantiation")) {
      XLSAOT_RETURN_IF_ERROR(ParseInstantiationLine(proc));
    } else if (PeekIsWord("next") && PeekIs(TokenKind::kParenOpen, 1)) {
      XLSAOT_RETURN_IF_ERROR(ParseLegacyNextLine(proc));
    } else {
      XLSAOT_RETURN_IF_ERROR(ParseNodeLine(proc, /*is_ret=*/false));
    }
  }
  Next();
  return Status::Ok();
}

Status TextParser::ParseProc(Package& package, std::vector<std::string> attributes, bool is_top) {
  const Token keyword = Next();
  XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a proc name"));
  if (package.GetProc(name.text) != nullptr || package.GetFunction(name.text) != nullptr) {
    return ErrorAt(name, "'" + std::string(name.text) + "' is defined more than once");
  }
  Proc* proc = package.AddProc(std::string(name.text));
  proc->set_loc(name.loc);
  proc->mutable_outer_attributes() = std::move(attributes);
  if (is_top) package.set_top_name(std::string(name.text));
  scope_.clear();
  XLSAOT_RETURN_IF_ERROR(ParseProcHeader(*proc));
  return ParseProcBody(*proc, keyword.text == "scheduled_proc");
}

Status TextParser::ParseFunction(Package& package, std::vector<std::string> attributes, bool is_top) {
  const Token keyword = Next();
  const bool scheduled = keyword.text == "scheduled_fn";
  XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a function name"));
  if (package.GetFunction(name.text) != nullptr) {
    return ErrorAt(name, "function '" + std::string(name.text) + "' is defined more than once (first at " +
                             FormatLocation(filename_, package.GetFunction(name.text)->loc()) + ")");
  }
  Function* f = package.AddFunction(std::string(name.text));
  f->set_loc(name.loc);
  f->mutable_outer_attributes() = std::move(attributes);
  if (is_top) package.set_top_name(std::string(name.text));
  scope_.clear();

  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "to start the parameter list").status());
  if (!PeekIs(TokenKind::kParenClose)) {
    while (true) {
      XLSAOT_ASSIGN_OR_RETURN(Token param_name, ExpectName("a parameter name"));
      XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kColon, "after the parameter name").status());
      XLSAOT_ASSIGN_OR_RETURN(SizedType type, ParseType(0));
      int64_t id = 0;
      if (PeekIs(TokenKind::kIdent)) {
        const Token key = Next();
        if (key.text != "id") return ErrorAt(key, "unknown parameter attribute " + Describe(key) + " (only id=)");
        XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kEquals, "after 'id'").status());
        const Token id_token = Peek();
        XLSAOT_ASSIGN_OR_RETURN(id, ParseInt64("id"));
        if (id <= 0) return ErrorAt(id_token, "node id " + std::to_string(id) + " must be positive");
      }
      if (auto it = scope_.find(param_name.text); it != scope_.end()) {
        return ErrorAt(param_name, "parameter '" + std::string(param_name.text) + "' is declared more than once");
      }
      Node* param = f->AddParam(type.type, std::string(param_name.text));
      param->set_loc(param_name.loc);
      param->set_id(id);
      scope_[param_name.text] = param;
      if (!TryDrop(TokenKind::kComma)) break;
    }
  }
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenClose, "to close the parameter list").status());
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kArrow, "before the return type").status());
  XLSAOT_ASSIGN_OR_RETURN(SizedType return_type, ParseType(0));
  f->set_return_type(return_type.type);
  const Token open = Peek();
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBraceOpen, "to start the function body").status());

  int open_stages = 0;  // scheduled_fn: `stage { ... }` groups are flattened
  while (true) {
    XLSAOT_ASSIGN_OR_RETURN(bool more, NextBodyLine("function '" + f->name() + "'", open, scheduled, open_stages));
    if (!more) break;
    const bool is_ret = PeekIsWord("ret") && PeekIs(TokenKind::kIdent, 1);
    const Token line_start = Peek();
    if (is_ret) {
      Next();
      if (f->return_node() != nullptr) {
        return ErrorAt(line_start, "function '" + f->name() + "' has more than one 'ret' (first is '" +
                                       f->return_node()->name() + "')");
      }
    }
    XLSAOT_RETURN_IF_ERROR(ParseNodeLine(*f, is_ret));
  }
  const Token close = Next();
  if (f->return_node() == nullptr) {
    return ErrorAt(close, "function '" + f->name() + "' has no 'ret' node");
  }
  if (f->return_node()->type() != return_type.type) {
    return TypeErrorAt(f->return_node()->loc(), "return node '" + f->return_node()->name() + "' has type " +
                                                    f->return_node()->type()->ToString() + " but function '" +
                                                    f->name() + "' returns " + return_type.type->ToString());
  }
  return Status::Ok();
}

Result<Node*> TextParser::Lookup(const Token& name) const {
  auto it = scope_.find(name.text);
  if (it == scope_.end()) return ErrorAt(name, "undefined name '" + std::string(name.text) + "'");
  return it->second;
}

Result<std::vector<Node*>> TextParser::ParseNameList() {
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBracketOpen, "to start a list of operands").status());
  std::vector<Node*> nodes;
  while (!PeekIs(TokenKind::kBracketClose)) {
    if (!nodes.empty()) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between operands").status());
    XLSAOT_ASSIGN_OR_RETURN(Token name, Expect(TokenKind::kIdent, "naming an operand"));
    XLSAOT_ASSIGN_OR_RETURN(Node * node, Lookup(name));
    nodes.push_back(node);
  }
  Next();
  return nodes;
}

Status TextParser::ParsePos(std::vector<SourcePos>& pos) {
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kBracketOpen, "to start pos=[...]").status());
  while (!PeekIs(TokenKind::kBracketClose)) {
    if (!pos.empty()) XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "between source positions").status());
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "to start a source position (file, line, column)").status());
    SourcePos p;
    XLSAOT_ASSIGN_OR_RETURN(p.file_number, ParseInt64("a file number"));
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "in a source position").status());
    XLSAOT_ASSIGN_OR_RETURN(p.line, ParseInt64("a line number"));
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kComma, "in a source position").status());
    XLSAOT_ASSIGN_OR_RETURN(p.column, ParseInt64("a column number"));
    XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenClose, "to close a source position").status());
    pos.push_back(p);
  }
  Next();
  return Status::Ok();
}

Status TextParser::ParseAttrValue(Attr attr, const Type* node_type, AttrValue& out) {
  const AttrInfo& info = GetAttrInfo(attr);
  const std::string what = "attribute '" + std::string(info.name) + "'";
  out.token = Peek();
  switch (info.kind) {
    case AttrValueKind::kInteger: {
      XLSAOT_ASSIGN_OR_RETURN(out.integer, ParseInt64(what));
      // Counts, widths and indices are never negative; the loop stride may
      // be (the verifier judges it).
      if (out.integer < 0 && attr != Attr::kStride) {
        return ErrorAt(out.token, what + " must not be negative, got " + std::to_string(out.integer));
      }
      return Status::Ok();
    }
    case AttrValueKind::kBool: {
      const Token t = Next();
      if (t.kind == TokenKind::kIdent && (t.text == "true" || t.text == "false")) {
        out.boolean = t.text == "true";
      } else if (t.kind == TokenKind::kNumber && (t.text == "0" || t.text == "1")) {
        out.boolean = t.text == "1";
      } else {
        return ErrorAt(t, "expected true or false for " + what + ", found " + Describe(t));
      }
      return Status::Ok();
    }
    case AttrValueKind::kOperand: {
      XLSAOT_ASSIGN_OR_RETURN(Token name, Expect(TokenKind::kIdent, "naming an operand"));
      XLSAOT_ASSIGN_OR_RETURN(out.operand, Lookup(name));
      return Status::Ok();
    }
    case AttrValueKind::kOperandList: {
      XLSAOT_ASSIGN_OR_RETURN(out.operands, ParseNameList());
      return Status::Ok();
    }
    case AttrValueKind::kFunction:
    case AttrValueKind::kIdentifier: {
      XLSAOT_ASSIGN_OR_RETURN(Token name, Expect(TokenKind::kIdent, "for " + what));
      out.token = name;
      out.text = std::string(name.text);
      return Status::Ok();
    }
    case AttrValueKind::kValue: {
      XLSAOT_ASSIGN_OR_RETURN(out.value, ParseValueOfType(node_type, 0));
      return Status::Ok();
    }
    case AttrValueKind::kString: {
      XLSAOT_ASSIGN_OR_RETURN(Token s, Expect(TokenKind::kString, "for " + what));
      if (!UnescapeString(s.text, &out.text)) return ErrorAt(s, "invalid escape sequence in string");
      return Status::Ok();
    }
  }
  return ErrorAt(out.token, "unsupported attribute kind");
}

// `add.7` style names: the op's name, '.', a positive decimal id.
std::optional<std::pair<std::string_view, int64_t>> SplitGeneratedName(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= name.size()) return std::nullopt;
  std::string_view digits = name.substr(dot + 1);
  if (digits.size() > 18) return std::nullopt;  // keeps the value in int64
  int64_t id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return std::nullopt;
  return std::make_pair(name.substr(0, dot), id);
}

Status TextParser::ParseNodeLine(Function& f, bool is_ret) {
  XLSAOT_ASSIGN_OR_RETURN(Token name, ExpectName("a node name"));
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kColon, "after the node name").status());
  XLSAOT_ASSIGN_OR_RETURN(SizedType type, ParseType(0));
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kEquals, "after the node type").status());
  XLSAOT_ASSIGN_OR_RETURN(Token op_token, Expect(TokenKind::kIdent, "naming the operation"));
  std::optional<Op> maybe_op = OpFromName(op_token.text);
  if (!maybe_op) return ErrorAt(op_token, "unknown operation '" + std::string(op_token.text) + "'");
  const Op op = *maybe_op;
  const OpInfo& info = GetOpInfo(op);
  const std::string op_text = "'" + std::string(info.name) + "'";
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenOpen, "after the operation name").status());

  // Positional operands, then key=value attributes.
  std::vector<Node*> positional;
  std::array<AttrValue, kAttrCount> attrs;
  std::optional<int64_t> id;
  std::optional<Token> id_token;
  std::vector<SourcePos> pos;
  bool saw_pos = false;
  if (!PeekIs(TokenKind::kParenClose)) {
    bool keywords = false;
    while (true) {
      if (!keywords && !(PeekIs(TokenKind::kIdent) && PeekIs(TokenKind::kEquals, 1))) {
        XLSAOT_ASSIGN_OR_RETURN(Token operand, Expect(TokenKind::kIdent, "naming an operand"));
        XLSAOT_ASSIGN_OR_RETURN(Node * node, Lookup(operand));
        positional.push_back(node);
      } else {
        keywords = true;
        XLSAOT_ASSIGN_OR_RETURN(Token key, Expect(TokenKind::kIdent, "naming an attribute"));
        if (!PeekIs(TokenKind::kEquals)) {
          return ErrorAt(key, "operand '" + std::string(key.text) + "' follows keyword attributes");
        }
        Next();
        const std::string key_text(key.text);
        if (key_text == "id") {
          if (id) return ErrorAt(key, "duplicate attribute 'id'");
          id_token = Peek();
          XLSAOT_ASSIGN_OR_RETURN(int64_t value, ParseInt64("id"));
          if (value <= 0) return ErrorAt(*id_token, "node id " + std::to_string(value) + " must be positive");
          id = value;
        } else if (key_text == "pos") {
          if (saw_pos) return ErrorAt(key, "duplicate attribute 'pos'");
          saw_pos = true;
          XLSAOT_RETURN_IF_ERROR(ParsePos(pos));
        } else {
          std::optional<Attr> attr = AttrFromName(info, key.text);
          if (!attr) {
            if (!IsAttributeName(key.text)) return ErrorAt(key, "unknown attribute '" + key_text + "'");
            // NOLINTNEXTLINE(performance-inefficient-string-concatenation): one message, then return
            return ErrorAt(key, "operation " + op_text + " does not accept attribute '" + key_text + "'");
          }
          AttrValue& slot = attrs[static_cast<size_t>(*attr)];
          if (slot.present) return ErrorAt(key, "duplicate attribute '" + key_text + "'");
          XLSAOT_RETURN_IF_ERROR(ParseAttrValue(*attr, type.type, slot));
          slot.present = true;
        }
      }
      if (!TryDrop(TokenKind::kComma)) break;
    }
  }
  XLSAOT_RETURN_IF_ERROR(Expect(TokenKind::kParenClose, "to close the arguments of " + op_text).status());

  for (const AttrSpec& spec : info.attrs()) {
    if (spec.presence == kRequired && !attrs[static_cast<size_t>(spec.attr)].present) {
      return ErrorAt(op_token, "operation " + op_text + " requires attribute '" +
                                   std::string(AttrName(spec.attr)) + "'");
    }
  }
  if (info.positional_operands != kVariadic &&
      positional.size() != static_cast<size_t>(info.positional_operands)) {
    return ErrorAt(op_token, "operation " + op_text + " takes " + std::to_string(info.positional_operands) +
                                 " positional operand" + (info.positional_operands == 1 ? "" : "s") + ", got " +
                                 std::to_string(positional.size()));
  }

  const std::string name_text(name.text);
  if (op == Op::kParam) {
    // A param line names an existing parameter (XLS writes one when a
    // parameter is returned); it creates no node.
    const std::string& param_name = attrs[static_cast<size_t>(Attr::kName)].text;
    Node* param = nullptr;
    for (Node* p : f.params())
      if (p->name() == param_name) param = p;
    if (param == nullptr) {
      return ErrorAt(attrs[static_cast<size_t>(Attr::kName)].token,
                     "'" + param_name + "' is not a parameter of function '" + f.name() + "'");
    }
    if (param->type() != type.type) {
      return TypeErrorAt(name.loc, "parameter '" + param_name + "' has type " + param->type()->ToString() +
                                       ", not " + type.type->ToString());
    }
    if (id) {
      if (param->id() == 0) {
        param->set_id(*id);
      } else if (param->id() != *id) {
        return ErrorAt(*id_token, "id " + std::to_string(*id) + " differs from parameter '" + param_name +
                                      "' id " + std::to_string(param->id()));
      }
    }
    if (saw_pos && param->pos().empty()) param->mutable_pos() = pos;
    auto it = scope_.find(name.text);
    if (it != scope_.end() && it->second != param) {
      return ErrorAt(name, "name '" + name_text + "' is already defined at " +
                               FormatLocation(filename_, it->second->loc()));
    }
    scope_[name.text] = param;
    if (is_ret) f.set_return_node(param);
    return Status::Ok();
  }

  if (auto it = scope_.find(name.text); it != scope_.end()) {
    return ErrorAt(name, "name '" + name_text + "' is already defined at " +
                             FormatLocation(filename_, it->second->loc()));
  }
  // `add.7` implies id 7, as in XLS; a generated-looking name for another op
  // is refused because it would mislead every reader.
  if (auto split = SplitGeneratedName(name_text)) {
    if (split->first == info.name) {
      if (id && *id != split->second) {
        return ErrorAt(*id_token, "id=" + std::to_string(*id) + " differs from the id in node name '" +
                                      name_text + "'");
      }
      id = split->second;
    } else if (OpFromName(split->first)) {
      return ErrorAt(name, "node name '" + name_text + "' names operation '" + std::string(split->first) +
                               "' but the node is " + op_text);
    }
  }

  Node* node = f.AddNode(op, type.type, name_text);
  node->set_loc(name.loc);
  node->set_id(id.value_or(0));
  node->mutable_pos() = std::move(pos);
  std::vector<Node*>& operands = node->mutable_operands();
  operands = std::move(positional);
  NodeAttributes& out = node->mutable_attrs();
  for (const AttrSpec& spec : info.attrs()) {
    AttrValue& v = attrs[static_cast<size_t>(spec.attr)];
    if (!v.present) continue;
    switch (spec.attr) {
      case Attr::kStart: out.start = v.integer; break;
      case Attr::kWidth: out.width = v.integer; break;
      case Attr::kNewBitCount: out.new_bit_count = v.integer; break;
      case Attr::kLsbPrio: out.lsb_prio = v.boolean; break;
      case Attr::kCases:
      case Attr::kIndices:
      case Attr::kInvariantArgs:
      case Attr::kDataOperands:
        operands.insert(operands.end(), v.operands.begin(), v.operands.end());
        break;
      case Attr::kDefault:
        operands.push_back(v.operand);
        out.has_default = true;
        break;
      case Attr::kIndex: out.index = v.integer; break;
      case Attr::kAssumedInBounds: out.assumed_in_bounds = v.boolean; break;
      case Attr::kToApply:
      case Attr::kBody:
        function_references_.push_back(FunctionReference{node, v.token});
        break;
      case Attr::kTripCount: out.trip_count = v.integer; break;
      case Attr::kStride: out.stride = v.integer; break;
      case Attr::kName: break;  // only params carry a name; handled above
      case Attr::kValue: out.value = std::move(v.value); break;
      case Attr::kMessage: out.message = std::move(v.text); break;
      case Attr::kLabel:
        out.label = std::move(v.text);
        out.has_label = true;
        break;
      case Attr::kFormat: out.format = std::move(v.text); break;
      case Attr::kVerbosity: out.verbosity = v.integer; break;
      case Attr::kDelay: out.delay = v.integer; break;
      case Attr::kStateElement: out.state_element = std::move(v.text); break;
      case Attr::kNextStateValue: operands.push_back(v.operand); break;
      case Attr::kPredicate:
        operands.push_back(v.operand);
        out.has_predicate = true;
        break;
      case Attr::kChannel: out.channel = std::move(v.text); break;
      case Attr::kBlocking: out.blocking = v.boolean; break;
    }
  }
  if (info.has_flag(kFlagProcOnly)) {
    const Proc* proc = AsProc(f);
    if (proc == nullptr) {
      return ErrorAt(op_token, "operation " + op_text + " is only allowed in a proc, not in function '" +
                                   f.name() + "'");
    }
    if (op == Op::kStateRead || op == Op::kNextValue) {
      out.state_index = proc->StateElementIndex(out.state_element);
      if (out.state_index < 0) {
        return ErrorAt(attrs[static_cast<size_t>(Attr::kStateElement)].token,
                       "proc '" + f.name() + "' has no state element '" + out.state_element + "'");
      }
    }
  }
  scope_[name.text] = node;
  if (is_ret) f.set_return_node(node);
  return Status::Ok();
}

// XLS numbers nodes without an explicit id after the package is read,
// counting up from the largest id in use.
// cppcheck-suppress constParameter ; the ids of the package's nodes are assigned here
Status TextParser::AssignMissingIds(Package& package) const {
  int64_t max_id = 0;
  for (const auto& f : package.functions())
    for (const auto& node : f->nodes()) max_id = std::max(max_id, node->id());
  for (const auto& p : package.procs())
    for (const auto& node : p->nodes()) max_id = std::max(max_id, node->id());
  for (const auto& f : package.functions()) {
    for (const auto& node : f->nodes()) {
      if (node->id() != 0) continue;
      if (max_id == std::numeric_limits<int64_t>::max()) {
        return ErrorAt(node->loc(), "no id left for node '" + node->name() + "' (the largest id is in use)");
      }
      node->set_id(++max_id);
    }
  }
  for (const auto& p : package.procs()) {
    for (const auto& node : p->nodes()) {
      if (node->id() == 0) {
        if (max_id == std::numeric_limits<int64_t>::max()) {
          return ErrorAt(node->loc(), "no id left for node '" + node->name() + "' (the largest id is in use)");
        }
        node->set_id(++max_id);
      }
      // Nodes a legacy `next (...)` line creates are named as XLS names them.
      if (node->name().empty()) node->set_name(std::string(node->op_info().name) + "." + std::to_string(node->id()));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Package>> ParsePackage(std::string_view text, std::string_view filename) {
  XLSAOT_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text, filename));
  TextParser parser(text, std::move(tokens), std::string(filename));
  return parser.ParsePackage();
}

Result<const Type*> ParseType(std::string_view text) {
  XLSAOT_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text, "<string>"));
  TextParser parser(text, std::move(tokens), "<string>");
  XLSAOT_ASSIGN_OR_RETURN(SizedType type, parser.ParseType(0));
  XLSAOT_RETURN_IF_ERROR(parser.ExpectEnd("type"));
  return type.type;
}

Result<Value> ParseTypedValue(std::string_view text) {
  XLSAOT_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text, "<string>"));
  TextParser parser(text, std::move(tokens), "<string>");
  XLSAOT_ASSIGN_OR_RETURN(auto typed, parser.ParseTypedValue(0));
  XLSAOT_RETURN_IF_ERROR(parser.ExpectEnd("value"));
  return std::move(typed.first);
}

Result<Value> ParseValueOfType(std::string_view text, const Type* type) {
  XLSAOT_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text, "<string>"));
  TextParser parser(text, std::move(tokens), "<string>");
  XLSAOT_ASSIGN_OR_RETURN(Value value, parser.ParseValueOfType(type, 0));
  XLSAOT_RETURN_IF_ERROR(parser.ExpectEnd("value"));
  return value;
}

}  // namespace xlsaot
