// Target machines, the optimisation pipeline and object emission for
// lowered modules (shared by the JIT and the ahead-of-time compiler).
#ifndef XLSAOT_CODEGEN_TARGET_H_
#define XLSAOT_CODEGEN_TARGET_H_

#include <memory>
#include <vector>

#include "codegen/lowering.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Target/TargetMachine.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Registers the native target with LLVM (idempotent, thread-safe).
void InitializeNativeLlvmTarget();

// CodeGenOptLevel for -O0 .. -O3.
llvm::CodeGenOptLevel CodeGenLevel(int opt_level);

// A target machine for options.target_triple / cpu / cpu_features (the
// host's where empty), position independent, at options.opt_level.
Result<std::unique_ptr<llvm::TargetMachine>> CreateTargetMachine(const CodegenOptions& options);

// Which optimisation pipeline OptimizeModule runs.
enum class PassPipeline {
  // LLVM's standard pipeline for the level.
  kStandard,
  // For a module holding one large loop-free part of a function: the
  // function-local clean-ups that pay off on straight-line code (scalar
  // replacement, common subexpressions, one round of instruction combining,
  // control-flow simplification), without the inliner, loop and vector
  // passes that find nothing there but cost most of the standard pipeline's
  // time (docs/performance.md, "Compile time"). At -O0 only the instruction
  // combining, which makes the fast instruction selector apply.
  kStraightLine,
};

// Sets the module's triple and data layout from `target` and runs the
// pipeline for `opt_level` (LLVM's O0 pipeline for 0).
Status OptimizeModule(llvm::Module& module, llvm::TargetMachine& target, int opt_level,
                      PassPipeline pipeline = PassPipeline::kStandard);

// Machine code for the module as a relocatable object file.
Result<std::vector<char>> EmitObjectFile(llvm::Module& module, llvm::TargetMachine& target);

}  // namespace xlsaot

#endif  // XLSAOT_CODEGEN_TARGET_H_
