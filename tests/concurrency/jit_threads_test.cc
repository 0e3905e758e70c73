// The JIT from many threads: one compiled function called from 8 threads,
// each with its own runner, a million calls in all; several functions
// compiled at once from one shared package; and the runner-less
// JitFunction::Run shared by all threads. Every result is checked against
// the plain C++ model.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "jit/jit_function.h"
#include "tests/concurrency/mix_ir.h"
#include "tests/concurrency/mix_model.h"
#include "tests/concurrency/thread_harness.h"

namespace xlsaot {
namespace {

using test::LoadMixPackage;
using test::MixArgs;
using test::MixInput;
using test::MixInputFor;
using test::MixModel;
using test::MixValue;
using test::RunOnThreads;
using test::ThreadReport;

constexpr int kThreads = 8;

// Calls `runner` `calls` times on the inputs of `thread`, checking each
// result and that no event was recorded.
void CheckCalls(JitRunner& runner, uint32_t thread, uint32_t calls, ThreadReport& report) {
  for (uint32_t i = 0; i < calls; ++i) {
    const MixInput in = MixInputFor(thread, i);
    Result<EvalResult> r = runner.Run(MixArgs(in));
    ++report.calls;
    if (!r.ok()) {
      report.Fail("call " + std::to_string(i) + " failed: " + r.error());
    } else if (const Value want = MixValue(MixModel(in)); r->value != want) {
      report.Fail("call " + std::to_string(i) + " gave " + r->value.ToString() + ", want " + want.ToString());
    } else if (!r->events.log.empty() || !r->events.cover_hits.empty()) {
      report.Fail("call " + std::to_string(i) + " recorded events");
    }
  }
}

void ExpectAllGood(const std::vector<ThreadReport>& reports, int64_t calls_per_thread) {
  for (size_t t = 0; t < reports.size(); ++t) {
    EXPECT_EQ(reports[t].calls, calls_per_thread) << "thread " << t;
    EXPECT_EQ(reports[t].mismatches, 0) << "thread " << t << ": " << reports[t].first_failure;
  }
}

class JitThreadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Package>> package = LoadMixPackage();
    ASSERT_TRUE(package.ok()) << package.error();
    package_ = std::move(package).value();
    mix_ = package_->GetFunction("mix");
  }

  std::unique_ptr<Package> package_;
  const Function* mix_ = nullptr;
};

TEST_F(JitThreadsTest, EightRunnersShareOneCompiledFunction) {
  Result<std::unique_ptr<JitFunction>> jit = JitFunction::Create(*mix_);
  ASSERT_TRUE(jit.ok()) << jit.error();
  const JitFunction& function = **jit;
  constexpr uint32_t kCallsPerThread = 1'000'000 / kThreads;

  const std::vector<ThreadReport> reports = RunOnThreads(kThreads, [&](uint32_t thread, ThreadReport& report) {
    Result<std::unique_ptr<JitRunner>> runner = function.CreateRunner();
    if (!runner.ok()) {
      report.Fail("cannot create a runner: " + runner.error());
      return;
    }
    CheckCalls(**runner, thread, kCallsPerThread, report);
  });
  ExpectAllGood(reports, kCallsPerThread);
  int64_t total = 0;
  for (const ThreadReport& report : reports) total += report.calls;
  EXPECT_EQ(total, 1'000'000);
}

// Compilation reads the IR and shared caches (type layouts, LLVM's target
// registry) while other threads do the same.
TEST_F(JitThreadsTest, SeveralThreadsCompileTheSameFunctionAtOnce) {
  constexpr int kCompilers = 4;
  constexpr uint32_t kCalls = 5'000;
  const std::vector<ThreadReport> reports = RunOnThreads(kCompilers, [&](uint32_t thread, ThreadReport& report) {
    CodegenOptions options;
    options.opt_level = static_cast<int>(thread % 3);  // different pipelines at the same time
    Result<std::unique_ptr<JitFunction>> jit = JitFunction::Create(*mix_, options);
    if (!jit.ok()) {
      report.Fail("cannot compile: " + jit.error());
      return;
    }
    Result<std::unique_ptr<JitRunner>> runner = (*jit)->CreateRunner();
    if (!runner.ok()) {
      report.Fail("cannot create a runner: " + runner.error());
      return;
    }
    CheckCalls(**runner, thread, kCalls, report);
  });
  ExpectAllGood(reports, kCalls);
}

// JitFunction::Run makes a fresh runner per call and is documented as safe
// to call from several threads at once.
TEST_F(JitThreadsTest, SharedFunctionRunFromEveryThread) {
  Result<std::unique_ptr<JitFunction>> jit = JitFunction::Create(*mix_);
  ASSERT_TRUE(jit.ok()) << jit.error();
  const JitFunction& function = **jit;
  constexpr uint32_t kCalls = 10'000;
  const std::vector<ThreadReport> reports = RunOnThreads(kThreads, [&](uint32_t thread, ThreadReport& report) {
    for (uint32_t i = 0; i < kCalls; ++i) {
      const MixInput in = MixInputFor(thread + 1000, i);
      Result<EvalResult> r = function.Run(MixArgs(in));
      ++report.calls;
      if (!r.ok() || r->value != MixValue(MixModel(in))) {
        report.Fail("call " + std::to_string(i) + (r.ok() ? " gave " + r->value.ToString() : " failed: " + r.error()));
      }
    }
  });
  ExpectAllGood(reports, kCalls);
}

}  // namespace
}  // namespace xlsaot
