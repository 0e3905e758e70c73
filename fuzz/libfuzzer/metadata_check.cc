#include "fuzz/libfuzzer/metadata_check.h"

#include <algorithm>
#include <string>
#include <vector>

#include "fuzz/libfuzzer/error_checks.h"
#include "xlsaot/metadata.h"

namespace xlsaot {

CheckResult CheckMetadataInput(std::span<const uint8_t> input) {
  CheckResult result;
  Result<ArtifactMetadata> parsed = ParseMetadata(input);
  if (!parsed.ok()) {
    result.finding = CheckErrorShape("ParseMetadata", parsed.error_value());
    return result;
  }
  result.depth = CheckResult::Depth::kAccepted;
  const MetadataView& view = parsed->view();

  if (Status valid = ValidateMetadata(view); !valid.ok()) {
    result.finding = "a blob ParseMetadata accepted fails ValidateMetadata: " + valid.error();
    return result;
  }
  const std::string report = DescribeMetadata(view);
  if (report.empty() || report.back() != '\n') {
    result.finding = "DescribeMetadata gave a report that does not end in a newline";
    return result;
  }

  Result<std::vector<uint8_t>> serialized = SerializeMetadata(view);
  if (!serialized.ok()) {
    result.finding = "SerializeMetadata rejects metadata ParseMetadata accepted: " + serialized.error();
    return result;
  }
  // A blob of the current format version serializes back to the same
  // bytes; an older one (still read) is written in the current version, so
  // only the metadata it holds must survive (checked below).
  const uint32_t version = static_cast<uint32_t>(input[8]) | static_cast<uint32_t>(input[9]) << 8 |
                           static_cast<uint32_t>(input[10]) << 16 | static_cast<uint32_t>(input[11]) << 24;
  if (version == kMetadataFormatVersion &&
      !std::equal(serialized->begin(), serialized->end(), input.begin(), input.end())) {
    result.finding = "SerializeMetadata of a parsed blob gives other bytes (" +
                     std::to_string(serialized->size()) + " instead of " + std::to_string(input.size()) +
                     ")";
    return result;
  }
  Result<ArtifactMetadata> reparsed = ParseMetadata(*serialized);
  if (!reparsed.ok()) {
    result.finding = "a serialized blob does not parse: " + reparsed.error();
  } else if (!SameMetadata(reparsed->view(), view)) {
    result.finding = "a serialized blob parses to different metadata";
  }
  return result;
}

}  // namespace xlsaot
