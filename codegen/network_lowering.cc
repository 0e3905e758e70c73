#include "codegen/network_lowering.h"

#include <algorithm>
#include <utility>

#include "llvm/Linker/Linker.h"

namespace xlsaot {

Result<NetworkPlan> PlanNetwork(const Package& package, const Proc& top) {
  NetworkPlan plan;
  XLSAOT_ASSIGN_OR_RETURN(plan.elaborated, ElaborateProcNetwork(package, top));
  std::vector<const Proc*> procs;
  for (const ProcInstanceInfo& instance : plan.elaborated.instances) {
    auto found = std::find(procs.begin(), procs.end(), instance.proc);
    if (found == procs.end()) {
      procs.push_back(instance.proc);
      XLSAOT_ASSIGN_OR_RETURN(ProcActivation activation, SplitActivation(*instance.proc));
      plan.first_segment.push_back(plan.segment_count);
      plan.segment_count += activation.segments.size();
      plan.activations.push_back(std::move(activation));
      found = procs.end() - 1;
    }
    plan.activation_of_instance.push_back(static_cast<size_t>(found - procs.begin()));
  }
  return plan;
}

Result<LoweredNetwork> LowerNetworkToLlvm(const NetworkPlan& plan, llvm::LLVMContext& context,
                                          const CodegenOptions& options, const std::string& symbol_prefix) {
  LoweredNetwork lowered;
  lowered.module = std::make_unique<llvm::Module>(symbol_prefix, context);
  lowered.scratch_alignment = std::max<int64_t>(8, options.scratch_alignment);
  llvm::Linker linker(*lowered.module);
  for (size_t a = 0; a < plan.activations.size(); ++a) {
    const ProcActivation& activation = plan.activations[a];
    for (size_t s = 0; s < activation.segments.size(); ++s) {
      CodegenOptions segment_options = options;
      segment_options.entry_symbol = symbol_prefix + "_s" + std::to_string(plan.first_segment[a] + s);
      XLSAOT_ASSIGN_OR_RETURN(LoweredModule segment,
                              LowerToLlvm(*activation.segments[s].function, context, segment_options));
      lowered.scratch_size = std::max(lowered.scratch_size, segment.abi.scratch_size);
      lowered.scratch_alignment = std::max(lowered.scratch_alignment, segment.abi.scratch_alignment);
      lowered.segment_abis.push_back(std::move(segment.abi));
      // Internal functions that clash by name (a callee lowered for two
      // segments) are renamed by the linker; the entry points are unique.
      if (linker.linkInModule(std::move(segment.module))) {
        return MakeError(ErrorCode::kInternal, "cannot link the segments of proc '" + activation.proc->name() + "'");
      }
    }
  }
  return lowered;
}

}  // namespace xlsaot
