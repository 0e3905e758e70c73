// Proc networks (docs/performance.md, "Proc networks"): the cost of a tick
// and of a value through a network compiled ahead of time and run by the
// runtime's NetworkRunner, against a hand-written C++ state machine with
// std::deque queues and against the interpreter, side by side in one
// process. Every column is checked against the hand-written one before it
// is timed.
#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "benchmark/benchmark.h"
#include "bench_counter.h"
#include "bench_pipeline.h"
#include "interp/proc_network.h"
#include "ir/parser.h"
#include "ir/verifier.h"

namespace xlsaot {
namespace {

// --- The counter: state + one send per tick. ---

struct CounterCpp {
  uint32_t count = 0;
  std::deque<uint32_t> out;
  void Tick() { out.push_back(count++); }
};

void BM_ProcCounter_Cpp(benchmark::State& state) {
  CounterCpp counter;
  uint32_t sum = 0;
  for (auto _ : state) {
    counter.Tick();
    sum += counter.out.front();
    counter.out.pop_front();
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProcCounter_Cpp);

void BM_ProcCounter_Aot(benchmark::State& state) {
  auto network = bench_counter::Network::Create();
  if (!network.ok()) return state.SkipWithError(network.error().c_str());
  CounterCpp reference;
  uint32_t sum = 0;
  for (int i = 0; i < 100; ++i) {
    reference.Tick();
    if (!network->Tick().ok() || network->Receive_out() != reference.out.front())
      return state.SkipWithError("the compiled counter disagrees with the C++ one");
    reference.out.pop_front();
  }
  for (auto _ : state) {
    if (!network->Tick().ok()) return state.SkipWithError("tick failed");
    sum += *network->Receive_out();
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProcCounter_Aot);

// --- The pipeline of examples/pipeline.ir: a counting forwarder and four
// stages, each sending 3 * x + acc and adding x to its accumulator. ---

struct PipelineCpp {
  uint32_t count = 0;
  uint32_t acc[4] = {0, 0, 0, 0};
  // in, c0..c3, out, as the network's channels.
  std::deque<uint32_t> queue[6];
  void Tick() {
    if (!queue[0].empty()) {
      queue[1].push_back(queue[0].front());
      queue[0].pop_front();
      ++count;
    }
    for (int s = 0; s < 4; ++s) {
      if (queue[s + 1].empty()) continue;
      const uint32_t x = queue[s + 1].front();
      queue[s + 1].pop_front();
      queue[s + 2].push_back(x * 3 + acc[s]);
      acc[s] += x;
    }
  }
};

void BM_ProcPipeline_Cpp(benchmark::State& state) {
  PipelineCpp pipeline;
  uint32_t x = 1, sum = 0;
  for (auto _ : state) {
    pipeline.queue[0].push_back(x++);
    pipeline.Tick();
    sum += pipeline.queue[5].front();
    pipeline.queue[5].pop_front();
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProcPipeline_Cpp);

void BM_ProcPipeline_Aot(benchmark::State& state) {
  auto network = bench_pipeline::Network::Create();
  if (!network.ok()) return state.SkipWithError(network.error().c_str());
  PipelineCpp reference;
  uint32_t x = 1, sum = 0;
  for (int i = 0; i < 100; ++i, ++x) {
    reference.queue[0].push_back(x);
    reference.Tick();
    if (!network->Send_in(x).ok() || !network->Tick().ok() || network->Receive_out() != reference.queue[5].front())
      return state.SkipWithError("the compiled pipeline disagrees with the C++ one");
    reference.queue[5].pop_front();
  }
  for (auto _ : state) {
    if (!network->Send_in(x++).ok() || !network->Tick().ok()) return state.SkipWithError("tick failed");
    sum += *network->Receive_out();
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProcPipeline_Aot);

void BM_ProcPipeline_Interpreter(benchmark::State& state) {
  std::ifstream file(XLSAOT_BENCH_PIPELINE_IR);
  std::stringstream text;
  text << file.rdbuf();
  Result<std::unique_ptr<Package>> package = ParsePackage(text.str(), XLSAOT_BENCH_PIPELINE_IR);
  if (!package.ok()) return state.SkipWithError(package.error().c_str());
  if (Status s = VerifyPackage(**package); !s.ok()) return state.SkipWithError(s.error().c_str());
  Result<std::unique_ptr<ProcNetwork>> network = ProcNetwork::Create(**package, *(*package)->GetProc("pipeline"));
  if (!network.ok()) return state.SkipWithError(network.error().c_str());
  const size_t in = *(*network)->FindChannel("in");
  const size_t out = *(*network)->FindChannel("out");
  PipelineCpp reference;
  uint32_t x = 1;
  for (auto _ : state) {
    reference.queue[0].push_back(x);
    reference.Tick();
    if (!(*network)->Send(in, Value::UBits(x++, 32)).ok() || !(*network)->Tick().ok())
      return state.SkipWithError("tick failed");
    std::optional<Value> y = (*network)->Receive(out);
    if (!y.has_value() || y->bits().getZExtValue() != reference.queue[5].front())
      return state.SkipWithError("the interpreter disagrees with the C++ pipeline");
    reference.queue[5].pop_front();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProcPipeline_Interpreter);

}  // namespace
}  // namespace xlsaot
