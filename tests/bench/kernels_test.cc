// The benchmark kernels compute what their hand-written C++ versions
// compute, through the interpreter and the JIT; and the C++ versions are
// right by published test vectors and by the host's own float addition.
#include <algorithm>
#include <bit>
#include <cstring>
#include <random>
#include <string>

#include "bench/kernel_suite.h"
#include "bench/native_kernels.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "jit/jit_function.h"

namespace xlsaot::bench {
namespace {

Value Words(std::initializer_list<uint32_t> words) {
  std::vector<Value> elements;
  for (uint32_t w : words) elements.push_back(Value::UBits(w, 32));
  return Value::Array(std::move(elements));
}

// The C++ version of `spec` on `args`, as a Value.
Value RunNative(const KernelSpec& spec, const Function& top, std::span<const Value> args) {
  AbiCall call = AbiCall::Make(top, args);
  spec.native(call.inputs(), call.output());
  return call.ReadResult();
}

}  // namespace

// Names the kernel in test output instead of dumping the struct's bytes.
void PrintTo(const KernelSpec& spec, std::ostream* os) { *os << spec.name; }

namespace {

class KernelTest : public testing::TestWithParam<KernelSpec> {};

TEST_P(KernelTest, InterpreterAndJitMatchCpp) {
  const KernelSpec& spec = GetParam();
  auto kernel = LoadKernel(spec);
  ASSERT_TRUE(kernel.ok()) << kernel.error();
  const Function& top = *kernel->top;
  auto jit = JitFunction::Create(top, AtOptLevel(2));
  ASSERT_TRUE(jit.ok()) << jit.error();
  auto runner = (*jit)->CreateRunner();
  ASSERT_TRUE(runner.ok()) << runner.error();

  const uint64_t count = spec.name == "sha256_compress" ? 40 : 300;
  for (uint64_t i = 0; i < count; ++i) {
    const std::vector<Value> args = spec.make_args(top, i);
    const Value expected = RunNative(spec, top, args);
    std::string shown;
    for (const Value& a : args) shown += a.ToString(FormatPreference::kHex) + "; ";
    SCOPED_TRACE("args: " + shown);

    auto interpreted = Interpret(top, args);
    ASSERT_TRUE(interpreted.ok()) << interpreted.error();
    EXPECT_EQ(interpreted->value, expected) << "interpreter " << interpreted->value.ToString(FormatPreference::kHex)
                                            << " vs C++ " << expected.ToString(FormatPreference::kHex);
    EXPECT_TRUE(interpreted->events.log.empty());

    auto compiled = (*runner)->Run(args);
    ASSERT_TRUE(compiled.ok()) << compiled.error();
    EXPECT_EQ(compiled->value, expected) << "JIT " << compiled->value.ToString(FormatPreference::kHex) << " vs C++ "
                                         << expected.ToString(FormatPreference::kHex);

    // The raw call the benchmark times, on the benchmark's own buffers.
    AbiCall call = AbiCall::Make(top, args);
    Events events;
    ASSERT_EQ((*runner)->RunRaw(call.inputs(), call.outputs(), events), XLSAOT_STATUS_OK);
    EXPECT_EQ(call.ReadResult(), expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, KernelTest, testing::ValuesIn(Kernels().begin(), Kernels().end()),
                         [](const testing::TestParamInfo<KernelSpec>& info) { return info.param.name; });

TEST(NativeKernelTest, Crc32CheckValue) {
  // The CRC-32 check value of the catalogue of parametrised CRCs.
  const char* text = "123456789";
  EXPECT_EQ(NativeCrc32(reinterpret_cast<const uint8_t*>(text), 9), 0xcbf43926u);
}

// FIPS 180-2, appendix B.1: SHA-256("abc") is one block.
constexpr uint32_t kSha256Iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
constexpr uint32_t kAbcBlock[16] = {0x61626380, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x18};
constexpr uint32_t kAbcDigest[8] = {0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
                                    0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad};

TEST(NativeKernelTest, Sha256OfAbc) {
  uint32_t out[8];
  NativeSha256Compress(kSha256Iv, kAbcBlock, out);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[i], kAbcDigest[i]) << "word " << i;
}

class Sha256IrTest : public testing::TestWithParam<std::string> {};

TEST_P(Sha256IrTest, DigestOfAbc) {
  const KernelSpec* spec = FindKernel(GetParam());
  ASSERT_NE(spec, nullptr);
  auto kernel = LoadKernel(*spec);
  ASSERT_TRUE(kernel.ok()) << kernel.error();
  const Value iv = Words({0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
                          0x5be0cd19});
  const Value block = Words({0x61626380, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x18});
  const Value digest = Words({0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223, 0xb00361a3, 0x96177a9c, 0xb410ff61,
                              0xf20015ad});
  const std::vector<Value> args = {iv, block};
  auto interpreted = Interpret(*kernel->top, args);
  ASSERT_TRUE(interpreted.ok()) << interpreted.error();
  EXPECT_EQ(interpreted->value, digest);
  auto jit = JitFunction::Create(*kernel->top);
  ASSERT_TRUE(jit.ok()) << jit.error();
  auto compiled = (*jit)->Run(args);
  ASSERT_TRUE(compiled.ok()) << compiled.error();
  EXPECT_EQ(compiled->value, digest);
}

INSTANTIATE_TEST_SUITE_P(Formulations, Sha256IrTest,
                         testing::Values("sha256_compress", "sha256_compress_unrolled"));

TEST(IrKernelTest, Matmul4ByIdentityIsUnchanged) {
  const KernelSpec* spec = FindKernel("matmul4");
  ASSERT_NE(spec, nullptr);
  auto kernel = LoadKernel(*spec);
  ASSERT_TRUE(kernel.ok()) << kernel.error();
  const Type* matrix = kernel->top->param(0)->type();
  std::vector<Value> rows;
  for (int i = 0; i < 4; ++i) {
    std::vector<Value> row;
    row.reserve(4);
    for (int j = 0; j < 4; ++j) row.push_back(Value::UBits(i == j ? 1 : 0, 32));
    rows.push_back(Value::Array(std::move(row)));
  }
  const Value identity = Value::Array(std::move(rows));
  for (uint64_t seed = 0; seed < 4; ++seed) {
    const Value a = RandomValue(matrix, seed);
    auto left = Interpret(*kernel->top, std::vector<Value>{a, identity});
    auto right = Interpret(*kernel->top, std::vector<Value>{identity, a});
    ASSERT_TRUE(left.ok() && right.ok());
    EXPECT_EQ(left->value, a);
    EXPECT_EQ(right->value, a);
  }
}

// Where IEEE-754 and XLS's flush-to-zero adder agree — normal operands whose
// exact sum is not subnormal, and no NaN — the C++ adder must give exactly
// the host's float addition (round to nearest even).
TEST(NativeKernelTest, Fp32AddMatchesHostOnNormalOperands) {
  std::mt19937_64 rng(42);
  // A normal float with a random exponent, or one within `spread` of `exp`.
  auto normal = [&](int64_t exp, int64_t spread) {
    exp = spread == 0 ? 1 + static_cast<int64_t>(rng() % 254)
                      : std::clamp<int64_t>(exp + static_cast<int64_t>(rng() % (2 * spread + 1)) - spread, 1, 254);
    return (static_cast<uint32_t>(rng()) & 0x807fffffu) | (static_cast<uint32_t>(exp) << 23);
  };
  int compared = 0, cancelled = 0;
  for (int i = 0; i < 200000; ++i) {
    const uint32_t a = normal(0, 0);
    const int64_t a_exp = (a >> 23) & 0xff;
    uint32_t b;
    switch (i % 4) {
      case 0: b = normal(0, 0); break;
      case 1: b = normal(a_exp, 2); break;
      case 2: b = (a ^ 0x80000000u) ^ static_cast<uint32_t>(rng() % 64); break;
      default: b = normal(a_exp, 30);
    }
    const float host = std::bit_cast<float>(a) + std::bit_cast<float>(b);
    const uint32_t host_bits = std::bit_cast<uint32_t>(host);
    const bool subnormal = (host_bits & 0x7f800000u) == 0 && (host_bits & 0x007fffffu) != 0;
    if (subnormal) continue;
    ++compared;
    cancelled += (host_bits & 0x7fffffffu) == 0;
    ASSERT_EQ(NativeFp32Add(a, b), host_bits) << std::hex << a << " + " << b;
  }
  EXPECT_GT(compared, 190000);
  EXPECT_GT(cancelled, 100);  // exact cancellation was exercised
}

TEST(NativeKernelTest, Fp32AddSpecialCases) {
  // Subnormal operands count as zero; a subnormal result flushes to zero.
  EXPECT_EQ(NativeFp32Add(0x00000001, 0x3f800000), 0x3f800000u);
  EXPECT_EQ(NativeFp32Add(0x00800001, 0x80800000), 0x00000000u);
  // -0 + -0 = -0, +0 + -0 = +0.
  EXPECT_EQ(NativeFp32Add(0x80000000, 0x80000000), 0x80000000u);
  EXPECT_EQ(NativeFp32Add(0x00000000, 0x80000000), 0x00000000u);
  // Infinities and the canonical NaN.
  EXPECT_EQ(NativeFp32Add(0x7f800000, 0x3f800000), 0x7f800000u);
  EXPECT_EQ(NativeFp32Add(0xff800000, 0xff800000), 0xff800000u);
  EXPECT_EQ(NativeFp32Add(0x7f800000, 0xff800000), 0x7fc00000u);
  EXPECT_EQ(NativeFp32Add(0xffc12345, 0x3f800000), 0x7fc00000u);
  // Overflow to infinity.
  EXPECT_EQ(NativeFp32Add(0x7f7fffff, 0x7f7fffff), 0x7f800000u);
}

}  // namespace
}  // namespace xlsaot::bench
