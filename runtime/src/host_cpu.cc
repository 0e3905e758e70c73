// Host CPU feature detection without any library: cpuid (plus xgetbv for
// the register state the operating system saves) on x86-64, the auxiliary
// vector's hwcaps on AArch64 Linux.
#include "xlsaot/host_cpu.h"

#include <algorithm>
#include <cstdint>

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
#define XLSAOT_HOST_X86_64 1
#elif defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#define XLSAOT_HOST_AARCH64_LINUX 1
#endif

namespace xlsaot {
namespace {

#if defined(XLSAOT_HOST_X86_64)

enum Reg : uint8_t { kEax, kEbx, kEcx, kEdx };
// Register state a feature's instructions need the OS to save.
enum class State : uint8_t { kNone, kAvx, kAvx512, kAmx };

struct X86Feature {
  std::string_view name;
  uint32_t leaf;
  uint32_t subleaf;
  Reg reg;
  uint8_t bit;
  State state;
};

// Bits from the Intel SDM / AMD APM cpuid tables, named as LLVM names the
// target features.
constexpr X86Feature kX86Features[] = {
    {"x87", 1, 0, kEdx, 0, State::kNone},
    {"cx8", 1, 0, kEdx, 8, State::kNone},
    {"cmov", 1, 0, kEdx, 15, State::kNone},
    {"mmx", 1, 0, kEdx, 23, State::kNone},
    {"fxsr", 1, 0, kEdx, 24, State::kNone},
    {"sse", 1, 0, kEdx, 25, State::kNone},
    {"sse2", 1, 0, kEdx, 26, State::kNone},
    {"sse3", 1, 0, kEcx, 0, State::kNone},
    {"pclmul", 1, 0, kEcx, 1, State::kNone},
    {"ssse3", 1, 0, kEcx, 9, State::kNone},
    {"fma", 1, 0, kEcx, 12, State::kAvx},
    {"cx16", 1, 0, kEcx, 13, State::kNone},
    {"sse4.1", 1, 0, kEcx, 19, State::kNone},
    {"sse4.2", 1, 0, kEcx, 20, State::kNone},
    {"crc32", 1, 0, kEcx, 20, State::kNone},  // LLVM splits it out of sse4.2
    {"movbe", 1, 0, kEcx, 22, State::kNone},
    {"popcnt", 1, 0, kEcx, 23, State::kNone},
    {"aes", 1, 0, kEcx, 25, State::kNone},
    {"xsave", 1, 0, kEcx, 26, State::kNone},
    {"avx", 1, 0, kEcx, 28, State::kAvx},
    {"f16c", 1, 0, kEcx, 29, State::kAvx},
    {"rdrnd", 1, 0, kEcx, 30, State::kNone},
    {"fsgsbase", 7, 0, kEbx, 0, State::kNone},
    {"sgx", 7, 0, kEbx, 2, State::kNone},
    {"bmi", 7, 0, kEbx, 3, State::kNone},
    {"hle", 7, 0, kEbx, 4, State::kNone},
    {"avx2", 7, 0, kEbx, 5, State::kAvx},
    {"bmi2", 7, 0, kEbx, 8, State::kNone},
    {"invpcid", 7, 0, kEbx, 10, State::kNone},
    {"rtm", 7, 0, kEbx, 11, State::kNone},
    {"avx512f", 7, 0, kEbx, 16, State::kAvx512},
    {"evex512", 7, 0, kEbx, 16, State::kAvx512},  // 512-bit vectors: every AVX-512 CPU
    {"avx512dq", 7, 0, kEbx, 17, State::kAvx512},
    {"rdseed", 7, 0, kEbx, 18, State::kNone},
    {"adx", 7, 0, kEbx, 19, State::kNone},
    {"avx512ifma", 7, 0, kEbx, 21, State::kAvx512},
    {"clflushopt", 7, 0, kEbx, 23, State::kNone},
    {"clwb", 7, 0, kEbx, 24, State::kNone},
    {"avx512pf", 7, 0, kEbx, 26, State::kAvx512},
    {"avx512er", 7, 0, kEbx, 27, State::kAvx512},
    {"avx512cd", 7, 0, kEbx, 28, State::kAvx512},
    {"sha", 7, 0, kEbx, 29, State::kNone},
    {"avx512bw", 7, 0, kEbx, 30, State::kAvx512},
    {"avx512vl", 7, 0, kEbx, 31, State::kAvx512},
    {"prefetchwt1", 7, 0, kEcx, 0, State::kNone},
    {"avx512vbmi", 7, 0, kEcx, 1, State::kAvx512},
    {"pku", 7, 0, kEcx, 3, State::kNone},
    {"waitpkg", 7, 0, kEcx, 5, State::kNone},
    {"avx512vbmi2", 7, 0, kEcx, 6, State::kAvx512},
    {"shstk", 7, 0, kEcx, 7, State::kNone},
    {"gfni", 7, 0, kEcx, 8, State::kNone},
    {"vaes", 7, 0, kEcx, 9, State::kAvx},
    {"vpclmulqdq", 7, 0, kEcx, 10, State::kAvx},
    {"avx512vnni", 7, 0, kEcx, 11, State::kAvx512},
    {"avx512bitalg", 7, 0, kEcx, 12, State::kAvx512},
    {"avx512vpopcntdq", 7, 0, kEcx, 14, State::kAvx512},
    {"rdpid", 7, 0, kEcx, 22, State::kNone},
    {"kl", 7, 0, kEcx, 23, State::kNone},
    {"cldemote", 7, 0, kEcx, 25, State::kNone},
    {"movdiri", 7, 0, kEcx, 27, State::kNone},
    {"movdir64b", 7, 0, kEcx, 28, State::kNone},
    {"enqcmd", 7, 0, kEcx, 29, State::kNone},
    {"uintr", 7, 0, kEdx, 5, State::kNone},
    {"avx512vp2intersect", 7, 0, kEdx, 8, State::kAvx512},
    {"serialize", 7, 0, kEdx, 14, State::kNone},
    {"tsxldtrk", 7, 0, kEdx, 16, State::kNone},
    {"pconfig", 7, 0, kEdx, 18, State::kNone},
    {"amx-bf16", 7, 0, kEdx, 22, State::kAmx},
    {"avx512fp16", 7, 0, kEdx, 23, State::kAvx512},
    {"amx-tile", 7, 0, kEdx, 24, State::kAmx},
    {"amx-int8", 7, 0, kEdx, 25, State::kAmx},
    {"sha512", 7, 1, kEax, 0, State::kAvx},
    {"sm3", 7, 1, kEax, 1, State::kAvx},
    {"sm4", 7, 1, kEax, 2, State::kAvx},
    {"raoint", 7, 1, kEax, 3, State::kNone},
    {"avxvnni", 7, 1, kEax, 4, State::kAvx},
    {"avx512bf16", 7, 1, kEax, 5, State::kAvx512},
    {"cmpccxadd", 7, 1, kEax, 7, State::kNone},
    {"amx-fp16", 7, 1, kEax, 21, State::kAmx},
    {"hreset", 7, 1, kEax, 22, State::kNone},
    {"avxifma", 7, 1, kEax, 23, State::kAvx},
    {"avxvnniint8", 7, 1, kEdx, 4, State::kAvx},
    {"avxneconvert", 7, 1, kEdx, 5, State::kAvx},
    {"avxvnniint16", 7, 1, kEdx, 10, State::kAvx},
    {"prefetchi", 7, 1, kEdx, 14, State::kNone},
    {"xsaveopt", 0xd, 1, kEax, 0, State::kNone},
    {"xsavec", 0xd, 1, kEax, 1, State::kNone},
    {"xsaves", 0xd, 1, kEax, 3, State::kNone},
    {"sahf", 0x80000001, 0, kEcx, 0, State::kNone},
    {"lzcnt", 0x80000001, 0, kEcx, 5, State::kNone},
    {"sse4a", 0x80000001, 0, kEcx, 6, State::kNone},
    {"prfchw", 0x80000001, 0, kEcx, 8, State::kNone},
    {"xop", 0x80000001, 0, kEcx, 11, State::kAvx},
    {"lwp", 0x80000001, 0, kEcx, 15, State::kNone},
    {"fma4", 0x80000001, 0, kEcx, 16, State::kAvx},
    {"tbm", 0x80000001, 0, kEcx, 21, State::kNone},
    {"mwaitx", 0x80000001, 0, kEcx, 29, State::kNone},
    {"64bit", 0x80000001, 0, kEdx, 29, State::kNone},
    {"clzero", 0x80000008, 0, kEbx, 0, State::kNone},
    {"rdpru", 0x80000008, 0, kEbx, 4, State::kNone},
    {"wbnoinvd", 0x80000008, 0, kEbx, 9, State::kNone},
};

struct CpuidResult {
  bool valid = false;
  uint32_t regs[4] = {0, 0, 0, 0};
};

CpuidResult Cpuid(uint32_t leaf, uint32_t subleaf) {
  CpuidResult r;
  const uint32_t max_leaf = __get_cpuid_max(leaf & 0x80000000u, nullptr);
  if (max_leaf < leaf) return r;
  __cpuid_count(leaf, subleaf, r.regs[kEax], r.regs[kEbx], r.regs[kEcx], r.regs[kEdx]);
  r.valid = true;
  return r;
}

// The register state (XCR0) the OS saves on context switches; 0 when the
// OS does not enable xgetbv.
uint64_t EnabledXState() {
  const CpuidResult leaf1 = Cpuid(1, 0);
  const bool osxsave = leaf1.valid && ((leaf1.regs[kEcx] >> 27) & 1) != 0;
  if (!osxsave) return 0;
  uint32_t eax = 0, edx = 0;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (static_cast<uint64_t>(edx) << 32) | eax;
}

bool StateEnabled(State state, uint64_t xcr0) {
  constexpr uint64_t kAvxBits = 0x6;        // SSE + AVX (YMM) state
  constexpr uint64_t kAvx512Bits = 0xe6;    // + opmask, ZMM_Hi256, Hi16_ZMM
  constexpr uint64_t kAmxBits = 0x60000;    // XTILECFG + XTILEDATA
  switch (state) {
    case State::kNone: return true;
    case State::kAvx: return (xcr0 & kAvxBits) == kAvxBits;
    case State::kAvx512: return (xcr0 & kAvx512Bits) == kAvx512Bits;
    case State::kAmx: return (xcr0 & kAmxBits) == kAmxBits;
  }
  return false;
}

std::vector<std::string> DetectFeatures() {
  const uint64_t xcr0 = EnabledXState();
  std::vector<std::string> features;
  for (const X86Feature& f : kX86Features) {
    const CpuidResult r = Cpuid(f.leaf, f.subleaf);
    if (!r.valid || ((r.regs[f.reg] >> f.bit) & 1) == 0) continue;
    if (!StateEnabled(f.state, xcr0)) continue;
    features.emplace_back(f.name);
  }
  return features;
}

std::vector<std::string_view> FeatureNames() {
  std::vector<std::string_view> names;
  for (const X86Feature& f : kX86Features) names.push_back(f.name);
  return names;
}

constexpr const char* kArch = "x86_64";

#elif defined(XLSAOT_HOST_AARCH64_LINUX)

struct Arm64Feature {
  std::string_view name;
  int hwcap;  // 1: AT_HWCAP, 2: AT_HWCAP2
  unsigned bit;
};

// Linux's arch/arm64 hwcap bits, named as LLVM names the target features.
constexpr Arm64Feature kArm64Features[] = {
    {"fp-armv8", 1, 0}, {"neon", 1, 1},     {"aes", 1, 3},      {"sha2", 1, 6},
    {"crc", 1, 7},      {"lse", 1, 8},      {"fullfp16", 1, 9}, {"rdm", 1, 12},
    {"jsconv", 1, 13},  {"fcma", 1, 14},    {"rcpc", 1, 15},    {"sha3", 1, 17},
    {"sm4", 1, 19},     {"dotprod", 1, 20}, {"sve", 1, 22},     {"fp16fml", 1, 23},
    {"dit", 1, 24},     {"ssbs", 1, 28},    {"sb", 1, 29},      {"sve2", 2, 1},
    {"i8mm", 2, 13},    {"bf16", 2, 14},
};

std::vector<std::string> DetectFeatures() {
  const unsigned long hwcap = getauxval(AT_HWCAP);
  const unsigned long hwcap2 = getauxval(AT_HWCAP2);
  std::vector<std::string> features;
  for (const Arm64Feature& f : kArm64Features) {
    const unsigned long word = f.hwcap == 1 ? hwcap : hwcap2;
    if ((word >> f.bit) & 1) features.emplace_back(f.name);
  }
  return features;
}

std::vector<std::string_view> FeatureNames() {
  std::vector<std::string_view> names;
  for (const Arm64Feature& f : kArm64Features) names.push_back(f.name);
  return names;
}

constexpr const char* kArch = "aarch64";

#else

// No detection: artifacts that require any CPU feature are refused.
std::vector<std::string> DetectFeatures() { return {}; }
std::vector<std::string_view> FeatureNames() { return {}; }
constexpr const char* kArch = "unknown";

#endif

#if defined(__linux__)
constexpr const char* kOs = "linux";
#elif defined(__APPLE__)
constexpr const char* kOs = "darwin";
#elif defined(_WIN32)
constexpr const char* kOs = "windows";
#else
constexpr const char* kOs = "unknown";
#endif

}  // namespace

HostCpu::HostCpu(std::string arch, std::string os, std::vector<std::string> features)
    : arch_(std::move(arch)), os_(std::move(os)), features_(std::move(features)) {
  std::sort(features_.begin(), features_.end());
  features_.erase(std::unique(features_.begin(), features_.end()), features_.end());
}

const HostCpu& HostCpu::Detect() {
  static const HostCpu* const host = new HostCpu(kArch, kOs, DetectFeatures());
  return *host;
}

bool HostCpu::Supports(std::string_view feature) const {
  return std::binary_search(features_.begin(), features_.end(), feature,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

std::span<const std::string_view> DetectableCpuFeatures() {
  static const std::vector<std::string_view>* const names = [] {
    auto* sorted = new std::vector<std::string_view>(FeatureNames());
    std::sort(sorted->begin(), sorted->end());
    return sorted;
  }();
  return *names;
}

}  // namespace xlsaot
