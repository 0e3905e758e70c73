#include "aot/target_selection.h"

#include <algorithm>

#include "codegen/target.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"
#include "xlsaot/host_cpu.h"

namespace xlsaot {
namespace {

// The host triple without its vendor: hosts of one architecture and system
// then produce identical objects.
std::string CanonicalHostTriple() {
  llvm::Triple triple(llvm::sys::getProcessTriple());
  triple.setVendor(llvm::Triple::UnknownVendor);
  return triple.str();
}

// Features whose instructions LLVM emits only for their intrinsics (system,
// security, cryptography, transactional memory, tile, prefetch hints), never
// for the arithmetic, logic and memory operations XLS IR lowers to. A CPU
// name may imply them; requiring them would only refuse machines (or virtual
// machines that hide them) that run the code perfectly well.
constexpr std::string_view kIntrinsicOnlyFeatures[] = {
    "aes",      "amx-bf16", "amx-fp16", "amx-int8", "amx-tile",  "cldemote",  "clflushopt",
    "clwb",     "clzero",   "cmpccxadd", "crc32",   "enqcmd",    "fsgsbase",  "hle",
    "hreset",   "invpcid",  "kl",       "lwp",      "movdir64b", "movdiri",   "mwaitx",
    "pclmul",   "pconfig",  "pku",      "prefetchi", "prefetchwt1", "prfchw", "raoint",
    "rdpid",    "rdpru",    "rdrnd",    "rdseed",   "rtm",       "serialize", "sgx",
    "sha",      "sha512",   "shstk",    "sm3",      "sm4",       "tsxldtrk",  "uintr",
    "vaes",     "vpclmulqdq", "waitpkg", "wbnoinvd", "xsave",    "xsavec",    "xsaveopt",
    "xsaves"};

bool IntrinsicOnly(std::string_view feature) {
  return std::find(std::begin(kIntrinsicOnlyFeatures), std::end(kIntrinsicOnlyFeatures), feature) !=
         std::end(kIntrinsicOnlyFeatures);
}

// The features the target machine enables that generated code may use and
// the runtime can check on the machine that runs the artifact. Features the
// runtime cannot detect are tuning properties ("slow-3ops-lea", ...), not
// instruction sets.
std::vector<std::string> RequiredFeatures(const llvm::TargetMachine& machine) {
  const llvm::MCSubtargetInfo* info = machine.getMCSubtargetInfo();
  const auto detectable = DetectableCpuFeatures();
  std::vector<std::string> required;
  for (const llvm::SubtargetFeatureKV& kv : info->getAllProcessorFeatures()) {
    if (!info->getFeatureBits().test(kv.Value)) continue;
    const std::string_view name = kv.Key;
    if (IntrinsicOnly(name)) continue;
    if (std::binary_search(detectable.begin(), detectable.end(), name)) required.emplace_back(name);
  }
  std::sort(required.begin(), required.end());
  required.erase(std::unique(required.begin(), required.end()), required.end());
  return required;
}

}  // namespace

std::string BaselineCpu() {
  const llvm::Triple triple(llvm::sys::getProcessTriple());
  return triple.getArch() == llvm::Triple::x86_64 ? "x86-64" : "generic";
}

Result<AotTarget> SelectAotTarget(std::string_view cpu, const CodegenOptions& base) {
  AotTarget target;
  target.codegen = base;
  target.codegen.target_triple = CanonicalHostTriple();
  if (cpu.empty()) {
    target.codegen.cpu = BaselineCpu();
    target.codegen.cpu_features = "";
  } else if (cpu == "native") {
    target.codegen.cpu = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures features;
    // Sorted, so the feature string does not depend on hash map order.
    std::vector<std::pair<std::string, bool>> host;
    for (const auto& [name, enabled] : llvm::sys::getHostCPUFeatures()) host.emplace_back(name.str(), enabled);
    std::sort(host.begin(), host.end());
    for (const auto& [name, enabled] : host) features.AddFeature(name, enabled);
    target.codegen.cpu_features = features.getString();
  } else {
    target.codegen.cpu = std::string(cpu);
    target.codegen.cpu_features = "";
  }
  XLSAOT_ASSIGN_OR_RETURN(target.machine, CreateTargetMachine(target.codegen));
  if (!target.machine->getMCSubtargetInfo()->isCPUStringValid(target.codegen.cpu)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "unknown CPU '" + target.codegen.cpu + "' for " + target.codegen.target_triple +
                         " (use 'native', or a name listed by `llc -mcpu=help`)");
  }
  target.description.triple = target.codegen.target_triple;
  target.description.cpu = target.codegen.cpu;
  target.description.cpu_features = RequiredFeatures(*target.machine);
  return target;
}

}  // namespace xlsaot
