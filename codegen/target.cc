#include "codegen/target.h"

#include <mutex>
#include <string>

#include "codegen/sign_tests.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/OptimizationLevel.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

namespace xlsaot {
namespace {

// See PassPipeline::kStraightLine.
constexpr const char* kStraightLinePipeline =
    "function(sroa<modify-cfg>,early-cse,instcombine<max-iterations=1;no-verify-fixpoint>,simplifycfg)";
// At -O0, one round of instruction combining: it folds the lowering's
// odd-width truncations and extensions, which fast instruction selection
// cannot handle; without it the selector falls back to the much slower
// SelectionDAG for whole blocks, and the pass costs less than it saves.
constexpr const char* kStraightLineO0Pipeline = "function(instcombine<max-iterations=1;no-verify-fixpoint>)";

}  // namespace

void InitializeNativeLlvmTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}

llvm::CodeGenOptLevel CodeGenLevel(int opt_level) {
  switch (opt_level) {
    case 0: return llvm::CodeGenOptLevel::None;
    case 1: return llvm::CodeGenOptLevel::Less;
    case 3: return llvm::CodeGenOptLevel::Aggressive;
    default: return llvm::CodeGenOptLevel::Default;
  }
}

Result<std::unique_ptr<llvm::TargetMachine>> CreateTargetMachine(const CodegenOptions& options) {
  InitializeNativeLlvmTarget();
  const std::string triple = options.target_triple.empty() ? llvm::sys::getProcessTriple() : options.target_triple;
  std::string error;
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (target == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown target '" + triple + "': " + error);
  }
  std::string cpu = options.cpu;
  std::string features = options.cpu_features;
  if (cpu.empty() && options.target_triple.empty()) {
    cpu = llvm::sys::getHostCPUName().str();
    if (features.empty()) {
      llvm::SubtargetFeatures host;
      for (const auto& [name, enabled] : llvm::sys::getHostCPUFeatures()) host.AddFeature(name, enabled);
      features = host.getString();
    }
  }
  llvm::TargetOptions target_options;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, target_options, llvm::Reloc::PIC_, std::nullopt, CodeGenLevel(options.opt_level)));
  if (machine == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument, "cannot create a target machine for '" + triple + "', cpu '" + cpu + "'");
  }
  return machine;
}

Status OptimizeModule(llvm::Module& module, llvm::TargetMachine& target, int opt_level,
                      PassPipeline pipeline) {
  module.setTargetTriple(target.getTargetTriple().str());
  module.setDataLayout(target.createDataLayout());

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  // As clang does from -O2 on: vectorise loops and straight-line code.
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = opt_level >= 2;
  tuning.SLPVectorization = opt_level >= 2;
  llvm::PassBuilder builder(&target, tuning);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);

  llvm::OptimizationLevel level = llvm::OptimizationLevel::O2;
  switch (opt_level) {
    case 0: level = llvm::OptimizationLevel::O0; break;
    case 1: level = llvm::OptimizationLevel::O1; break;
    case 3: level = llvm::OptimizationLevel::O3; break;
    default: break;
  }
  llvm::ModulePassManager passes;
  if (pipeline == PassPipeline::kStraightLine) {
    if (llvm::Error e = builder.parsePassPipeline(passes, opt_level == 0 ? kStraightLineO0Pipeline
                                                                         : kStraightLinePipeline)) {
      return MakeError(ErrorCode::kInternal, "bad straight-line pipeline: " + llvm::toString(std::move(e)));
    }
  } else if (opt_level == 0) {
    passes = builder.buildO0DefaultPipeline(level);
  } else {
    passes = builder.buildPerModuleDefaultPipeline(level);
  }
  passes.run(module, mam);
  if (opt_level > 0) codegen::RewriteOddWidthSignTests(module);
  return {};
}

Result<std::vector<char>> EmitObjectFile(llvm::Module& module, llvm::TargetMachine& target) {
  module.setTargetTriple(target.getTargetTriple().str());
  module.setDataLayout(target.createDataLayout());
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager passes;
  if (target.addPassesToEmitFile(passes, os, nullptr, llvm::CodeGenFileType::ObjectFile)) {
    return MakeError(ErrorCode::kUnsupported, "the target cannot emit object files");
  }
  passes.run(module);
  return std::vector<char>(buffer.begin(), buffer.end());
}

}  // namespace xlsaot
