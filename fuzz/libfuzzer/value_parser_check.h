// The check behind value_parser_fuzzer: the typed-value, type and untyped
// value parsers and Value's printers.
#ifndef XLSAOT_FUZZ_LIBFUZZER_VALUE_PARSER_CHECK_H_
#define XLSAOT_FUZZ_LIBFUZZER_VALUE_PARSER_CHECK_H_

#include <cstdint>
#include <span>

#include "fuzz/libfuzzer/check_result.h"

namespace xlsaot {

// The whole input goes to ParseTypedValue ("bits[8]:42", "(token, [bits[1]:1])").
// If the input has a newline, the text before the first one also goes to
// ParseType and the text after it to ParseValueOfType of that type
// ("bits[8][2]\n[1, 2]"), so one corpus feeds all three parsers.
//
// Errors must be one-line parse errors. A parsed type must print and parse
// back to the same (interned) type; a parsed value must have its type and
// print, typed and untyped, in several radixes, to text that parses back to
// an equal value.
CheckResult CheckValueParserInput(std::span<const uint8_t> input);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_LIBFUZZER_VALUE_PARSER_CHECK_H_
