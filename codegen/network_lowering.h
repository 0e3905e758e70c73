// Lowering of a whole proc network to one LLVM module: every proc that has
// an instance is split into segments (codegen/proc_activation.h), and every
// segment is lowered by the function lowering into its own entry point of
// the module. The JIT and the ahead-of-time compiler both start here.
#ifndef XLSAOT_CODEGEN_NETWORK_LOWERING_H_
#define XLSAOT_CODEGEN_NETWORK_LOWERING_H_

#include <memory>
#include <string>
#include <vector>

#include "codegen/lowering.h"
#include "codegen/proc_activation.h"
#include "ir/package.h"
#include "ir/proc.h"
#include "ir/proc_elaboration.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct NetworkPlan {
  ElaboratedNetwork elaborated;
  // One per proc that has an instance, in order of first instance.
  std::vector<ProcActivation> activations;
  std::vector<size_t> activation_of_instance;
  // Per activation: the network-wide index of its first segment (segments
  // are numbered activation by activation).
  std::vector<size_t> first_segment;
  size_t segment_count = 0;
};

// Elaborates the network of `top` and splits its procs.
Result<NetworkPlan> PlanNetwork(const Package& package, const Proc& top);

struct LoweredNetwork {
  std::unique_ptr<llvm::Module> module;
  // Per network segment: its entry point (entry_symbol, event sites).
  std::vector<AbiInfo> segment_abis;
  int64_t scratch_size = 0;
  int64_t scratch_alignment = 8;
};

// Lowers every segment of `plan` into one module; segment i's entry point
// is named `symbol_prefix` + "_s" + i.
Result<LoweredNetwork> LowerNetworkToLlvm(const NetworkPlan& plan, llvm::LLVMContext& context,
                                          const CodegenOptions& options, const std::string& symbol_prefix);

}  // namespace xlsaot

#endif  // XLSAOT_CODEGEN_NETWORK_LOWERING_H_
