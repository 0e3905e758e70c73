// Ahead-of-time compilation of a proc network: one relocatable object
// exporting one entry point per segment of every proc that has an instance
// (codegen/network_lowering.h), to be run by the runtime's NetworkRunner.
#ifndef XLSAOT_AOT_NETWORK_COMPILER_H_
#define XLSAOT_AOT_NETWORK_COMPILER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "aot/artifact_metadata.h"
#include "aot/compiler.h"
#include "codegen/lowering.h"
#include "codegen/network_lowering.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct AotNetworkObject {
  std::vector<uint8_t> object;
  std::vector<AbiInfo> segment_abis;  // entry_symbol: symbol_prefix + "_s" + i
  int64_t scratch_size = 0;
  int64_t scratch_alignment = 8;
  TargetDescription target;  // what the code needs of the machine
};

// Uses options.opt_level, cpu, scratch_alignment, stack_cutoff_bytes and
// events (without events a trace or cover in a proc is kUnsupported).
Result<AotNetworkObject> CompileNetworkObject(const NetworkPlan& plan, const AotOptions& options,
                                              const std::string& symbol_prefix);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_NETWORK_COMPILER_H_
