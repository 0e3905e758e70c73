#include "aot/artifact_metadata.h"

#include "codegen/type_layout.h"

namespace xlsaot {

uint32_t CompilerMetadata::AddType(const Type* type) {
  // Types are interned, so pointer identity is type equality; signatures
  // have few distinct types, so a linear search is enough.
  for (const auto& [known, index] : type_index_)
    if (known == type) return index;
  TypeDesc desc;
  const TypeLayout& layout = CachedLayout(type);
  desc.size = static_cast<uint64_t>(layout.size);
  desc.alignment = static_cast<uint64_t>(layout.alignment);
  switch (type->kind()) {
    case TypeKind::kBits:
      desc.kind = TypeDescKind::kBits;
      desc.bit_count = static_cast<uint64_t>(type->bit_count());
      break;
    case TypeKind::kToken:
      desc.kind = TypeDescKind::kToken;
      break;
    case TypeKind::kArray:
      desc.kind = TypeDescKind::kArray;
      desc.element_type = AddType(type->element());
      desc.element_count = static_cast<uint64_t>(type->size());
      desc.stride = static_cast<uint64_t>(layout.element_stride);
      break;
    case TypeKind::kTuple: {
      desc.kind = TypeDescKind::kTuple;
      // Element types first (they must precede the tuple), then this
      // tuple's run of fields.
      std::vector<uint32_t> elements;
      for (const Type* element : type->elements()) elements.push_back(AddType(element));
      desc.element_count = elements.size();
      desc.first_field = static_cast<uint32_t>(fields_.size());
      for (size_t i = 0; i < elements.size(); ++i) {
        fields_.push_back(FieldDesc{elements[i], static_cast<uint64_t>(layout.element_offsets[i])});
      }
      break;
    }
  }
  const auto index = static_cast<uint32_t>(types_.size());
  types_.push_back(desc);
  type_index_.emplace_back(type, index);
  return index;
}

Result<std::unique_ptr<CompilerMetadata>> CompilerMetadata::Build(const Function& top,
                                                                  const AbiInfo& abi,
                                                                  const TargetDescription& target) {
  std::unique_ptr<CompilerMetadata> m(new CompilerMetadata());
  m->function_name_ = abi.function_name;
  m->entry_symbol_ = abi.entry_symbol;
  m->triple_ = target.triple;
  m->cpu_ = target.cpu;
  m->feature_strings_ = target.cpu_features;
  for (const std::string& f : m->feature_strings_) m->features_.push_back(f);

  std::vector<uint32_t> param_types;
  param_types.reserve(abi.param_types.size());
  for (const Type* t : abi.param_types) param_types.push_back(m->AddType(t));
  const uint32_t return_type = m->AddType(abi.return_type);
  for (size_t i = 0; i < top.params().size(); ++i) m->param_names_.push_back(top.param(i)->name());
  if (m->param_names_.size() != param_types.size()) {
    return MakeError(ErrorCode::kInternal, "parameter count of '" + top.name() +
                                               "' differs from its lowered entry point");
  }
  for (size_t i = 0; i < param_types.size(); ++i) {
    m->params_.push_back(ParamDesc{m->param_names_[i], param_types[i]});
  }
  m->assert_strings_.reserve(2 * abi.asserts.size());
  for (const AssertSite& site : abi.asserts) {
    m->assert_strings_.push_back(site.message);
    m->assert_strings_.push_back(site.label);
  }
  for (size_t i = 0; i + 1 < m->assert_strings_.size(); i += 2) {
    m->asserts_.push_back(AssertDesc{m->assert_strings_[i], m->assert_strings_[i + 1]});
  }
  for (const TraceSite& site : abi.traces) {
    m->trace_strings_.push_back(site.node->name());
    m->trace_strings_.push_back(site.format);
    std::vector<uint32_t>& types = m->trace_operand_types_.emplace_back();
    for (const Type* t : site.operand_types) types.push_back(m->AddType(t));
  }
  for (size_t i = 0; i < abi.traces.size(); ++i) {
    m->traces_.push_back(TraceDesc{m->trace_strings_[2 * i], m->trace_strings_[2 * i + 1],
                                   static_cast<uint64_t>(abi.traces[i].node->attrs().verbosity),
                                   m->trace_operand_types_[i]});
  }
  for (const CoverSite& site : abi.covers) {
    m->cover_strings_.push_back(site.node->name());
    m->cover_strings_.push_back(site.label);
  }
  for (size_t i = 0; i + 1 < m->cover_strings_.size(); i += 2) {
    m->covers_.push_back(CoverDesc{m->cover_strings_[i], m->cover_strings_[i + 1]});
  }
  for (const AssumptionSite& site : abi.assumptions) m->assumption_nodes_.push_back(site.node->name());
  for (size_t i = 0; i < abi.assumptions.size(); ++i) {
    // The op's name is a constant of the op table, which outlives everything.
    m->assumptions_.push_back(AssumptionDesc{m->assumption_nodes_[i], abi.assumptions[i].node->op_info().name});
  }

  MetadataView& v = m->view_;
  v.abi_version = abi.abi_version;
  v.features = abi.features;
  v.scratch_size = static_cast<uint64_t>(abi.scratch_size);
  v.scratch_alignment = static_cast<uint64_t>(abi.scratch_alignment);
  v.function_name = m->function_name_;
  v.entry_symbol = m->entry_symbol_;
  v.target_triple = m->triple_;
  v.cpu = m->cpu_;
  v.cpu_features = m->features_;
  v.types = m->types_;
  v.fields = m->fields_;
  v.params = m->params_;
  v.return_type = return_type;
  v.asserts = m->asserts_;
  v.traces = m->traces_;
  v.covers = m->covers_;
  v.assumptions = m->assumptions_;
  if (Status s = ValidateMetadata(v); !s.ok()) {
    return MakeError(ErrorCode::kInternal, "generated inconsistent metadata for '" + top.name() +
                                               "': " + s.error());
  }
  return m;
}

}  // namespace xlsaot
