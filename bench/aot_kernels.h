// The benchmark kernels compiled ahead of time exactly as users get them:
// xlsaot_add_library at the default CPU baseline (bench/CMakeLists.txt), one
// artifact per kernel, called through its generated typed API. Shared by
// the benchmarks and by the test that checks the artifacts against the C++.
#ifndef XLSAOT_BENCH_AOT_KERNELS_H_
#define XLSAOT_BENCH_AOT_KERNELS_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "aot_add8.h"
#include "aot_crc32.h"
#include "aot_fp32_add.h"
#include "aot_fp32_add_all_paths.h"
#include "aot_matmul4.h"
#include "aot_sha256_compress.h"
#include "aot_sha256_compress_unrolled.h"

namespace xlsaot::bench {

// One artifact: its generated Runner and the C++ types of its parameters
// (docs/generated-api.md). For these kernels the C++ types (uintN_t
// scalars, std::array of them) are also the ABI layout types, so the same
// arguments serve both calls of the generated API, and arguments and
// results convert to and from the benchmarks' ABI buffers by copying.
template <typename RunnerT, typename... Params>
struct AotKernel {
  using Runner = RunnerT;
  using Args = std::tuple<Params...>;
  using Output = typename Runner::Output;
  using OutputBuffer = typename Runner::OutputBuffer;
  static_assert(std::is_same_v<Output, OutputBuffer>);
  static_assert((std::is_trivially_copyable_v<Params> && ...) && std::is_trivially_copyable_v<Output>);

  // The typed arguments held in the ABI buffers `inputs` (one per parameter).
  static Args ArgsFrom(const uint8_t* const* inputs) {
    Args args;
    size_t i = 0;
    std::apply([&](auto&... arg) { (std::memcpy(&arg, inputs[i++], sizeof(arg)), ...); }, args);
    return args;
  }

  // The in-place Runner::Run(args..., out): the compiled code reads the
  // arguments where they are and writes the result into `out`.
  static xlsaot::Status Run(Runner& runner, const Args& args, OutputBuffer& out) {
    return std::apply([&](const auto&... arg) { return runner.Run(arg..., out); }, args);
  }

  // The convenience Runner::Run(args...), which returns the result.
  static xlsaot::Result<Output> Run(Runner& runner, const Args& args) {
    return std::apply([&](const auto&... arg) { return runner.Run(arg...); }, args);
  }

  static void WriteOutput(const Output& output, uint8_t* buffer) { std::memcpy(buffer, &output, sizeof(output)); }
};

// Calls `visit.template operator()<AotKernel<...>>(name)` for every kernel of
// Kernels() (kernel_suite.h), with the kernel's name.
template <typename Visitor>
void ForEachAotKernel(Visitor&& visit) {
  using Words8 = std::array<uint32_t, 8>;
  using Words16 = std::array<uint32_t, 16>;
  using Matrix = std::array<std::array<uint32_t, 4>, 4>;
  visit.template operator()<AotKernel<aot_crc32::Runner, std::array<uint8_t, 16>>>(std::string_view("crc32"));
  visit.template operator()<AotKernel<aot_sha256_compress::Runner, Words8, Words16>>(
      std::string_view("sha256_compress"));
  visit.template operator()<AotKernel<aot_sha256_compress_unrolled::Runner, Words8, Words16>>(
      std::string_view("sha256_compress_unrolled"));
  visit.template operator()<AotKernel<aot_matmul4::Runner, Matrix, Matrix>>(std::string_view("matmul4"));
  visit.template operator()<AotKernel<aot_fp32_add::Runner, uint32_t, uint32_t>>(std::string_view("fp32_add"));
  visit.template operator()<AotKernel<aot_add8::Runner, uint8_t, uint8_t>>(std::string_view("add8"));
}

// fp32_add compiled without rare-path branches (bench/CMakeLists.txt).
using AotFp32AddAllPaths = AotKernel<aot_fp32_add_all_paths::Runner, uint32_t, uint32_t>;

}  // namespace xlsaot::bench

#endif  // XLSAOT_BENCH_AOT_KERNELS_H_
