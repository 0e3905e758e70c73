// libFuzzer entry point of metadata_fuzzer; the check itself is
// CheckMetadataInput (fuzz/libfuzzer/metadata_check.h), which the test suite
// also runs on every committed corpus and regression input.
#include <cstddef>
#include <cstdint>

#include "fuzz/libfuzzer/metadata_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xlsaot::AbortOnFinding(xlsaot::CheckMetadataInput({data, size}));
  return 0;
}
