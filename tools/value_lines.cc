#include "tools/value_lines.h"

#include "ir/parser.h"

namespace xlsaot {
namespace {

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

}  // namespace

std::string_view TrimBlanks(std::string_view text, size_t* leading) {
  size_t begin = 0;
  while (begin < text.size() && IsBlank(text[begin])) ++begin;
  size_t end = text.size();
  while (end > begin && IsBlank(text[end - 1])) --end;
  if (leading) *leading = begin;
  return text.substr(begin, end - begin);
}

namespace {

// The value parser reports "<string>:1:COL: what" relative to the text it
// was given; `base_column` is where that text starts in the line. Returns
// "ORIGIN:COL': [prefix]what" with COL' the column in the line.
Error Relocate(const Error& error, const TextOrigin& origin, size_t base_column,
               const std::string& prefix) {
  std::string_view message = error.message;
  constexpr std::string_view kPlace = "<string>:1:";
  size_t column = base_column;
  if (message.starts_with(kPlace)) {
    std::string_view rest = message.substr(kPlace.size());
    size_t digits = 0;
    size_t offset = 0;
    while (digits < rest.size() && digits < 9 && rest[digits] >= '0' && rest[digits] <= '9') {
      offset = offset * 10 + static_cast<size_t>(rest[digits] - '0');
      ++digits;
    }
    if (digits > 0 && rest.substr(digits).starts_with(": ")) {
      column = base_column + (offset > 0 ? offset - 1 : 0);
      message = rest.substr(digits + 2);
    }
  }
  return MakeError(error.code, origin.Describe(column) + ": " + prefix + std::string(message));
}

}  // namespace

std::string TextOrigin::Describe(size_t column) const {
  if (line > 0) return name + ":" + std::to_string(line) + ":" + std::to_string(column);
  return name + " (column " + std::to_string(column) + ")";
}

std::string TextOrigin::Describe() const {
  if (line > 0) return name + ":" + std::to_string(line);
  return name;
}

std::vector<DataLine> DataLines(std::string_view content, const std::string& filename) {
  std::vector<DataLine> lines;
  int line_number = 0;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = TrimBlanks(line);
    if (trimmed.empty() || trimmed.starts_with("//")) continue;
    lines.push_back(DataLine{std::string(line), TextOrigin{filename, line_number}});
  }
  return lines;
}

Result<std::vector<ArgText>> SplitArgs(std::string_view args, const TextOrigin& origin) {
  std::vector<ArgText> pieces;
  if (TrimBlanks(args).empty()) return pieces;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= args.size(); ++i) {
    const bool at_end = i == args.size();
    if (!at_end) {
      char c = args[i];
      if (c == '(' || c == '[') ++depth;
      if ((c == ')' || c == ']') && depth > 0) --depth;
      if (c != ';' || depth != 0) continue;
    }
    size_t leading = 0;
    std::string_view piece = TrimBlanks(args.substr(start, i - start), &leading);
    if (piece.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       origin.Describe(start + leading + 1) + ": argument " +
                           std::to_string(pieces.size() + 1) +
                           " is empty (arguments are typed values separated by ';')");
    }
    pieces.push_back(ArgText{piece, start + leading + 1});
    start = i + 1;
  }
  return pieces;
}

Result<Value> ParseOneValue(std::string_view text, const TextOrigin& origin) {
  size_t leading = 0;
  std::string_view trimmed = TrimBlanks(text, &leading);
  if (trimmed.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, origin.Describe(1) + ": expected a typed value");
  }
  Result<Value> value = ParseTypedValue(trimmed);
  if (!value.ok()) return Relocate(value.error_value(), origin, leading + 1, "");
  return value;
}

Result<std::vector<ParsedArg>> ParseArgs(std::string_view args, const TextOrigin& origin) {
  XLSAOT_ASSIGN_OR_RETURN(std::vector<ArgText> pieces, SplitArgs(args, origin));
  std::vector<ParsedArg> values;
  values.reserve(pieces.size());
  for (size_t i = 0; i < pieces.size(); ++i) {
    Result<Value> value = ParseTypedValue(pieces[i].text);
    if (!value.ok()) {
      return Relocate(value.error_value(), origin, pieces[i].column,
                      "argument " + std::to_string(i + 1) + ": ");
    }
    values.push_back(ParsedArg{std::move(value).value(), pieces[i].column});
  }
  return values;
}

}  // namespace xlsaot
