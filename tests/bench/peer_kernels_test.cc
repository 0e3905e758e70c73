// The other columns of the kernel benchmarks compute what the hand-written
// C++ computes: every kernel's ahead-of-time artifact through its generated
// API, and every kernel's Verilator model (when Verilator was found at
// configure time; otherwise that test is skipped, saying so).
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "bench/aot_kernels.h"
#include "bench/kernel_suite.h"
#include "codegen/type_layout.h"
#include "gtest/gtest.h"
#if XLSAOT_BENCH_VERILATOR
#include "bench/verilated_kernels.h"
#endif

namespace xlsaot::bench {
namespace {

// The benchmark's inputs (the first 64) and many more; fp32_add, cheap and
// full of special cases, gets raw random encodings on top.
std::vector<std::vector<Value>> InputsOf(const KernelSpec& spec, const Function& top) {
  const uint64_t count = spec.name.starts_with("sha256") ? 100 : 1000;
  std::vector<std::vector<Value>> inputs;
  for (uint64_t i = 0; i < count; ++i) inputs.push_back(spec.make_args(top, i));
  if (spec.name == "fp32_add") {
    std::mt19937_64 rng(2024);
    for (int i = 0; i < 20000; ++i)
      inputs.push_back({Value::UBits(static_cast<uint32_t>(rng()), 32), Value::UBits(static_cast<uint32_t>(rng()), 32)});
  }
  return inputs;
}

std::string Shown(std::span<const Value> args) {
  std::string shown;
  for (const Value& a : args) shown += a.ToString(FormatPreference::kHex) + "; ";
  return shown;
}

// Runs `evaluate(call)` (which leaves its result in call's output buffer)
// and the C++ version on every input of `spec` and expects equal results.
template <typename Evaluate>
void ExpectMatchesCpp(const KernelSpec& spec, const Function& top, Evaluate&& evaluate) {
  for (const std::vector<Value>& args : InputsOf(spec, top)) {
    AbiCall call = AbiCall::Make(top, args);
    spec.native(call.inputs(), call.output());
    const Value expected = call.ReadResult();
    std::memset(call.output(), 0xa5, static_cast<size_t>(CachedLayout(top.return_node()->type()).size));
    evaluate(call);
    const Value actual = call.ReadResult();
    ASSERT_EQ(actual, expected) << spec.name << "(" << Shown(args) << "): " << actual.ToString(FormatPreference::kHex)
                                << " instead of the C++ " << expected.ToString(FormatPreference::kHex);
  }
}

// The typed API's argument and result types must be stored exactly as the
// ABI lays out the IR types, or copying between them and the benchmark's
// buffers would be wrong.
template <typename Kernel>
void ExpectTypedSizesMatchAbi(const Function& top) {
  const std::vector<size_t> sizes = []<size_t... i>(std::index_sequence<i...>) {
    return std::vector<size_t>{sizeof(std::tuple_element_t<i, typename Kernel::Args>)...};
  }(std::make_index_sequence<std::tuple_size_v<typename Kernel::Args>>());
  ASSERT_EQ(sizes.size(), top.params().size());
  for (size_t i = 0; i < sizes.size(); ++i)
    EXPECT_EQ(static_cast<int64_t>(sizes[i]), CachedLayout(top.param(i)->type()).size) << "parameter " << i;
  EXPECT_EQ(static_cast<int64_t>(sizeof(typename Kernel::Output)), CachedLayout(top.return_node()->type()).size) << "result";
}

TEST(AotKernelTest, EveryKernelHasAnArtifact) {
  std::set<std::string> expected, built;
  for (const KernelSpec& spec : Kernels()) expected.insert(spec.name);
  ForEachAotKernel([&]<typename Kernel>(std::string_view name) { built.emplace(name); });
  EXPECT_EQ(built, expected);
}

TEST(AotKernelTest, ArtifactsMatchCpp) {
  ForEachAotKernel([&]<typename Kernel>(std::string_view name) {
    SCOPED_TRACE(std::string(name));
    const KernelSpec* spec = FindKernel(name);
    ASSERT_NE(spec, nullptr);
    auto kernel = LoadKernel(*spec);
    ASSERT_TRUE(kernel.ok()) << kernel.error();
    ExpectTypedSizesMatchAbi<Kernel>(*kernel->top);
    auto runner = Kernel::Runner::Create();
    ASSERT_TRUE(runner.ok()) << runner.error();
    // In place, as the benchmark calls it, and through the convenience Run
    // that returns the result.
    ExpectMatchesCpp(*spec, *kernel->top, [&](AbiCall& call) {
      typename Kernel::OutputBuffer out;
      const xlsaot::Status status = Kernel::Run(*runner, Kernel::ArgsFrom(call.inputs()), out);
      ASSERT_TRUE(status.ok()) << status.error();
      Kernel::WriteOutput(out, call.output());
    });
    ExpectMatchesCpp(*spec, *kernel->top, [&](AbiCall& call) {
      auto output = Kernel::Run(*runner, Kernel::ArgsFrom(call.inputs()));
      ASSERT_TRUE(output.ok()) << output.error();
      Kernel::WriteOutput(*output, call.output());
    });
  });
}

class VerilatedKernelTest : public testing::TestWithParam<std::string> {};

TEST_P(VerilatedKernelTest, MatchesCpp) {
#if XLSAOT_BENCH_VERILATOR
  const KernelSpec* spec = FindKernel(GetParam());
  ASSERT_NE(spec, nullptr);
  auto kernel = LoadKernel(*spec);
  ASSERT_TRUE(kernel.ok()) << kernel.error();
  std::unique_ptr<VerilatedKernel> model = MakeVerilatedKernel(spec->name);
  ASSERT_NE(model, nullptr) << "no Verilator model of " << spec->name;
  ExpectMatchesCpp(*spec, *kernel->top, [&](AbiCall& call) { model->Evaluate(call.inputs(), call.output()); });
#else
  GTEST_SKIP() << "verilator was not found when configuring: the Verilator models are not built";
#endif
}

std::vector<std::string> KernelNames() {
  std::vector<std::string> names;
  for (const KernelSpec& spec : Kernels()) names.push_back(spec.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Kernels, VerilatedKernelTest, testing::ValuesIn(KernelNames()),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace xlsaot::bench
