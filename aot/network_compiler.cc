#include "aot/network_compiler.h"

#include <set>
#include <utility>

#include "aot/target_selection.h"
#include "codegen/target.h"

namespace xlsaot {

Result<AotNetworkObject> CompileNetworkObject(const NetworkPlan& plan, const AotOptions& options,
                                              const std::string& symbol_prefix) {
  XLSAOT_ASSIGN_OR_RETURN(AotTarget target, SelectAotTarget(options));
  llvm::LLVMContext context;
  XLSAOT_ASSIGN_OR_RETURN(LoweredNetwork lowered, LowerNetworkToLlvm(plan, context, target.codegen, symbol_prefix));
  std::set<std::string> entries;
  for (const AbiInfo& abi : lowered.segment_abis) {
    if (!options.events && (!abi.traces.empty() || !abi.covers.empty())) {
      const Node* node = !abi.traces.empty() ? abi.traces.front().node : abi.covers.front().node;
      return MakeError(ErrorCode::kUnsupported, "node '" + node->name() + "' is a " + std::string(node->op_info().name) +
                                                    "; compile with events (--events) to run traces and covers");
    }
    entries.insert(abi.entry_symbol);
  }
  llvm::Module& module = *lowered.module;
  module.setModuleIdentifier(symbol_prefix);
  module.setSourceFileName(symbol_prefix);
  // Only the entry points are visible, so that the optimiser may drop and
  // inline everything else and several networks link into one program.
  for (llvm::GlobalValue& value : module.global_values()) {
    if (value.isDeclaration() || value.hasLocalLinkage() || value.getName().starts_with("llvm.")) continue;
    if (entries.count(value.getName().str()) == 0) value.setLinkage(llvm::GlobalValue::InternalLinkage);
  }
  XLSAOT_RETURN_IF_ERROR(OptimizeModule(module, *target.machine, options.opt_level));
  XLSAOT_ASSIGN_OR_RETURN(std::vector<char> object, EmitObjectFile(module, *target.machine));
  AotNetworkObject result;
  result.object.assign(object.begin(), object.end());
  result.segment_abis = std::move(lowered.segment_abis);
  result.scratch_size = lowered.scratch_size;
  result.scratch_alignment = lowered.scratch_alignment;
  result.target = target.description;
  return result;
}

}  // namespace xlsaot
