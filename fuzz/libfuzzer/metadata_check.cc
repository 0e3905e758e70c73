#include "fuzz/libfuzzer/metadata_check.h"

#include <algorithm>
#include <string>
#include <vector>

#include "fuzz/libfuzzer/error_checks.h"
#include "xlsaot/metadata.h"

namespace xlsaot {

namespace {

// An entry list (format version 3, the metadata file of an artifact of
// several functions): every entry must pass the checks of a single blob, and
// the list must write back to a list that reads as the same entries.
CheckResult CheckEntryListInput(std::span<const uint8_t> input) {
  CheckResult result;
  Result<std::vector<ArtifactMetadata>> parsed = ParseArtifactEntries(input);
  if (!parsed.ok()) {
    result.finding = CheckErrorShape("ParseArtifactEntries", parsed.error_value());
    return result;
  }
  result.depth = CheckResult::Depth::kAccepted;
  std::vector<MetadataView> views;
  for (const ArtifactMetadata& entry : *parsed) {
    if (Status valid = ValidateMetadata(entry.view()); !valid.ok()) {
      result.finding = "an entry ParseArtifactEntries accepted fails ValidateMetadata: " + valid.error();
      return result;
    }
    const std::string report = DescribeMetadata(entry.view());
    if (report.empty() || report.back() != '\n') {
      result.finding = "DescribeMetadata gave a report that does not end in a newline";
      return result;
    }
    views.push_back(entry.view());
  }
  Result<std::vector<uint8_t>> serialized = SerializeArtifactEntries(views);
  if (!serialized.ok()) {
    result.finding = "SerializeArtifactEntries rejects entries ParseArtifactEntries accepted: " + serialized.error();
    return result;
  }
  Result<std::vector<ArtifactMetadata>> reparsed = ParseArtifactEntries(*serialized);
  if (!reparsed.ok()) {
    result.finding = "a serialized entry list does not parse: " + reparsed.error();
    return result;
  }
  if (reparsed->size() != parsed->size()) {
    result.finding = "a serialized entry list parses to another number of entries";
    return result;
  }
  for (size_t i = 0; i < parsed->size(); ++i) {
    if (!SameMetadata((*reparsed)[i].view(), views[i])) {
      result.finding = "a serialized entry list parses to different metadata in entry " + std::to_string(i);
      return result;
    }
  }
  return result;
}

}  // namespace

CheckResult CheckMetadataInput(std::span<const uint8_t> input) {
  if (input.size() >= 12 && input[8] == kMetadataEntriesFormatVersion && input[9] == 0 && input[10] == 0 &&
      input[11] == 0) {
    return CheckEntryListInput(input);
  }
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
