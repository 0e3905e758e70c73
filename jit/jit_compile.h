// The steps every JIT-compiled module goes through: a target machine for
// the host (or the CPU the options name), and an ORC JIT holding the
// optimised module with the external symbols compiled code may call.
#ifndef XLSAOT_JIT_JIT_COMPILE_H_
#define XLSAOT_JIT_JIT_COMPILE_H_

#include <memory>

#include "codegen/lowering.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct JitTarget {
  std::unique_ptr<llvm::orc::JITTargetMachineBuilder> builder;
  std::unique_ptr<llvm::TargetMachine> machine;  // for OptimizeModule
};

Result<JitTarget> MakeJitTarget(const CodegenOptions& options);

// Optimises `module` at options.opt_level and hands it to a new JIT; the
// symbols are compiled on first lookup.
Result<std::unique_ptr<llvm::orc::LLJIT>> LoadIntoJit(JitTarget target, std::unique_ptr<llvm::Module> module,
                                                      std::unique_ptr<llvm::LLVMContext> context,
                                                      const CodegenOptions& options);

}  // namespace xlsaot

#endif  // XLSAOT_JIT_JIT_COMPILE_H_
