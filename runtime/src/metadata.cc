// Structural rules of artifact metadata (shared by the reader and the writer)
// and small queries over it.
#include <algorithm>
#include <cstdint>
#include <string>

#include "xlsaot/abi.h"
#include "xlsaot/metadata.h"

namespace xlsaot {
namespace {

// Limits that keep every size computation far from overflow. Real artifacts
// are many orders of magnitude below them.
constexpr uint64_t kMaxBitCount = uint64_t{1} << 24;  // as the IR library
constexpr uint64_t kMaxBufferSize = uint64_t{1} << 40;
constexpr uint64_t kMaxScratchAlignment = uint64_t{1} << 16;
constexpr size_t kMaxTypeDepth = 256;
// Bound on a type's size as written out: its text, its leaf list and the
// code generated for it grow with the number of tuple elements counted with
// repetition (a tuple of a type used twice counts it twice). Without it, a
// few hundred bytes of types that each pair the previous one would describe
// 2^256 leaves.
constexpr uint64_t kMaxTypeExpansion = uint64_t{1} << 20;
constexpr size_t kMaxSymbolLength = 1024;

bool IsPowerOfTwo(uint64_t x) { return x != 0 && (x & (x - 1)) == 0; }

uint64_t AlignUp(uint64_t offset, uint64_t alignment) {
  return (offset + alignment - 1) / alignment * alignment;
}

Error Invalid(std::string what) {
  return MakeError(ErrorCode::kCorruptArtifact, "invalid artifact metadata: " + std::move(what));
}

bool IsCIdentifier(std::string_view s) {
  if (s.empty() || s.size() > kMaxSymbolLength) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

bool IsFeatureName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                    c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string TypeName(uint32_t index) { return "type " + std::to_string(index); }

// Checks type `index`, whose children all precede it; returns its depth.
Result<size_t> ValidateType(const MetadataView& m, uint32_t index,
                            const std::vector<size_t>& depths) {
  const TypeDesc& t = m.types[index];
  uint64_t size = 0;
  uint64_t alignment = 1;
  size_t depth = 1;
  switch (t.kind) {
    case TypeDescKind::kBits:
      if (t.bit_count > kMaxBitCount) {
        return Invalid(TypeName(index) + " has " + std::to_string(t.bit_count) +
                       " bits (limit " + std::to_string(kMaxBitCount) + ")");
      }
      size = AbiBitsSize(t.bit_count);
      alignment = AbiBitsAlignment(t.bit_count);
      break;
    case TypeDescKind::kToken:
      break;
    case TypeDescKind::kTuple: {
      if (t.first_field > m.fields.size() || t.element_count > m.fields.size() - t.first_field) {
        return Invalid(TypeName(index) + " has fields outside the field table");
      }
      for (uint64_t i = 0; i < t.element_count; ++i) {
        const FieldDesc& f = m.fields[t.first_field + i];
        if (f.type >= index) {
          return Invalid(TypeName(index) + " element " + std::to_string(i) +
                         " refers to a type that does not precede it");
        }
        const TypeDesc& e = m.types[f.type];
        size = AlignUp(size, e.alignment);
        if (f.offset != size) {
          return Invalid(TypeName(index) + " element " + std::to_string(i) + " is at offset " +
                         std::to_string(f.offset) + ", the ABI places it at " +
                         std::to_string(size));
        }
        size += e.size;  // e.size <= kMaxBufferSize, so no overflow here
        if (size > kMaxBufferSize) return Invalid(TypeName(index) + " is too large");
        alignment = std::max(alignment, e.alignment);
        depth = std::max(depth, depths[f.type] + 1);
      }
      size = AlignUp(size, alignment);
      break;
    }
    case TypeDescKind::kArray: {
      if (t.element_type >= index) {
        return Invalid(TypeName(index) + " has an element type that does not precede it");
      }
      const TypeDesc& e = m.types[t.element_type];
      if (t.element_count == 0) return Invalid(TypeName(index) + " is an empty array");
      if (t.stride != e.size) {
        return Invalid(TypeName(index) + " has stride " + std::to_string(t.stride) +
                       ", the ABI uses the element size " + std::to_string(e.size));
      }
      if (e.size != 0 && t.element_count > kMaxBufferSize / e.size) {
        return Invalid(TypeName(index) + " is too large");
      }
      size = e.size * t.element_count;
      alignment = e.alignment;
      depth = depths[t.element_type] + 1;
      break;
    }
    default:
      return Invalid(TypeName(index) + " has unknown kind " +
                     std::to_string(static_cast<int>(t.kind)));
  }
  if (t.size != size || t.alignment != alignment) {
    return Invalid(TypeName(index) + " has size " +
                   std::to_string(t.size) + " and alignment " + std::to_string(t.alignment) +
                   "; the ABI gives " + std::to_string(size) + " and " +
                   std::to_string(alignment));
  }
  // Fields that do not apply to the kind must be zero, so that equal
  // metadata has exactly one representation.
  const bool is_bits = t.kind == TypeDescKind::kBits;
  const bool is_tuple = t.kind == TypeDescKind::kTuple;
  const bool is_array = t.kind == TypeDescKind::kArray;
  if ((!is_bits && t.bit_count != 0) || (!is_tuple && !is_array && t.element_count != 0) ||
      (!is_array && (t.element_type != 0 || t.stride != 0)) || (!is_tuple && t.first_field != 0)) {
    return Invalid(TypeName(index) + " sets a field its kind does not have");
  }
  if (depth > kMaxTypeDepth) {
    return Invalid(TypeName(index) + " nests deeper than " + std::to_string(kMaxTypeDepth));
  }
  return depth;
}

template <typename T>
bool SameSpan(std::span<const T> a, std::span<const T> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

uint64_t AbiBitsSize(uint64_t bit_count) {
  if (bit_count == 0) return 0;
  if (bit_count <= 8) return 1;
  if (bit_count <= 16) return 2;
  if (bit_count <= 32) return 4;
  return (bit_count + 63) / 64 * 8;
}

uint64_t AbiBitsAlignment(uint64_t bit_count) {
  const uint64_t size = AbiBitsSize(bit_count);
  return size == 0 ? 1 : std::min<uint64_t>(size, 8);
}

bool SameMetadata(const MetadataView& a, const MetadataView& b) {
  return a.abi_version == b.abi_version && a.features == b.features &&
         a.scratch_size == b.scratch_size && a.scratch_alignment == b.scratch_alignment &&
         a.function_name == b.function_name && a.entry_symbol == b.entry_symbol &&
         a.target_triple == b.target_triple && a.cpu == b.cpu &&
         SameSpan(a.cpu_features, b.cpu_features) && SameSpan(a.types, b.types) &&
         SameSpan(a.fields, b.fields) && SameSpan(a.params, b.params) &&
         a.return_type == b.return_type && SameSpan(a.asserts, b.asserts) && SameSpan(a.traces, b.traces) &&
         SameSpan(a.covers, b.covers) && SameSpan(a.assumptions, b.assumptions);
}

Status ValidateMetadata(const MetadataView& m) {
  if (!IsPowerOfTwo(m.scratch_alignment) || m.scratch_alignment > kMaxScratchAlignment) {
    return Invalid("scratch alignment " + std::to_string(m.scratch_alignment) +
                   " is not a power of two up to " + std::to_string(kMaxScratchAlignment));
  }
  if (m.scratch_size > kMaxBufferSize) {
    return Invalid("scratch size " + std::to_string(m.scratch_size) + " is too large");
  }
  if (m.function_name.empty()) return Invalid("the function name is empty");
  if (!IsCIdentifier(m.entry_symbol)) return Invalid("the entry symbol is not a C identifier");
  for (size_t i = 0; i < m.cpu_features.size(); ++i) {
    if (!IsFeatureName(m.cpu_features[i])) {
      return Invalid("CPU feature " + std::to_string(i) + " is not a feature name");
    }
    if (i > 0 && !(m.cpu_features[i - 1] < m.cpu_features[i])) {
      return Invalid("CPU features are not sorted and unique");
    }
  }
  if (m.types.empty()) return Invalid("the type table is empty");
  if (m.types.size() > (uint64_t{1} << 31)) return Invalid("the type table is too large");
  std::vector<size_t> depths;
  depths.reserve(m.types.size());
  // Tuples own consecutive runs of the field table, in type order, so that
  // equal metadata has exactly one representation.
  uint64_t next_field = 0;
  for (uint32_t i = 0; i < m.types.size(); ++i) {
    const TypeDesc& t = m.types[i];
    if (t.kind == TypeDescKind::kTuple) {
      if (t.first_field != next_field) {
        return Invalid(TypeName(i) + " does not own the next run of the field table");
      }
      next_field += t.element_count;
    }
    XLSAOT_ASSIGN_OR_RETURN(size_t depth, ValidateType(m, i, depths));
    depths.push_back(depth);
  }
  if (next_field != m.fields.size()) return Invalid("the field table has unused entries");
  // Expansion of each type (children are valid and precede it).
  std::vector<uint64_t> expansion(m.types.size(), 1);
  for (uint32_t i = 0; i < m.types.size(); ++i) {
    const TypeDesc& t = m.types[i];
    uint64_t e = 1;
    if (t.kind == TypeDescKind::kTuple) {
      for (uint64_t k = 0; k < t.element_count; ++k) e += expansion[m.fields[t.first_field + k].type];
    } else if (t.kind == TypeDescKind::kArray) {
      e += expansion[t.element_type];
    }
    if (e > kMaxTypeExpansion) {
      return Invalid(TypeName(i) + " expands to more than " + std::to_string(kMaxTypeExpansion) +
                     " elements");
    }
    expansion[i] = e;
  }
  for (size_t i = 0; i < m.params.size(); ++i) {
    if (m.params[i].type >= m.types.size()) {
      return Invalid("parameter " + std::to_string(i) + " has no type in the table");
    }
  }
  if (m.return_type >= m.types.size()) return Invalid("the result has no type in the table");
  // The signature as a whole stays under the same bound: everything that
  // walks it (DescribeMetadata and `xlsaot inspect`, marshaling) visits
  // every parameter and the result, and each parameter takes only a few
  // bytes of the blob however large its type, so a 4 KB blob naming one
  // large type 300 times would otherwise describe gigabytes.
  uint64_t signature_expansion = expansion[m.return_type];
  for (const ParamDesc& p : m.params) {
    signature_expansion += expansion[p.type];
    if (signature_expansion > kMaxTypeExpansion) {
      return Invalid("the parameters and the result together expand to more than " +
                     std::to_string(kMaxTypeExpansion) + " elements");
    }
  }
  // Event sites: the feature bits say whether there are any, and trace
  // operands (described and rendered like the signature) share its bound.
  if (((m.features & XLSAOT_FEATURE_TRACE) != 0) != !m.traces.empty()) {
    return Invalid("the TRACE feature bit does not match the " + std::to_string(m.traces.size()) + " trace sites");
  }
  if (((m.features & XLSAOT_FEATURE_COVER) != 0) != !m.covers.empty()) {
    return Invalid("the COVER feature bit does not match the " + std::to_string(m.covers.size()) + " cover sites");
  }
  if (((m.features & XLSAOT_FEATURE_ASSUMPTION) != 0) != !m.assumptions.empty()) {
    return Invalid("the ASSUMPTION feature bit does not match the " + std::to_string(m.assumptions.size()) +
                   " assumption sites");
  }
  for (size_t i = 0; i < m.assumptions.size(); ++i) {
    if (m.assumptions[i].kind != "array_index" && m.assumptions[i].kind != "array_update") {
      return Invalid("assumption " + std::to_string(i) + " is of an op that assumes nothing");
    }
  }
  for (size_t i = 0; i < m.traces.size(); ++i) {
    if (m.traces[i].verbosity > static_cast<uint64_t>(INT64_MAX)) {
      return Invalid("trace " + std::to_string(i) + " has a verbosity above 2^63 - 1");
    }
    for (uint32_t type : m.traces[i].operand_types) {
      if (type >= m.types.size()) {
        return Invalid("an operand of trace " + std::to_string(i) + " has no type in the table");
      }
      signature_expansion += expansion[type];
      if (signature_expansion > kMaxTypeExpansion) {
        return Invalid("the signature and the trace operands together expand to more than " +
                       std::to_string(kMaxTypeExpansion) + " elements");
      }
    }
  }
  return Status::Ok();
}

}  // namespace xlsaot
