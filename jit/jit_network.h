// JIT compilation of a proc network: every segment of every proc in one
// module (codegen/network_lowering.h), compiled by one ORC JIT.
#ifndef XLSAOT_JIT_JIT_NETWORK_H_
#define XLSAOT_JIT_JIT_NETWORK_H_

#include <memory>
#include <vector>

#include "codegen/lowering.h"
#include "codegen/network_lowering.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "xlsaot/abi.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct JitNetworkCode {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  std::vector<xlsaot_entry_fn> entries;  // per segment of the plan
  std::vector<AbiInfo> segment_abis;
  int64_t scratch_size = 0;
  int64_t scratch_alignment = 8;
};

Result<JitNetworkCode> CompileNetworkWithJit(const NetworkPlan& plan, const CodegenOptions& options);

}  // namespace xlsaot

#endif  // XLSAOT_JIT_JIT_NETWORK_H_
