// Host CPU feature detection without any library: cpuid (plus xgetbv for
// the register state the operating system saves) on x86-64, the auxiliary
// vector's hwcaps on AArch64 Linux. No strings, no containers: this is what
// a deployed program's runner links (xlsaot/host_cpu.h has the HostCpu
// class for tools, built on it).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "xlsaot/host_cpu.h"

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

// Names are stored in place, not as pointers: the table then needs no
// relocations and lives in read-only data.
// The cpuid leaves the table uses, in one byte each.
enum Leaf : uint8_t { kLeaf1, kLeaf7, kLeafD, kLeaf80000001, kLeaf80000008 };

constexpr uint32_t LeafNumber(Leaf leaf) {
  constexpr uint32_t kNumbers[] = {1, 7, 0xd, 0x80000001, 0x80000008};
  return kNumbers[leaf];
}

struct X86Feature {
  char name[19];
  Leaf leaf;
  uint8_t subleaf;
  Reg reg;
  uint8_t bit;
  State state;
};

// Bits from the Intel SDM / AMD APM cpuid tables, named as LLVM names the
// target features.
constexpr X86Feature kX86Features[] = {
    {"x87", kLeaf1, 0, kEdx, 0, State::kNone},
    {"cx8", kLeaf1, 0, kEdx, 8, State::kNone},
    {"cmov", kLeaf1, 0, kEdx, 15, State::kNone},
    {"mmx", kLeaf1, 0, kEdx, 23, State::kNone},
    {"fxsr", kLeaf1, 0, kEdx, 24, State::kNone},
    {"sse", kLeaf1, 0, kEdx, 25, State::kNone},
    {"sse2", kLeaf1, 0, kEdx, 26, State::kNone},
    {"sse3", kLeaf1, 0, kEcx, 0, State::kNone},
    {"pclmul", kLeaf1, 0, kEcx, 1, State::kNone},
    {"ssse3", kLeaf1, 0, kEcx, 9, State::kNone},
    {"fma", kLeaf1, 0, kEcx, 12, State::kAvx},
    {"cx16", kLeaf1, 0, kEcx, 13, State::kNone},
    {"sse4.1", kLeaf1, 0, kEcx, 19, State::kNone},
    {"sse4.2", kLeaf1, 0, kEcx, 20, State::kNone},
    {"crc32", kLeaf1, 0, kEcx, 20, State::kNone},  // LLVM splits it out of sse4.2
    {"movbe", kLeaf1, 0, kEcx, 22, State::kNone},
    {"popcnt", kLeaf1, 0, kEcx, 23, State::kNone},
    {"aes", kLeaf1, 0, kEcx, 25, State::kNone},
    {"xsave", kLeaf1, 0, kEcx, 26, State::kNone},
    {"avx", kLeaf1, 0, kEcx, 28, State::kAvx},
    {"f16c", kLeaf1, 0, kEcx, 29, State::kAvx},
    {"rdrnd", kLeaf1, 0, kEcx, 30, State::kNone},
    {"fsgsbase", kLeaf7, 0, kEbx, 0, State::kNone},
    {"sgx", kLeaf7, 0, kEbx, 2, State::kNone},
    {"bmi", kLeaf7, 0, kEbx, 3, State::kNone},
    {"hle", kLeaf7, 0, kEbx, 4, State::kNone},
    {"avx2", kLeaf7, 0, kEbx, 5, State::kAvx},
    {"bmi2", kLeaf7, 0, kEbx, 8, State::kNone},
    {"invpcid", kLeaf7, 0, kEbx, 10, State::kNone},
    {"rtm", kLeaf7, 0, kEbx, 11, State::kNone},
    {"avx512f", kLeaf7, 0, kEbx, 16, State::kAvx512},
    {"evex512", kLeaf7, 0, kEbx, 16, State::kAvx512},  // 512-bit vectors: every AVX-512 CPU
    {"avx512dq", kLeaf7, 0, kEbx, 17, State::kAvx512},
    {"rdseed", kLeaf7, 0, kEbx, 18, State::kNone},
    {"adx", kLeaf7, 0, kEbx, 19, State::kNone},
    {"avx512ifma", kLeaf7, 0, kEbx, 21, State::kAvx512},
    {"clflushopt", kLeaf7, 0, kEbx, 23, State::kNone},
    {"clwb", kLeaf7, 0, kEbx, 24, State::kNone},
    {"avx512pf", kLeaf7, 0, kEbx, 26, State::kAvx512},
    {"avx512er", kLeaf7, 0, kEbx, 27, State::kAvx512},
    {"avx512cd", kLeaf7, 0, kEbx, 28, State::kAvx512},
    {"sha", kLeaf7, 0, kEbx, 29, State::kNone},
    {"avx512bw", kLeaf7, 0, kEbx, 30, State::kAvx512},
    {"avx512vl", kLeaf7, 0, kEbx, 31, State::kAvx512},
    {"prefetchwt1", kLeaf7, 0, kEcx, 0, State::kNone},
    {"avx512vbmi", kLeaf7, 0, kEcx, 1, State::kAvx512},
    {"pku", kLeaf7, 0, kEcx, 3, State::kNone},
    {"waitpkg", kLeaf7, 0, kEcx, 5, State::kNone},
    {"avx512vbmi2", kLeaf7, 0, kEcx, 6, State::kAvx512},
    {"shstk", kLeaf7, 0, kEcx, 7, State::kNone},
    {"gfni", kLeaf7, 0, kEcx, 8, State::kNone},
    {"vaes", kLeaf7, 0, kEcx, 9, State::kAvx},
    {"vpclmulqdq", kLeaf7, 0, kEcx, 10, State::kAvx},
    {"avx512vnni", kLeaf7, 0, kEcx, 11, State::kAvx512},
    {"avx512bitalg", kLeaf7, 0, kEcx, 12, State::kAvx512},
    {"avx512vpopcntdq", kLeaf7, 0, kEcx, 14, State::kAvx512},
    {"rdpid", kLeaf7, 0, kEcx, 22, State::kNone},
    {"kl", kLeaf7, 0, kEcx, 23, State::kNone},
    {"cldemote", kLeaf7, 0, kEcx, 25, State::kNone},
    {"movdiri", kLeaf7, 0, kEcx, 27, State::kNone},
    {"movdir64b", kLeaf7, 0, kEcx, 28, State::kNone},
    {"enqcmd", kLeaf7, 0, kEcx, 29, State::kNone},
    {"uintr", kLeaf7, 0, kEdx, 5, State::kNone},
    {"avx512vp2intersect", kLeaf7, 0, kEdx, 8, State::kAvx512},
    {"serialize", kLeaf7, 0, kEdx, 14, State::kNone},
    {"tsxldtrk", kLeaf7, 0, kEdx, 16, State::kNone},
    {"pconfig", kLeaf7, 0, kEdx, 18, State::kNone},
    {"amx-bf16", kLeaf7, 0, kEdx, 22, State::kAmx},
    {"avx512fp16", kLeaf7, 0, kEdx, 23, State::kAvx512},
    {"amx-tile", kLeaf7, 0, kEdx, 24, State::kAmx},
    {"amx-int8", kLeaf7, 0, kEdx, 25, State::kAmx},
    {"sha512", kLeaf7, 1, kEax, 0, State::kAvx},
    {"sm3", kLeaf7, 1, kEax, 1, State::kAvx},
    {"sm4", kLeaf7, 1, kEax, 2, State::kAvx},
    {"raoint", kLeaf7, 1, kEax, 3, State::kNone},
    {"avxvnni", kLeaf7, 1, kEax, 4, State::kAvx},
    {"avx512bf16", kLeaf7, 1, kEax, 5, State::kAvx512},
    {"cmpccxadd", kLeaf7, 1, kEax, 7, State::kNone},
    {"amx-fp16", kLeaf7, 1, kEax, 21, State::kAmx},
    {"hreset", kLeaf7, 1, kEax, 22, State::kNone},
    {"avxifma", kLeaf7, 1, kEax, 23, State::kAvx},
    {"avxvnniint8", kLeaf7, 1, kEdx, 4, State::kAvx},
    {"avxneconvert", kLeaf7, 1, kEdx, 5, State::kAvx},
    {"avxvnniint16", kLeaf7, 1, kEdx, 10, State::kAvx},
    {"prefetchi", kLeaf7, 1, kEdx, 14, State::kNone},
    {"xsaveopt", kLeafD, 1, kEax, 0, State::kNone},
    {"xsavec", kLeafD, 1, kEax, 1, State::kNone},
    {"xsaves", kLeafD, 1, kEax, 3, State::kNone},
    {"sahf", kLeaf80000001, 0, kEcx, 0, State::kNone},
    {"lzcnt", kLeaf80000001, 0, kEcx, 5, State::kNone},
    {"sse4a", kLeaf80000001, 0, kEcx, 6, State::kNone},
    {"prfchw", kLeaf80000001, 0, kEcx, 8, State::kNone},
    {"xop", kLeaf80000001, 0, kEcx, 11, State::kAvx},
    {"lwp", kLeaf80000001, 0, kEcx, 15, State::kNone},
    {"fma4", kLeaf80000001, 0, kEcx, 16, State::kAvx},
    {"tbm", kLeaf80000001, 0, kEcx, 21, State::kNone},
    {"mwaitx", kLeaf80000001, 0, kEcx, 29, State::kNone},
    {"64bit", kLeaf80000001, 0, kEdx, 29, State::kNone},
    {"clzero", kLeaf80000008, 0, kEbx, 0, State::kNone},
    {"rdpru", kLeaf80000008, 0, kEbx, 4, State::kNone},
    {"wbnoinvd", kLeaf80000008, 0, kEbx, 9, State::kNone},
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

constexpr std::span<const X86Feature> kFeatureTable(kX86Features);
constexpr const char* kArch = "x86_64";

bool Probe(const X86Feature& f, uint64_t xcr0) {
  const CpuidResult r = Cpuid(LeafNumber(f.leaf), f.subleaf);
  return r.valid && ((r.regs[f.reg] >> f.bit) & 1) != 0 && StateEnabled(f.state, xcr0);
}

#elif defined(XLSAOT_HOST_AARCH64_LINUX)

struct Arm64Feature {
  char name[12];
  int hwcap;  // 1: AT_HWCAP, 2: AT_HWCAP2
  unsigned bit;
};

// Linux's arch/arm64 hwcap bits, named as LLVM names the target features.
constexpr Arm64Feature kArm64Features[] = {
    {"fp-armv8", kLeaf1, 0}, {"neon", kLeaf1, 1},     {"aes", kLeaf1, 3},      {"sha2", kLeaf1, 6},
    {"crc", kLeaf1, 7},      {"lse", kLeaf1, 8},      {"fullfp16", kLeaf1, 9}, {"rdm", kLeaf1, 12},
    {"jsconv", kLeaf1, 13},  {"fcma", kLeaf1, 14},    {"rcpc", kLeaf1, 15},    {"sha3", kLeaf1, 17},
    {"sm4", kLeaf1, 19},     {"dotprod", kLeaf1, 20}, {"sve", kLeaf1, 22},     {"fp16fml", kLeaf1, 23},
    {"dit", kLeaf1, 24},     {"ssbs", kLeaf1, 28},    {"sb", kLeaf1, 29},      {"sve2", 2, 1},
    {"i8mm", 2, 13},    {"bf16", 2, 14},
};

constexpr std::span<const Arm64Feature> kFeatureTable(kArm64Features);
constexpr const char* kArch = "aarch64";

#else

// No detection: artifacts that require any CPU feature are refused.
struct NoFeature {
  char name[1];
};
constexpr NoFeature kNoFeatures[] = {{""}};
constexpr std::span<const NoFeature> kFeatureTable(kNoFeatures, 0);
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

// One bit per table entry: whether this machine has it (detected once).
struct SupportedSet {
  static constexpr size_t kWords = (kFeatureTable.size() + 63) / 64 + 1;
  uint64_t words[kWords] = {};
  bool has(size_t i) const { return ((words[i / 64] >> (i % 64)) & 1) != 0; }
};

SupportedSet DetectSupported() {
  SupportedSet set;
#if defined(XLSAOT_HOST_X86_64)
  const uint64_t xcr0 = EnabledXState();
  for (size_t i = 0; i < kFeatureTable.size(); ++i)
    if (Probe(kFeatureTable[i], xcr0)) set.words[i / 64] |= uint64_t{1} << (i % 64);
#elif defined(XLSAOT_HOST_AARCH64_LINUX)
  const unsigned long hwcap = getauxval(AT_HWCAP);
  const unsigned long hwcap2 = getauxval(AT_HWCAP2);
  for (size_t i = 0; i < kFeatureTable.size(); ++i) {
    const unsigned long word = kFeatureTable[i].hwcap == 1 ? hwcap : hwcap2;
    if ((word >> kFeatureTable[i].bit) & 1) set.words[i / 64] |= uint64_t{1} << (i % 64);
  }
#endif
  return set;
}

}  // namespace

std::string_view HostArch() { return kArch; }
std::string_view HostOs() { return kOs; }

std::string_view DetectableCpuFeature(size_t i) {
  return i < kFeatureTable.size() ? std::string_view(kFeatureTable[i].name) : std::string_view();
}

std::optional<bool> HostSupportsCpuFeature(std::string_view feature) {
  static const SupportedSet supported = DetectSupported();
  for (size_t i = 0; i < kFeatureTable.size(); ++i)
    if (std::string_view(kFeatureTable[i].name) == feature) return supported.has(i);
  return std::nullopt;
}

}  // namespace xlsaot
