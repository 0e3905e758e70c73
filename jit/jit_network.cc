#include "jit/jit_network.h"

#include <utility>

#include "jit/jit_compile.h"

namespace xlsaot {

Result<JitNetworkCode> CompileNetworkWithJit(const NetworkPlan& plan, const CodegenOptions& options) {
  XLSAOT_ASSIGN_OR_RETURN(JitTarget target, MakeJitTarget(options));
  auto context = std::make_unique<llvm::LLVMContext>();
  XLSAOT_ASSIGN_OR_RETURN(LoweredNetwork lowered, LowerNetworkToLlvm(plan, *context, options, "xlsaot_network"));
  JitNetworkCode code;
  XLSAOT_ASSIGN_OR_RETURN(code.jit, LoadIntoJit(std::move(target), std::move(lowered.module), std::move(context), options));
  for (const AbiInfo& abi : lowered.segment_abis) {
    auto address = code.jit->lookup(abi.entry_symbol);
    if (!address) {
      return MakeError(ErrorCode::kInternal, "cannot compile segment '" + abi.function_name +
                                                 "': " + llvm::toString(address.takeError()));
    }
    code.entries.push_back(address->toPtr<xlsaot_entry_fn>());
  }
  code.segment_abis = std::move(lowered.segment_abis);
  code.scratch_size = lowered.scratch_size;
  code.scratch_alignment = lowered.scratch_alignment;
  return code;
}

}  // namespace xlsaot
