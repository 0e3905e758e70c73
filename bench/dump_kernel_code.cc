// xlsaot_bench_dump FILE.ir [OPT_LEVEL]: prints the optimised LLVM IR and
// the host assembly that the JIT's lowering and pipeline produce for the
// top function of FILE.ir — for reading why compiled code is as fast (or as
// slow) as the benchmarks say.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "bench/kernel_suite.h"
#include "codegen/lowering.h"
#include "codegen/target.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char** argv) {
  using namespace xlsaot;
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s FILE.ir [OPT_LEVEL]\n", argv[0]);
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "%s: cannot open\n", argv[1]);
    return 1;
  }
  std::stringstream text;
  text << file.rdbuf();
  auto kernel = bench::LoadIr(text.str(), argv[1]);
  if (!kernel.ok()) {
    std::fprintf(stderr, "%s\n", kernel.error().c_str());
    return 1;
  }
  const CodegenOptions options = bench::AtOptLevel(argc == 3 ? std::atoi(argv[2]) : 2);
  InitializeNativeLlvmTarget();
  llvm::LLVMContext context;
  auto lowered = LowerToLlvm(*kernel->top, context, options);
  if (!lowered.ok()) {
    std::fprintf(stderr, "%s\n", lowered.error().c_str());
    return 1;
  }
  auto target = CreateTargetMachine(options);
  if (!target.ok()) {
    std::fprintf(stderr, "%s\n", target.error().c_str());
    return 1;
  }
  Status optimized = OptimizeModule(*lowered->module, **target, options.opt_level);
  if (!optimized.ok()) {
    std::fprintf(stderr, "%s\n", optimized.error().c_str());
    return 1;
  }
  llvm::outs() << "; ---- optimised LLVM IR ----\n" << *lowered->module << "\n; ---- assembly ----\n";
  llvm::legacy::PassManager passes;
  if ((*target)->addPassesToEmitFile(passes, llvm::outs(), nullptr, llvm::CodeGenFileType::AssemblyFile)) {
    std::fprintf(stderr, "the target cannot emit assembly\n");
    return 1;
  }
  passes.run(*lowered->module);
  return 0;
}
