// Optimisation and object emission of a lowered module on several threads.
//
// The lowering splits a large XLS function into parts of about a thousand
// nodes, each its own LLVM function (CodegenOptions::partition_nodes). When a
// module holds enough of them, each part becomes a module of its own (with
// private copies of the small routines and constants it uses) in its own
// LLVMContext, optimised and compiled to an object on one of `jobs` threads;
// what is left (entry point, drivers, metadata) is one more such module. The
// objects are merged into one (aot/object_merger.h) in a fixed order. The
// pieces depend only on the module, never on `jobs`, so the object is
// byte-identical whatever the number of threads.
#ifndef XLSAOT_AOT_PARALLEL_OBJECT_EMITTER_H_
#define XLSAOT_AOT_PARALLEL_OBJECT_EMITTER_H_

#include <vector>

#include "codegen/lowering.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"
#include "xlsaot/result.h"

namespace xlsaot {

// The number of threads `jobs` = 0 stands for: the hardware threads of
// this machine (at least 1).
int DefaultCompileJobs();

// Optimises `module` at target.opt_level and emits it as one relocatable
// object for `machine` (created from `target`; each extra thread creates its
// own from `target`). `module` may be changed beyond use. jobs: threads to
// use, 0 = DefaultCompileJobs().
Result<std::vector<char>> EmitObjectInParallel(llvm::Module& module, llvm::TargetMachine& machine,
                                               const CodegenOptions& target, int jobs);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_PARALLEL_OBJECT_EMITTER_H_
