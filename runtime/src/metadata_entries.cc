// The metadata file of an artifact of several compiled functions: an entry
// list (format version 3, docs/generated-api.md "Metadata blob"):
//
//   magic "XLSAOTMD", u32 format_version = 3, u32 n (at least 2),
//   n x (u32 length, that many bytes: the entry's blob, format 1 or 2)
//
// Each entry's blob is exactly the one inside the object next to its entry
// point, so an entry reads the same from the object and from the file.
#include <cstring>
#include <set>
#include <string>

#include "xlsaot/metadata.h"
#include "xlsaot/text_escape.h"

namespace xlsaot {
namespace {

Error Corrupt(std::string what) {
  return MakeError(ErrorCode::kCorruptArtifact, "invalid artifact metadata: " + std::move(what));
}

uint32_t ReadU32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}

}  // namespace

Status ValidateArtifactEntries(std::span<const MetadataView> entries) {
  if (entries.empty()) return Corrupt("the artifact has no entry");
  std::set<std::string_view> functions, symbols;
  const MetadataView& first = entries.front();
  for (size_t i = 0; i < entries.size(); ++i) {
    const MetadataView& e = entries[i];
    if (Status s = ValidateMetadata(e); !s.ok()) {
      return MakeError(s.code(), "entry " + std::to_string(i) + ": " + s.error());
    }
    if (!functions.insert(e.function_name).second) {
      return Corrupt("two entries are compiled from function '" + EscapeString(e.function_name) + "'");
    }
    if (!symbols.insert(e.entry_symbol).second) {
      return Corrupt("two entries have the entry symbol '" + EscapeString(e.entry_symbol) + "'");
    }
    if (e.abi_version != first.abi_version || e.target_triple != first.target_triple || e.cpu != first.cpu ||
        !std::equal(e.cpu_features.begin(), e.cpu_features.end(), first.cpu_features.begin(),
                    first.cpu_features.end())) {
      // Names are escaped: a corrupt blob may hold any bytes, and an error
      // is one line.
      return Corrupt("entry " + std::to_string(i) + " ('" + EscapeString(e.function_name) +
                     "') has another ABI version or target than entry 0: the entries share one object");
    }
  }
  return Status::Ok();
}

Result<std::vector<ArtifactMetadata>> ParseArtifactEntries(std::span<const uint8_t> blob) {
  constexpr size_t kHeaderBytes = sizeof(kMetadataMagic) + 4;
  std::vector<ArtifactMetadata> entries;
  if (blob.size() < kHeaderBytes || std::memcmp(blob.data(), kMetadataMagic, sizeof(kMetadataMagic)) != 0 ||
      ReadU32(blob.data() + sizeof(kMetadataMagic)) != kMetadataEntriesFormatVersion) {
    // A single entry, or not metadata at all: ParseMetadata says which.
    XLSAOT_ASSIGN_OR_RETURN(ArtifactMetadata single, ParseMetadata(blob));
    entries.push_back(std::move(single));
    return entries;
  }
  size_t offset = kHeaderBytes;
  auto truncated = [&offset](const std::string& what) {
    return Corrupt("truncated or oversized " + what + " at byte " + std::to_string(offset));
  };
  if (blob.size() - offset < 4) return truncated("entry count");
  const uint32_t count = ReadU32(blob.data() + offset);
  offset += 4;
  if (count < 2) return Corrupt("an entry list holds " + std::to_string(count) + " entries (at least 2)");
  // Each entry takes at least its length and a header: check before reserving.
  if (count > (blob.size() - offset) / (4 + kHeaderBytes)) return truncated("entry list");
  entries.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    if (blob.size() - offset < 4) return truncated("entry " + std::to_string(i));
    const uint32_t length = ReadU32(blob.data() + offset);
    offset += 4;
    if (length > blob.size() - offset) return truncated("entry " + std::to_string(i));
    Result<ArtifactMetadata> entry = ParseMetadata(blob.subspan(offset, length));
    if (!entry.ok()) {
      return MakeError(entry.code(), "entry " + std::to_string(i) + " (at byte " + std::to_string(offset) +
                                         "): " + entry.error());
    }
    entries.push_back(std::move(*entry));
    offset += length;
  }
  if (offset != blob.size()) {
    return Corrupt(std::to_string(blob.size() - offset) + " unexpected bytes after the last entry at byte " +
                   std::to_string(offset));
  }
  std::vector<MetadataView> views;
  for (const ArtifactMetadata& entry : entries) views.push_back(entry.view());
  XLSAOT_RETURN_IF_ERROR(ValidateArtifactEntries(views));
  return entries;
}

const ArtifactMetadata* FindArtifactEntry(std::span<const ArtifactMetadata> entries,
                                          std::string_view function_name) {
  for (const ArtifactMetadata& entry : entries) {
    if (entry->function_name == function_name) return &entry;
  }
  return nullptr;
}

}  // namespace xlsaot
