// The metadata of an ahead-of-time compiled artifact: everything a caller
// needs to call its entry point (ABI version, feature bits, scratch needs,
// target CPU, and the buffer layout of every parameter and of the result).
//
// It travels as a small versioned binary blob, both inside the object (see
// xlsaot/artifact.h) and as the NAME.xlsmeta file. The reader trusts nothing
// in it: every length, count, index and offset is checked, and the layouts are
// recomputed from the ABI rules and compared, so a corrupt or hostile blob is
// an error result, never a crash. The byte format is described in
// docs/generated-api.md.
#ifndef XLSAOT_METADATA_H_
#define XLSAOT_METADATA_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xlsaot/result.h"

namespace xlsaot {

// First bytes of every blob, and the version of the byte format (independent
// of the ABI version: the format may grow without the calling convention
// changing). Versions 1 and 2 describe one compiled function (an entry);
// version 3 is the metadata file of an artifact of several functions: the
// list of its entries' blobs.
inline constexpr char kMetadataMagic[8] = {'X', 'L', 'S', 'A', 'O', 'T', 'M', 'D'};
inline constexpr uint32_t kMetadataFormatVersion = 2;
// The oldest format version this runtime still reads (version 1 has no event
// sites: artifacts without traces and covers).
inline constexpr uint32_t kOldestMetadataFormatVersion = 1;
// The format version of an entry list (ParseArtifactEntries).
inline constexpr uint32_t kMetadataEntriesFormatVersion = 3;

enum class TypeDescKind : uint8_t { kBits = 0, kTuple = 1, kArray = 2, kToken = 3 };

// One type of the signature with its buffer layout (docs/abi.md). Types form
// a table in which a type refers only to types before it.
struct TypeDesc {
  TypeDescKind kind = TypeDescKind::kBits;
  uint64_t bit_count = 0;      // bits: N
  uint64_t size = 0;           // buffer bytes
  uint64_t alignment = 1;      // a power of two
  uint64_t element_count = 0;  // tuple: arity; array: length
  uint32_t element_type = 0;   // array: index of the element type
  uint64_t stride = 0;         // array: bytes between elements
  uint32_t first_field = 0;    // tuple: index of its first entry in `fields`

  friend bool operator==(const TypeDesc&, const TypeDesc&) = default;
};

// One element of a tuple: its type and its byte offset in the tuple.
struct FieldDesc {
  uint32_t type = 0;
  uint64_t offset = 0;
  friend bool operator==(const FieldDesc&, const FieldDesc&) = default;
};

struct ParamDesc {
  std::string_view name;
  uint32_t type = 0;
  friend bool operator==(const ParamDesc&, const ParamDesc&) = default;
};

// An assert of the compiled code, by the index the on_assert callback gets.
struct AssertDesc {
  std::string_view message;
  std::string_view label;  // empty when the assert has none
  friend bool operator==(const AssertDesc&, const AssertDesc&) = default;
};

// A trace of the compiled code, by the index the on_trace callback gets.
struct TraceDesc {
  std::string_view node;    // the trace node's name in the IR
  std::string_view format;  // its format string (xlsaot/trace_format.h)
  uint64_t verbosity = 0;
  std::span<const uint32_t> operand_types;  // the data operands' types, in order

  friend bool operator==(const TraceDesc& a, const TraceDesc& b) {
    return a.node == b.node && a.format == b.format && a.verbosity == b.verbosity &&
           std::equal(a.operand_types.begin(), a.operand_types.end(), b.operand_types.begin(),
                      b.operand_types.end());
  }
};

// A cover of the compiled code, by the index the on_cover callback gets.
struct CoverDesc {
  std::string_view node;  // the cover node's name in the IR
  std::string_view label;
  friend bool operator==(const CoverDesc&, const CoverDesc&) = default;
};

// An array_index or array_update marked assumed_in_bounds=true, by the
// index the on_assumption callback gets.
struct AssumptionDesc {
  std::string_view node;  // the node's name in the IR
  std::string_view kind;  // its op: "array_index" or "array_update"
  friend bool operator==(const AssumptionDesc&, const AssumptionDesc&) = default;
};

// The metadata, as plain views. A generated header holds one as a constexpr
// object (NAME::kMetadata); a parsed blob (ArtifactMetadata) provides one
// that points into its own storage.
struct MetadataView {
  uint32_t abi_version = 0;
  uint32_t features = 0;  // XLSAOT_FEATURE_* bits
  uint64_t scratch_size = 0;
  uint64_t scratch_alignment = 1;
  std::string_view function_name;  // the XLS function compiled
  std::string_view entry_symbol;   // xlsaot_entry_fn
  std::string_view target_triple;  // e.g. x86_64-unknown-linux-gnu
  std::string_view cpu;            // e.g. x86-64
  // CPU features the code may use, in LLVM spelling, sorted ("avx2", "sse4.2").
  std::span<const std::string_view> cpu_features;
  std::span<const TypeDesc> types;
  std::span<const FieldDesc> fields;
  std::span<const ParamDesc> params;
  uint32_t return_type = 0;
  std::span<const AssertDesc> asserts;
  // Event sites of an artifact compiled with events (empty otherwise); the
  // TRACE and COVER feature bits are set exactly when there are any.
  std::span<const TraceDesc> traces;
  std::span<const CoverDesc> covers;
  // Assumption sites of an artifact compiled with events; the ASSUMPTION
  // feature bit is set exactly when there are any.
  std::span<const AssumptionDesc> assumptions;

  const TypeDesc& type(uint32_t index) const { return types[index]; }
  const TypeDesc& param_type(size_t i) const { return types[params[i].type]; }
  const TypeDesc& result_type() const { return types[return_type]; }
};

// Deep equality (the spans' contents, not their addresses).
bool SameMetadata(const MetadataView& a, const MetadataView& b);

// Checks every structural rule of the format: indices in range, types only
// referring to earlier types, layouts exactly as the ABI rules compute them,
// sizes within limits, a C identifier as entry symbol, sorted CPU features.
// kInvalidArgument with a one-line description of the first violation.
Status ValidateMetadata(const MetadataView& metadata);

// Parsed metadata owning its storage. Cheap to copy (the storage is shared
// and immutable).
class ArtifactMetadata {
 public:
  ArtifactMetadata() = default;
  // Metadata whose tables outlive every copy (a generated kMetadata), held
  // without storage.
  static ArtifactMetadata Unowned(const MetadataView& view) {
    ArtifactMetadata metadata;
    metadata.view_ = view;
    return metadata;
  }
  const MetadataView& view() const { return view_; }
  const MetadataView* operator->() const { return &view_; }

  struct Storage;  // defined by the reader

 private:
  friend Result<ArtifactMetadata> ParseMetadata(std::span<const uint8_t> blob);
  std::shared_ptr<const Storage> storage_;
  MetadataView view_;
};

// Reads a blob. Errors: kInvalidArgument for anything malformed (not a blob,
// truncated, trailing bytes, inconsistent layouts); kAbiMismatch for a blob
// of another format version.
Result<ArtifactMetadata> ParseMetadata(std::span<const uint8_t> blob);

// The entries of an artifact, from its metadata file (NAME.xlsmeta): one for
// a blob of format 1 or 2, every entry in order for an entry list (format
// 3: at least two entries, each a blob of format 1 or 2). Errors as
// ParseMetadata, naming the entry, and those of ValidateArtifactEntries.
Result<std::vector<ArtifactMetadata>> ParseArtifactEntries(std::span<const uint8_t> blob);

// The rules an artifact's entries follow together: at least one, each valid
// (ValidateMetadata), distinct function names and entry symbols, and one ABI
// version and one target (triple, CPU and CPU features) for all, since they
// share one object. kCorruptArtifact naming the first violation.
Status ValidateArtifactEntries(std::span<const MetadataView> entries);

// The entry of `entries` compiled from function `function_name`, or nullptr.
const ArtifactMetadata* FindArtifactEntry(std::span<const ArtifactMetadata> entries,
                                          std::string_view function_name);

// FNV-1a (64 bits) of a blob. A generated header records the hash of the
// blob it was generated from, and a generated runner's Create() compares it
// with the object's blob instead of parsing it.
constexpr uint64_t MetadataBlobHash(std::span<const uint8_t> blob) {
  uint64_t hash = 0xcbf29ce484222325u;
  for (uint8_t byte : blob) hash = (hash ^ byte) * 0x100000001b3u;
  return hash;
}

// Writes `metadata` as a blob (in the xlsaot_runtime_tools library). Errors: those of ValidateMetadata (a blob is
// only ever written when it would be read back).
Result<std::vector<uint8_t>> SerializeMetadata(const MetadataView& metadata);

// Writes an artifact's metadata file (in the xlsaot_runtime_tools library):
// SerializeMetadata of the entry for one entry, an entry list (format 3) for
// several. Errors: those of ValidateArtifactEntries.
Result<std::vector<uint8_t>> SerializeArtifactEntries(std::span<const MetadataView> entries);

// XLS text of a type of the table (in the xlsaot_runtime_tools library): "bits[8]", "(bits[1], token)", "bits[4][3]".
std::string TypeDescText(const MetadataView& metadata, uint32_t type);

// `text` in double quotes, with '"' and '\' escaped by a backslash and every
// byte outside printable ASCII as \xHH (in the xlsaot_runtime_tools library):
// how `xlsaot inspect` quotes names and messages, and a Python string
// literal of ASCII text.
std::string QuotedText(std::string_view text);

// In the xlsaot_runtime_tools library, which deployed programs need not
// link: a human-readable report of everything in the metadata, including the
// layout of every leaf of every parameter and of the result (what
// `xlsaot inspect` prints). Deterministic; ends with a newline.
std::string DescribeMetadata(const MetadataView& metadata);

// The layout the ABI rules give bits[bit_count]: container bytes (0, 1, 2,
// 4, 8, then multiples of 8) and alignment.
uint64_t AbiBitsSize(uint64_t bit_count);
uint64_t AbiBitsAlignment(uint64_t bit_count);

}  // namespace xlsaot

#endif  // XLSAOT_METADATA_H_
