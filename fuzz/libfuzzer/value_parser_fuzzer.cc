// libFuzzer entry point of value_parser_fuzzer; the check itself is
// CheckValueParserInput (fuzz/libfuzzer/value_parser_check.h), which the test suite
// also runs on every committed corpus and regression input.
#include <cstddef>
#include <cstdint>

#include "fuzz/libfuzzer/value_parser_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xlsaot::AbortOnFinding(xlsaot::CheckValueParserInput({data, size}));
  return 0;
}
