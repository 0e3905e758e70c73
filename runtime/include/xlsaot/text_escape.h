// Escaping user text (messages, labels, trace formats) for one-line output:
// the IR printer writes string attributes with it, and error messages quote
// user text with it, so an error is always one line.
#ifndef XLSAOT_TEXT_ESCAPE_H_
#define XLSAOT_TEXT_ESCAPE_H_

#include <string>
#include <string_view>

namespace xlsaot {

// `text` with \n, \r, \t, ", ' and \ escaped C-style and every other byte
// outside printable ASCII as a three-digit octal escape (\303). The IR
// lexer reads every such escape back.
std::string EscapeString(std::string_view text);

}  // namespace xlsaot

#endif  // XLSAOT_TEXT_ESCAPE_H_
