// The byte format of artifact metadata (docs/generated-api.md, "Metadata
// blob"). All integers are little endian; strings are a u32 length followed
// by that many bytes.
//
//   magic "XLSAOTMD", u32 format_version, u32 abi_version, u32 features,
//   u64 scratch_size, u64 scratch_alignment,
//   str function_name, str entry_symbol, str target_triple, str cpu,
//   u32 n, n x str cpu_feature,
//   u32 n, n x type:  u8 kind, u64 size, u64 alignment, then
//                     bits:  u64 bit_count
//                     tuple: u32 arity, arity x (u32 type, u64 offset)
//                     array: u32 element_type, u64 length, u64 stride
//                     token: nothing
//   u32 n, n x (str name, u32 type),  u32 return_type,
//   u32 n, n x (str message, str label),
// and, from format version 2 on (version 1 blobs end here and have none):
//   u32 n, n x trace: str node, str format, u64 verbosity, u32 k, k x u32 type
//   u32 n, n x cover: str node, str label
//   u32 n, n x assumption: str node, str kind
//
// The reader never trusts a count: before reserving room for n entries it
// checks that the remaining bytes could hold them.
#include <cstring>
#include <new>
#include <string>

#include "xlsaot/metadata.h"

namespace xlsaot {

struct ArtifactMetadata::Storage {
  std::string function_name, entry_symbol, target_triple, cpu;
  std::vector<std::string> cpu_feature_strings;
  std::vector<std::string_view> cpu_features;
  std::vector<TypeDesc> types;
  std::vector<FieldDesc> fields;
  std::vector<std::string> param_names;
  std::vector<ParamDesc> params;
  std::vector<std::string> assert_strings;  // message, label, message, label, ...
  std::vector<AssertDesc> asserts;
  std::vector<std::string> trace_strings;  // node, format, node, format, ...
  std::vector<std::vector<uint32_t>> trace_operand_types;
  std::vector<TraceDesc> traces;
  std::vector<std::string> cover_strings;  // node, label, node, label, ...
  std::vector<CoverDesc> covers;
  std::vector<std::string> assumption_strings;  // node, kind, node, kind, ...
  std::vector<AssumptionDesc> assumptions;
};

namespace {

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  size_t offset() const { return offset_; }
  size_t remaining() const { return bytes_.size() - offset_; }

  bool ReadBytes(void* out, size_t n) {
    if (n > remaining()) return false;
    if (n != 0) std::memcpy(out, bytes_.data() + offset_, n);
    offset_ += n;
    return true;
  }
  template <typename T>
  bool ReadInt(T& out) {
    uint8_t raw[sizeof(T)];
    if (!ReadBytes(raw, sizeof(T))) return false;
    uint64_t value = 0;
    for (size_t i = 0; i < sizeof(T); ++i) value |= static_cast<uint64_t>(raw[i]) << (8 * i);
    out = static_cast<T>(value);
    return true;
  }
  bool ReadString(std::string& out) {
    uint32_t length = 0;
    if (!ReadInt(length) || length > remaining()) return false;
    out.assign(reinterpret_cast<const char*>(bytes_.data() + offset_), length);
    offset_ += length;
    return true;
  }
  // A count of entries that each take at least `min_entry_bytes`.
  bool ReadCount(uint32_t& out, size_t min_entry_bytes) {
    return ReadInt(out) && out <= remaining() / min_entry_bytes;
  }

 private:
  std::span<const uint8_t> bytes_;
  size_t offset_ = 0;
};

Error Truncated(const Reader& r, const char* what) {
  return MakeError(ErrorCode::kCorruptArtifact,
                   "invalid artifact metadata: truncated or oversized " + std::string(what) +
                       " at byte " + std::to_string(r.offset()));
}

// Smallest encodings, for ReadCount.
constexpr size_t kMinStringBytes = 4;
constexpr size_t kMinTypeBytes = 1 + 8 + 8;
constexpr size_t kFieldBytes = 4 + 8;
constexpr size_t kMinParamBytes = kMinStringBytes + 4;
constexpr size_t kMinAssertBytes = 2 * kMinStringBytes;
constexpr size_t kMinTraceBytes = 2 * kMinStringBytes + 8 + 4;
constexpr size_t kMinCoverBytes = 2 * kMinStringBytes;
constexpr uint64_t kMaxTypeCount = uint64_t{1} << 31;

Status ParseInto(std::span<const uint8_t> blob, ArtifactMetadata::Storage& s, MetadataView& v) {
  Reader r(blob);
  char magic[sizeof(kMetadataMagic)];
  if (!r.ReadBytes(magic, sizeof(magic)) ||
      std::memcmp(magic, kMetadataMagic, sizeof(magic)) != 0) {
    return MakeError(ErrorCode::kCorruptArtifact,
                     "not xlsaot artifact metadata (the blob does not start with XLSAOTMD)");
  }
  uint32_t format_version = 0;
  if (!r.ReadInt(format_version)) return Truncated(r, "header");
  if (format_version == kMetadataEntriesFormatVersion) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the artifact metadata lists several compiled functions (format version " +
                         std::to_string(format_version) + "); read it as an entry list");
  }
  if (format_version < kOldestMetadataFormatVersion || format_version > kMetadataFormatVersion) {
    return MakeError(ErrorCode::kAbiMismatch,
                     "artifact metadata has format version " + std::to_string(format_version) +
                         ", this runtime reads versions " + std::to_string(kOldestMetadataFormatVersion) + " to " +
                         std::to_string(kMetadataEntriesFormatVersion));
  }
  if (!r.ReadInt(v.abi_version) || !r.ReadInt(v.features) || !r.ReadInt(v.scratch_size) ||
      !r.ReadInt(v.scratch_alignment)) {
    return Truncated(r, "header");
  }
  if (!r.ReadString(s.function_name) || !r.ReadString(s.entry_symbol) ||
      !r.ReadString(s.target_triple) || !r.ReadString(s.cpu)) {
    return Truncated(r, "name");
  }

  uint32_t count = 0;
  if (!r.ReadCount(count, kMinStringBytes)) return Truncated(r, "CPU feature list");
  s.cpu_feature_strings.resize(count);
  for (std::string& feature : s.cpu_feature_strings) {
    if (!r.ReadString(feature)) return Truncated(r, "CPU feature");
  }

  if (!r.ReadCount(count, kMinTypeBytes) || count > kMaxTypeCount) {
    return Truncated(r, "type table");
  }
  s.types.resize(count);
  for (TypeDesc& t : s.types) {
    uint8_t kind = 0;
    if (!r.ReadInt(kind) || !r.ReadInt(t.size) || !r.ReadInt(t.alignment)) {
      return Truncated(r, "type");
    }
    t.kind = static_cast<TypeDescKind>(kind);
    switch (t.kind) {
      case TypeDescKind::kBits:
        if (!r.ReadInt(t.bit_count)) return Truncated(r, "bits type");
        break;
      case TypeDescKind::kToken:
        break;
      case TypeDescKind::kTuple: {
        uint32_t arity = 0;
        if (!r.ReadCount(arity, kFieldBytes)) return Truncated(r, "tuple type");
        t.element_count = arity;
        t.first_field = static_cast<uint32_t>(s.fields.size());
        if (s.fields.size() + arity > kMaxTypeCount) return Truncated(r, "tuple type");
        for (uint32_t i = 0; i < arity; ++i) {
          FieldDesc f;
          if (!r.ReadInt(f.type) || !r.ReadInt(f.offset)) return Truncated(r, "tuple element");
          s.fields.push_back(f);
        }
        break;
      }
      case TypeDescKind::kArray:
        if (!r.ReadInt(t.element_type) || !r.ReadInt(t.element_count) || !r.ReadInt(t.stride)) {
          return Truncated(r, "array type");
        }
        break;
      default:
        return MakeError(ErrorCode::kCorruptArtifact,
                         "invalid artifact metadata: unknown type kind " +
                             std::to_string(kind) + " at byte " + std::to_string(r.offset() - 17));
    }
  }

  if (!r.ReadCount(count, kMinParamBytes)) return Truncated(r, "parameter list");
  s.param_names.resize(count);
  s.params.resize(count);
  for (uint32_t i = 0; i < count; ++i) {
    if (!r.ReadString(s.param_names[i]) || !r.ReadInt(s.params[i].type)) {
      return Truncated(r, "parameter");
    }
  }
  if (!r.ReadInt(v.return_type)) return Truncated(r, "result type");

  if (!r.ReadCount(count, kMinAssertBytes)) return Truncated(r, "assert list");
  s.assert_strings.resize(size_t{2} * count);
  for (std::string& text : s.assert_strings) {
    if (!r.ReadString(text)) return Truncated(r, "assert");
  }
  if (format_version >= 2) {
    if (!r.ReadCount(count, kMinTraceBytes)) return Truncated(r, "trace list");
    s.trace_strings.resize(size_t{2} * count);
    s.trace_operand_types.resize(count);
    s.traces.resize(count);
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t operands = 0;
      if (!r.ReadString(s.trace_strings[2 * i]) || !r.ReadString(s.trace_strings[2 * i + 1]) ||
          !r.ReadInt(s.traces[i].verbosity) || !r.ReadCount(operands, 4)) {
        return Truncated(r, "trace");
      }
      s.trace_operand_types[i].resize(operands);
      for (uint32_t& type : s.trace_operand_types[i]) {
        if (!r.ReadInt(type)) return Truncated(r, "trace operand");
      }
    }
    if (!r.ReadCount(count, kMinCoverBytes)) return Truncated(r, "cover list");
    s.cover_strings.resize(size_t{2} * count);
    for (std::string& text : s.cover_strings) {
      if (!r.ReadString(text)) return Truncated(r, "cover");
    }
    if (!r.ReadCount(count, kMinCoverBytes)) return Truncated(r, "assumption list");
    s.assumption_strings.resize(size_t{2} * count);
    for (std::string& text : s.assumption_strings) {
      if (!r.ReadString(text)) return Truncated(r, "assumption");
    }
  }
  if (r.remaining() != 0) {
    return MakeError(ErrorCode::kCorruptArtifact,
                     "invalid artifact metadata: " + std::to_string(r.remaining()) +
                         " unexpected bytes after the end at byte " + std::to_string(r.offset()));
  }

  // Every string is in place; now the views can point at them.
  for (const std::string& feature : s.cpu_feature_strings) s.cpu_features.push_back(feature);
  for (size_t i = 0; i < s.params.size(); ++i) s.params[i].name = s.param_names[i];
  for (size_t i = 0; i + 1 < s.assert_strings.size(); i += 2) {
    s.asserts.push_back(AssertDesc{s.assert_strings[i], s.assert_strings[i + 1]});
  }
  for (size_t i = 0; i < s.traces.size(); ++i) {
    s.traces[i].node = s.trace_strings[2 * i];
    s.traces[i].format = s.trace_strings[2 * i + 1];
    s.traces[i].operand_types = s.trace_operand_types[i];
  }
  for (size_t i = 0; i + 1 < s.cover_strings.size(); i += 2) {
    s.covers.push_back(CoverDesc{s.cover_strings[i], s.cover_strings[i + 1]});
  }
  for (size_t i = 0; i + 1 < s.assumption_strings.size(); i += 2) {
    s.assumptions.push_back(AssumptionDesc{s.assumption_strings[i], s.assumption_strings[i + 1]});
  }
  v.function_name = s.function_name;
  v.entry_symbol = s.entry_symbol;
  v.target_triple = s.target_triple;
  v.cpu = s.cpu;
  v.cpu_features = s.cpu_features;
  v.types = s.types;
  v.fields = s.fields;
  v.params = s.params;
  v.asserts = s.asserts;
  v.traces = s.traces;
  v.covers = s.covers;
  v.assumptions = s.assumptions;
  return ValidateMetadata(v);
}

}  // namespace

Result<ArtifactMetadata> ParseMetadata(std::span<const uint8_t> blob) {
  try {
    auto storage = std::make_shared<ArtifactMetadata::Storage>();
    MetadataView view;
    XLSAOT_RETURN_IF_ERROR(ParseInto(blob, *storage, view));
    ArtifactMetadata metadata;
    metadata.storage_ = std::move(storage);
    metadata.view_ = view;
    return metadata;
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kResourceExhausted, "out of memory reading artifact metadata");
  }
}

}  // namespace xlsaot
