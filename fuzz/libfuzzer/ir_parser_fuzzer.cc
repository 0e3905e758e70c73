// libFuzzer entry point of ir_parser_fuzzer; the check itself is
// CheckIrParserInput (fuzz/libfuzzer/ir_parser_check.h), which the test suite
// also runs on every committed corpus and regression input.
#include <cstddef>
#include <cstdint>

#include "fuzz/libfuzzer/ir_parser_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xlsaot::AbortOnFinding(xlsaot::CheckIrParserInput({data, size}));
  return 0;
}
