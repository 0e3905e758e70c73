// One ahead-of-time compiled artifact (mix.ir, built by xlsaot_add_library
// in tests/concurrency/CMakeLists.txt) called from 8 threads at once, each
// with its own runner: a million calls in all, every result checked against
// the plain C++ model.
#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "gtest/gtest.h"
#include "mix.h"
#include "tests/concurrency/mix_model.h"
#include "tests/concurrency/thread_harness.h"

namespace xlsaot {
namespace {

using test::MixInput;
using test::MixInputFor;
using test::MixModel;
using test::MixOutput;
using test::RunOnThreads;
using test::ThreadReport;

constexpr int kThreads = 8;
constexpr uint32_t kCallsPerThread = 1'000'000 / kThreads;

static_assert(std::is_same_v<mix::Runner::Output, std::tuple<uint32_t, uint64_t, std::array<uint32_t, 4>>>);

std::string Describe(const MixOutput& out) {
  std::string text = "(";
  text += std::to_string(out.rotated);
  text += ", ";
  text += std::to_string(out.product);
  text += ", [";
  for (size_t i = 0; i < out.updated.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(out.updated[i]);
  }
  return text + "])";
}

std::string Describe(const MixInput& in, const MixOutput& got, const MixOutput& want) {
  std::string args = std::to_string(in.x) + ", " + std::to_string(in.y) + ", [";
  for (size_t i = 0; i < in.table.size(); ++i) {
    if (i > 0) args += ", ";
    args += std::to_string(in.table[i]);
  }
  return "mix(" + args + "]) gave " + Describe(got) + ", want " + Describe(want);
}

TEST(AotThreadsTest, EightRunnersShareOneArtifact) {
  const std::vector<ThreadReport> reports = RunOnThreads(kThreads, [](uint32_t thread, ThreadReport& report) {
    Result<mix::Runner> runner = mix::Runner::Create();
    if (!runner.ok()) {
      report.Fail("cannot create a runner: " + runner.error());
      return;
    }
    for (uint32_t i = 0; i < kCallsPerThread; ++i) {
      const MixInput in = MixInputFor(thread, i);
      Result<mix::Runner::Output> r = runner->Run(in.x, in.y, in.table);
      ++report.calls;
      if (!r.ok()) {
        report.Fail("call " + std::to_string(i) + " failed: " + r.error());
        continue;
      }
      const MixOutput got{std::get<0>(*r), std::get<1>(*r), std::get<2>(*r)};
      const MixOutput want = MixModel(in);
      if (got != want) report.Fail(Describe(in, got, want));
    }
  });

  int64_t total = 0;
  for (size_t t = 0; t < reports.size(); ++t) {
    total += reports[t].calls;
    EXPECT_EQ(reports[t].mismatches, 0) << "thread " << t << ": " << reports[t].first_failure;
  }
  EXPECT_EQ(total, 1'000'000);
}

// Runners are movable: one created on the main thread and handed to a worker
// must work there exactly as one created by the worker.
TEST(AotThreadsTest, RunnersMovedToOtherThreads) {
  std::vector<mix::Runner> runners;
  for (int t = 0; t < kThreads; ++t) {
    Result<mix::Runner> runner = mix::Runner::Create();
    ASSERT_TRUE(runner.ok()) << runner.error();
    runners.push_back(std::move(runner).value());
  }
  const std::vector<ThreadReport> reports = RunOnThreads(kThreads, [&runners](uint32_t thread, ThreadReport& report) {
    mix::Runner runner = std::move(runners[thread]);
    for (uint32_t i = 0; i < 10'000; ++i) {
      const MixInput in = MixInputFor(thread + 100, i);
      Result<mix::Runner::Output> r = runner.Run(in.x, in.y, in.table);
      ++report.calls;
      if (!r.ok() || MixOutput{std::get<0>(*r), std::get<1>(*r), std::get<2>(*r)} != MixModel(in)) {
        report.Fail("call " + std::to_string(i) + " gave a wrong result");
      }
    }
  });
  for (size_t t = 0; t < reports.size(); ++t) {
    EXPECT_EQ(reports[t].calls, 10'000);
    EXPECT_EQ(reports[t].mismatches, 0) << "thread " << t << ": " << reports[t].first_failure;
  }
}

}  // namespace
}  // namespace xlsaot
