// Text forms of evaluation inputs: ARGS strings (`;`-separated typed values,
// one per parameter) and files holding one ARGS string or one value per line.
#ifndef XLSAOT_TOOLS_VALUE_LINES_H_
#define XLSAOT_TOOLS_VALUE_LINES_H_

#include <string>
#include <string_view>
#include <vector>

#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Where a line of values came from, for messages: a file and line number, or
// a command-line option (line 0).
struct TextOrigin {
  std::string name;  // file name, or the option, e.g. "--input"
  int line = 0;      // 1-based; 0 for an option's value

  // "file:line:column" for file lines, "--input (column N)" for options.
  std::string Describe(size_t column) const;
  // "file:line" or "--input".
  std::string Describe() const;
};

// One line of text that carries data, and where it came from.
struct DataLine {
  std::string text;
  TextOrigin origin;
};

// The lines of `content` (a file called `filename`) that carry data: blank
// lines and lines starting with `//` (after leading blanks) are skipped.
// Accepts \n and \r\n line ends.
std::vector<DataLine> DataLines(std::string_view content, const std::string& filename);

// A piece of an ARGS string and its 1-based column in that string.
struct ArgText {
  std::string_view text;  // without surrounding blanks
  size_t column = 1;
};

// `text` without leading and trailing blanks (spaces, tabs, line ends);
// `*leading`, when given, receives how many leading characters were dropped.
std::string_view TrimBlanks(std::string_view text, size_t* leading = nullptr);

// Splits an ARGS string at the `;` that are outside any () or [] (a `;` never
// occurs inside a typed value; one that does stays in its piece so the value
// parser reports it). An ARGS string of only blanks is zero arguments; an
// empty piece otherwise (`a;;b`, a trailing `;`) is an error.
Result<std::vector<ArgText>> SplitArgs(std::string_view args, const TextOrigin& origin);

// One parsed argument and the 1-based column where its text starts.
struct ParsedArg {
  Value value;
  size_t column = 1;
};

// SplitArgs, then each piece parsed as a typed value.
Result<std::vector<ParsedArg>> ParseArgs(std::string_view args, const TextOrigin& origin);

// One typed value (surrounding blanks allowed).
Result<Value> ParseOneValue(std::string_view text, const TextOrigin& origin);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_VALUE_LINES_H_
