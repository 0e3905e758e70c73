// The check behind ir_parser_fuzzer: IR text through the parser, the
// verifier and the printer.
#ifndef XLSAOT_FUZZ_LIBFUZZER_IR_PARSER_CHECK_H_
#define XLSAOT_FUZZ_LIBFUZZER_IR_PARSER_CHECK_H_

#include <cstdint>
#include <span>

#include "fuzz/libfuzzer/check_result.h"

namespace xlsaot {

// Parses `input` as a package. A parse or verification error must be a
// one-line error of the right category. A package that verifies must print
// to text that parses and verifies again and prints identically (printing
// is a fixed point). Nothing is evaluated: a valid function may loop for a
// very long time, which is not what this target looks for.
CheckResult CheckIrParserInput(std::span<const uint8_t> input);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_LIBFUZZER_IR_PARSER_CHECK_H_
