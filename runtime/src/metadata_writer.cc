// Writes artifact metadata in the byte format that metadata_blob.cc reads
// (the format is described there and in docs/generated-api.md). Only the
// compiler and tools write blobs: part of xlsaot_runtime_tools.
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "xlsaot/metadata.h"

namespace xlsaot {
namespace {

class Writer {
 public:
  template <typename T>
  void WriteInt(T value) {
    for (size_t i = 0; i < sizeof(T); ++i)
      bytes_.push_back(static_cast<uint8_t>(static_cast<uint64_t>(value) >> (8 * i)));
  }
  void WriteString(std::string_view s) {
    WriteInt(static_cast<uint32_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  void WriteBytes(const void* data, size_t n) {
    const auto* p = static_cast<const uint8_t*>(data);
    bytes_.insert(bytes_.end(), p, p + n);
  }
  std::vector<uint8_t>& bytes() { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace

Result<std::vector<uint8_t>> SerializeMetadata(const MetadataView& m) {
  XLSAOT_RETURN_IF_ERROR(ValidateMetadata(m));
  try {
    Writer w;
    w.WriteBytes(kMetadataMagic, sizeof(kMetadataMagic));
    w.WriteInt(kMetadataFormatVersion);
    w.WriteInt(m.abi_version);
    w.WriteInt(m.features);
    w.WriteInt(m.scratch_size);
    w.WriteInt(m.scratch_alignment);
    w.WriteString(m.function_name);
    w.WriteString(m.entry_symbol);
    w.WriteString(m.target_triple);
    w.WriteString(m.cpu);
    w.WriteInt(static_cast<uint32_t>(m.cpu_features.size()));
    for (std::string_view feature : m.cpu_features) w.WriteString(feature);
    w.WriteInt(static_cast<uint32_t>(m.types.size()));
    for (const TypeDesc& t : m.types) {
      w.WriteInt(static_cast<uint8_t>(t.kind));
      w.WriteInt(t.size);
      w.WriteInt(t.alignment);
      switch (t.kind) {
        case TypeDescKind::kBits:
          w.WriteInt(t.bit_count);
          break;
        case TypeDescKind::kToken:
          break;
        case TypeDescKind::kTuple:
          w.WriteInt(static_cast<uint32_t>(t.element_count));
          for (uint64_t i = 0; i < t.element_count; ++i) {
            w.WriteInt(m.fields[t.first_field + i].type);
            w.WriteInt(m.fields[t.first_field + i].offset);
          }
          break;
        case TypeDescKind::kArray:
          w.WriteInt(t.element_type);
          w.WriteInt(t.element_count);
          w.WriteInt(t.stride);
          break;
      }
    }
    w.WriteInt(static_cast<uint32_t>(m.params.size()));
    for (const ParamDesc& p : m.params) {
      w.WriteString(p.name);
      w.WriteInt(p.type);
    }
    w.WriteInt(m.return_type);
    w.WriteInt(static_cast<uint32_t>(m.asserts.size()));
    for (const AssertDesc& a : m.asserts) {
      w.WriteString(a.message);
      w.WriteString(a.label);
    }
    w.WriteInt(static_cast<uint32_t>(m.traces.size()));
    for (const TraceDesc& t : m.traces) {
      w.WriteString(t.node);
      w.WriteString(t.format);
      w.WriteInt(t.verbosity);
      w.WriteInt(static_cast<uint32_t>(t.operand_types.size()));
      for (uint32_t type : t.operand_types) w.WriteInt(type);
    }
    w.WriteInt(static_cast<uint32_t>(m.covers.size()));
    for (const CoverDesc& c : m.covers) {
      w.WriteString(c.node);
      w.WriteString(c.label);
    }
    w.WriteInt(static_cast<uint32_t>(m.assumptions.size()));
    for (const AssumptionDesc& a : m.assumptions) {
      w.WriteString(a.node);
      w.WriteString(a.kind);
    }
    return std::move(w.bytes());
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kResourceExhausted, "out of memory writing artifact metadata");
  }
}

Result<std::vector<uint8_t>> SerializeArtifactEntries(std::span<const MetadataView> entries) {
  XLSAOT_RETURN_IF_ERROR(ValidateArtifactEntries(entries));
  // One entry keeps the plain blob: the file of a one-function artifact is
  // what it always was.
  if (entries.size() == 1) return SerializeMetadata(entries.front());
  try {
    Writer w;
    w.WriteBytes(kMetadataMagic, sizeof(kMetadataMagic));
    w.WriteInt(kMetadataEntriesFormatVersion);
    w.WriteInt(static_cast<uint32_t>(entries.size()));
    for (const MetadataView& entry : entries) {
      XLSAOT_ASSIGN_OR_RETURN(std::vector<uint8_t> blob, SerializeMetadata(entry));
      if (blob.size() > UINT32_MAX) {
        return MakeError(ErrorCode::kInvalidArgument, "the metadata of '" + std::string(entry.function_name) +
                                                          "' is too large for an entry list");
      }
      w.WriteInt(static_cast<uint32_t>(blob.size()));
      w.WriteBytes(blob.data(), blob.size());
    }
    return std::move(w.bytes());
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kResourceExhausted, "out of memory writing artifact metadata");
  }
}

}  // namespace xlsaot
