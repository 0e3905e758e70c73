// The generated DPI-C glue called from C++ exactly as a simulator calls it
// (svdpi.h types, the C symbols of dpi_mix_pkg.sv's imports): one runner
// per thread, the last error per thread, and STATUS_ERROR when the compiled
// code cannot run on this machine. dpi_tb.sv checks the values.
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "svdpi.h"

extern "C" {
// mix.ir as dpi_mix (this machine's baseline) and as dpi_foreign (compiled
// for an AMD Zen 3, whose SSE4a no Intel CPU has).
int dpi_mix_dpi_mix(const svBitVecVal* flag, const svBitVecVal* n, const svBitVecVal* w, const svBitVecVal* pair,
                    const svBitVecVal* arr, const svBitVecVal* pts, svBitVecVal* result);
const char* dpi_mix_dpi_last_error();
int dpi_foreign_dpi_mix(const svBitVecVal* flag, const svBitVecVal* n, const svBitVecVal* w,
                        const svBitVecVal* pair, const svBitVecVal* arr, const svBitVecVal* pts,
                        svBitVecVal* result);
const char* dpi_foreign_dpi_last_error();
}

namespace {

// The packed arguments of mix, in 32-bit words as DPI-C passes them.
struct MixArguments {
  svBitVecVal flag[1] = {};
  svBitVecVal n[1] = {};
  svBitVecVal w[4] = {};     // bits[100]
  svBitVecVal pair[2] = {};  // 49 bits
  svBitVecVal arr[1] = {};   // 20 bits
  svBitVecVal pts[1] = {};   // 32 bits
};
using MixResult = std::vector<svBitVecVal>;  // 251 bits: 8 words

MixArguments Arguments(uint32_t seed, uint32_t n) {
  MixArguments a;
  uint32_t x = seed * 2654435761u + 1;
  auto next = [&x] { return x = x * 1664525u + 1013904223u; };
  a.flag[0] = next() & 1;
  a.n[0] = n;
  for (svBitVecVal& word : a.w) word = next();
  a.w[3] &= 0xf;
  a.pair[0] = next();
  a.pair[1] = next() & 0x1ffff;
  a.arr[0] = next() & 0xfffff;
  a.pts[0] = next();
  return a;
}

int CallMix(const MixArguments& a, MixResult& result) {
  result.assign(8, 0xffffffffu);
  return dpi_mix_dpi_mix(a.flag, a.n, a.w, a.pair, a.arr, a.pts, result.data());
}

TEST(DpiGlueTest, ZeroInputsGiveTheIrsValue) {
  MixResult result;
  ASSERT_EQ(CallMix(MixArguments{}, result), 0) << dpi_mix_dpi_last_error();
  // Only not(flag) is 1: element 0 of the result's third element, bit 129.
  EXPECT_EQ(result, (MixResult{0, 0, 0, 0, 2, 0, 0, 0}));
  EXPECT_EQ(std::string(dpi_mix_dpi_last_error()), "");
}

TEST(DpiGlueTest, EachThreadHasItsRunnerAndItsLastError) {
  constexpr int kThreads = 4;
  constexpr uint32_t kCalls = 300;
  // The expected results, computed on this thread first.
  std::vector<std::vector<MixResult>> expected(kThreads, std::vector<MixResult>(kCalls));
  for (int t = 0; t < kThreads; ++t) {
    for (uint32_t i = 0; i < kCalls; ++i) CallMix(Arguments(t * kCalls + i, t == 0 ? 127 : i % 127), expected[t][i]);
  }
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &expected, &failures] {
      // Thread 0's assertion fails on every call, the others' never.
      const int want_status = t == 0 ? 1 : 0;
      const std::string want_error = t == 0 ? "assertion failed: n must not be 127" : "";
      MixResult result;
      for (uint32_t i = 0; i < kCalls && failures[t].empty(); ++i) {
        const int status = CallMix(Arguments(t * kCalls + i, t == 0 ? 127 : i % 127), result);
        if (status != want_status || result != expected[t][i] || dpi_mix_dpi_last_error() != want_error) {
          failures[t] = "thread " + std::to_string(t) + ", call " + std::to_string(i) + ": status " +
                        std::to_string(status) + ", last error '" + dpi_mix_dpi_last_error() + "'";
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
}

TEST(DpiGlueTest, CodeThisMachineCannotRunIsAnErrorWithAZeroResult) {
  const MixArguments a = Arguments(1, 3);
  MixResult result(8, 0xffffffffu);
  const int status = dpi_foreign_dpi_mix(a.flag, a.n, a.w, a.pair, a.arr, a.pts, result.data());
  if (status == 0) GTEST_SKIP() << "this machine runs code compiled for znver3";
  EXPECT_EQ(status, 2);
  EXPECT_EQ(result, MixResult(8, 0));
  const std::string error = dpi_foreign_dpi_last_error();
  EXPECT_EQ(error.rfind("cannot create the runner of 'mix': ", 0), 0u) << error;
  // The next call tries again, and fails alike.
  EXPECT_EQ(dpi_foreign_dpi_mix(a.flag, a.n, a.w, a.pair, a.arr, a.pts, result.data()), 2);
  EXPECT_EQ(std::string(dpi_foreign_dpi_last_error()), error);
}

}  // namespace
