// What a call through the generated API costs on top of the computation
// (docs/performance.md, "Call overhead"): a one-node add on bits[32] through
// the in-place Run(a, b, out), the convenience Run(a, b) returning a Result,
// RunBatch per element, the metadata-driven ArtifactRunner path the
// generated Run took before, and a non-inlined C++ function computing the
// same, side by side in one process.
#include <cstdint>
#include <vector>

#include "add32.h"
#include "benchmark/benchmark.h"
#include "xlsaot/marshal.h"
#include "xlsaot/runner.h"

namespace {

// The hand-written reference: a real call (never inlined), as the compiled
// function is.
[[gnu::noinline]] uint32_t AddCpp(uint32_t a, uint32_t b) { return a + b; }

void BM_CallOverhead_Cpp(benchmark::State& state) {
  uint32_t a = 1, b = 2, sum = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    sum = AddCpp(a, b);
    benchmark::DoNotOptimize(sum);
    a += sum;
  }
}
BENCHMARK(BM_CallOverhead_Cpp);

void BM_CallOverhead_RunInPlace(benchmark::State& state) {
  auto runner = add32::Runner::Create();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  uint32_t a = 1, b = 2, sum = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    if (!runner->Run(a, b, sum).ok()) return state.SkipWithError("Run failed");
    benchmark::DoNotOptimize(sum);
    a += sum;
  }
}
BENCHMARK(BM_CallOverhead_RunInPlace);

void BM_CallOverhead_RunResult(benchmark::State& state) {
  auto runner = add32::Runner::Create();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  uint32_t a = 1, b = 2, sum = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    xlsaot::Result<uint32_t> r = runner->Run(a, b);
    if (!r.ok()) return state.SkipWithError(r.error().c_str());
    sum = *r;
    benchmark::DoNotOptimize(sum);
    a += sum;
  }
}
BENCHMARK(BM_CallOverhead_RunResult);

// The metadata-driven path every generated Run(args...) took before the
// in-place API: staging buffers found through the runner, an assertion log
// and its context set up per call, a Status per step and a Result built.
[[gnu::noinline]] xlsaot::Result<uint32_t> RunThroughArtifactRunner(xlsaot::ArtifactRunner& runner, uint32_t a,
                                                                    uint32_t b) {
  xlsaot::StoreBits<32>(a, runner.input(0));
  xlsaot::StoreBits<32>(b, runner.input(1));
  xlsaot::AssertionLog log;
  if (xlsaot::Status status = runner.Call(log); !status.ok()) return status.error_value();
  if (xlsaot::Status status = log.ToStatus(); !status.ok()) return status.error_value();
  return xlsaot::LoadBits<32>(runner.output());
}

void BM_CallOverhead_ArtifactRunner(benchmark::State& state) {
  auto runner = add32::Runner::Create();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  uint32_t a = 1, b = 2, sum = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(a);
    xlsaot::Result<uint32_t> r = RunThroughArtifactRunner(runner->artifact_runner(), a, b);
    if (!r.ok()) return state.SkipWithError(r.error().c_str());
    sum = *r;
    benchmark::DoNotOptimize(sum);
    a += sum;
  }
}
BENCHMARK(BM_CallOverhead_ArtifactRunner);

// RunBatch over 1024 vectors; items/s is calls per second.
void BM_CallOverhead_RunBatch(benchmark::State& state) {
  auto runner = add32::Runner::Create();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  std::vector<add32::Inputs> inputs(1024);
  for (uint32_t i = 0; i < inputs.size(); ++i) inputs[i] = {.a = i * 7u, .b = i};
  std::vector<uint32_t> outputs(inputs.size());
  for (auto _ : state) {
    if (!runner->RunBatch(inputs, outputs).ok()) return state.SkipWithError("RunBatch failed");
    benchmark::DoNotOptimize(outputs.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(inputs.size()));
}
BENCHMARK(BM_CallOverhead_RunBatch);

}  // namespace
