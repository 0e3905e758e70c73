// The machine an artifact is compiled for. By default the portable baseline
// of the host architecture ("x86-64" on x86-64, "generic" elsewhere), so an
// artifact runs on any machine of that architecture; `--cpu native` or a CPU
// name opts in to more features. The triple is the host's with an "unknown"
// vendor, so that identical inputs give identical artifacts on any host of
// the architecture.
#ifndef XLSAOT_AOT_TARGET_SELECTION_H_
#define XLSAOT_AOT_TARGET_SELECTION_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aot/artifact_metadata.h"
#include "codegen/lowering.h"
#include "llvm/Target/TargetMachine.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct AotTarget {
  CodegenOptions codegen;         // triple, cpu and feature string set
  TargetDescription description;  // what the metadata records
  std::unique_ptr<llvm::TargetMachine> machine;
};

// `cpu`: "" for the baseline, "native" for this machine's CPU and features,
// or an LLVM CPU name of the host architecture. `base` supplies the other
// code generation options. Errors: kInvalidArgument for an unknown CPU.
Result<AotTarget> SelectAotTarget(std::string_view cpu, const CodegenOptions& base);

// The baseline CPU name of the host architecture.
std::string BaselineCpu();

}  // namespace xlsaot

#endif  // XLSAOT_AOT_TARGET_SELECTION_H_
