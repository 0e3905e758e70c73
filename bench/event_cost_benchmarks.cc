// What events cost ahead-of-time compiled code (docs/events.md,
// docs/performance.md): the same function through the generated Run() as a
// plain artifact and compiled with --events (its trace and cover in place,
// but not firing), side by side in one process, and RunWithEvents collecting
// a trace, a cover and an assertion on every call.
#include <cstdint>

#include "benchmark/benchmark.h"
#include "event_cost_events.h"
#include "event_cost_plain.h"

namespace {

// Inputs that never make x zero, so that no event fires in the Run() pair.
uint32_t NextX(uint32_t& state) {
  state = state * 1664525u + 1013904223u;
  return state | 1u;
}

// Run() of one of the two artifacts, with inputs that fire no event.
template <typename Runner>
void BM_EventCost_Run(benchmark::State& state) {
  auto runner = Runner::Create();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  uint32_t seed = 1, sum = 0;
  for (auto _ : state) {
    auto out = runner->Run(NextX(seed), seed);
    sum += *out;
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK_TEMPLATE(BM_EventCost_Run, event_cost_plain::Runner);
BENCHMARK_TEMPLATE(BM_EventCost_Run, event_cost_events::Runner);

// x = 0: the assertion fails and the trace and the cover fire on every call,
// and RunWithEvents records and formats all three.
void BM_EventCost_RunWithEvents_EveryEventFires(benchmark::State& state) {
  auto runner = event_cost_events::Runner::Create();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  uint32_t y = 0;
  for (auto _ : state) {
    auto out = runner->RunWithEvents(0, ++y);
    benchmark::DoNotOptimize(out->events.log.size());
  }
}
BENCHMARK(BM_EventCost_RunWithEvents_EveryEventFires);

}  // namespace
