// Builds the metadata of an artifact (xlsaot/metadata.h) from what the
// lowering reports about the compiled entry point.
#ifndef XLSAOT_AOT_ARTIFACT_METADATA_H_
#define XLSAOT_AOT_ARTIFACT_METADATA_H_

#include <memory>
#include <string>
#include <vector>

#include "codegen/lowering.h"
#include "ir/function.h"
#include "xlsaot/metadata.h"
#include "xlsaot/result.h"

namespace xlsaot {

// The machine code's target as recorded in the metadata.
struct TargetDescription {
  std::string triple;
  std::string cpu;
  std::vector<std::string> cpu_features;  // sorted, unique
};

// Metadata owned by the compiler side. The view points into this object,
// which therefore stays where it was created (held by unique_ptr).
class CompilerMetadata {
 public:
  CompilerMetadata(const CompilerMetadata&) = delete;
  CompilerMetadata& operator=(const CompilerMetadata&) = delete;

  const MetadataView& view() const { return view_; }

  // Metadata for the entry point `abi` of `top`, compiled for `target`.
  // Layouts come from the code generator (codegen/type_layout.h); the
  // runtime's validation then checks they follow the ABI rules it knows.
  static Result<std::unique_ptr<CompilerMetadata>> Build(const Function& top, const AbiInfo& abi,
                                                         const TargetDescription& target);

 private:
  CompilerMetadata() = default;
  uint32_t AddType(const Type* type);

  std::string function_name_, entry_symbol_, triple_, cpu_;
  std::vector<std::string> feature_strings_, param_names_, assert_strings_;
  std::vector<std::string_view> features_;
  std::vector<TypeDesc> types_;
  std::vector<FieldDesc> fields_;
  std::vector<ParamDesc> params_;
  std::vector<AssertDesc> asserts_;
  // Event sites: names and formats, then the descriptors pointing at them.
  std::vector<std::string> trace_strings_, cover_strings_;  // node, format / node, label pairs
  std::vector<std::vector<uint32_t>> trace_operand_types_;
  std::vector<TraceDesc> traces_;
  std::vector<CoverDesc> covers_;
  std::vector<std::string> assumption_nodes_;
  std::vector<AssumptionDesc> assumptions_;
  std::vector<std::pair<const Type*, uint32_t>> type_index_;
  MetadataView view_;
};

}  // namespace xlsaot

#endif  // XLSAOT_AOT_ARTIFACT_METADATA_H_
