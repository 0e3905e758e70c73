// The check behind metadata_fuzzer: the runtime's reader of artifact
// metadata blobs (.xlsmeta files and the blob inside every object).
//
// Built from runtime headers only: the runtime must stay usable, and
// fuzzable, without any compiler-side code.
#ifndef XLSAOT_FUZZ_LIBFUZZER_METADATA_CHECK_H_
#define XLSAOT_FUZZ_LIBFUZZER_METADATA_CHECK_H_

#include <cstdint>
#include <span>

#include "fuzz/libfuzzer/check_result.h"

namespace xlsaot {

// Parses `input` as a metadata blob. A rejected blob must give a one-line
// error of a documented category. An accepted one must validate, describe
// itself (what `xlsaot inspect` prints) and serialize back to exactly the
// input bytes (the format has one representation per metadata), which
// must parse again to the same metadata. An entry list (format version 3)
// goes through ParseArtifactEntries instead: each entry is checked like a
// blob, and the list must write back to one that reads as the same entries.
CheckResult CheckMetadataInput(std::span<const uint8_t> input);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_LIBFUZZER_METADATA_CHECK_H_
