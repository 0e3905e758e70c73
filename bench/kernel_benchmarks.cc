// Calls per second of every kernel through the interpreter, the JIT (with
// Value marshalling, through a JitRunner, and the bare entry point), the
// ahead-of-time artifact's generated API, a Verilator model of the same
// algorithm (when Verilator was found at configure time) and the
// hand-written C++.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "benchmark/benchmark.h"
#include "bench/aot_kernels.h"
#include "bench/evaluation_count.h"
#include "bench/kernel_suite.h"
#if XLSAOT_BENCH_VERILATOR
#include "bench/verilated_kernels.h"
#endif
#include "interp/interpreter.h"
#include "jit/jit_function.h"
#include "xlsaot/abi.h"
#include "xlsaot/allocator.h"

namespace xlsaot::bench {
namespace {

// Distinct inputs per kernel, cycled through so that neither the C++
// compiler nor the branch predictor sees one constant call.
constexpr size_t kInputCount = 64;

struct PreparedKernel {
  LoadedKernel ir;
  std::unique_ptr<JitFunction> jit;
  std::vector<std::vector<Value>> args;
  std::vector<AbiCall> calls;
  int64_t node_evaluations = 0;
};

// Loads and compiles each kernel once per process, on first use.
Result<PreparedKernel*> Prepare(const KernelSpec& spec) {
  static std::map<std::string, std::unique_ptr<PreparedKernel>> prepared;
  auto it = prepared.find(spec.name);
  if (it != prepared.end()) return it->second.get();
  auto kernel = std::make_unique<PreparedKernel>();
  XLSAOT_ASSIGN_OR_RETURN(kernel->ir, LoadKernel(spec));
  XLSAOT_ASSIGN_OR_RETURN(kernel->jit, JitFunction::Create(*kernel->ir.top, AtOptLevel(2)));
  for (size_t i = 0; i < kInputCount; ++i) {
    kernel->args.push_back(spec.make_args(*kernel->ir.top, i));
    kernel->calls.push_back(AbiCall::Make(*kernel->ir.top, kernel->args.back()));
  }
  kernel->node_evaluations = NodeEvaluationsPerCall(*kernel->ir.top);
  PreparedKernel* result = kernel.get();
  prepared.emplace(spec.name, std::move(kernel));
  return result;
}

void SetCallRate(benchmark::State& state) {
  state.counters["calls/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Interpreter(benchmark::State& state, const KernelSpec* spec) {
  auto kernel = Prepare(*spec);
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  const Function& top = *(*kernel)->ir.top;
  const auto& args = (*kernel)->args;
  size_t i = 0;
  for (auto _ : state) {
    Result<EvalResult> result = Interpret(top, args[i]);
    benchmark::DoNotOptimize(result);
    i = (i + 1) % kInputCount;
  }
  SetCallRate(state);
  state.counters["node_evals/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * (*kernel)->node_evaluations),
                         benchmark::Counter::kIsRate);
}

// JitRunner::Run: checks and converts Values in and out on every call.
void BM_JitValues(benchmark::State& state, const KernelSpec* spec) {
  auto kernel = Prepare(*spec);
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  auto runner = (*kernel)->jit->CreateRunner();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  const auto& args = (*kernel)->args;
  size_t i = 0;
  for (auto _ : state) {
    Result<EvalResult> result = (*runner)->Run(args[i]);
    benchmark::DoNotOptimize(result);
    i = (i + 1) % kInputCount;
  }
  SetCallRate(state);
}

// JitRunner::RunRaw on buffers already in the ABI layout: the runner's
// bookkeeping around the compiled code.
void BM_JitRunner(benchmark::State& state, const KernelSpec* spec) {
  auto kernel = Prepare(*spec);
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  auto runner = (*kernel)->jit->CreateRunner();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  auto& calls = (*kernel)->calls;
  Events events;
  size_t i = 0;
  for (auto _ : state) {
    AbiCall& call = calls[i];
    benchmark::DoNotOptimize((*runner)->RunRaw(call.inputs(), call.outputs(), events));
    benchmark::ClobberMemory();
    i = (i + 1) % kInputCount;
  }
  SetCallRate(state);
}

// The compiled entry point called directly, as generated AOT glue does: one
// indirect call on buffers in the ABI layout, the same shape as the C++
// measurement below. The kernels have no assert/trace/cover, so a context
// without callbacks is enough.
void BM_Jit(benchmark::State& state, const KernelSpec* spec) {
  auto kernel = Prepare(*spec);
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  const JitFunction& jit = *(*kernel)->jit;
  auto scratch = ScratchBuffer::Create(static_cast<size_t>(jit.abi().scratch_size),
                                       static_cast<size_t>(jit.abi().scratch_alignment));
  if (!scratch.ok()) return state.SkipWithError(scratch.error().c_str());
  xlsaot_context context{};
  xlsaot_entry_fn entry = jit.entry();
  auto& calls = (*kernel)->calls;
  size_t i = 0;
  for (auto _ : state) {
    AbiCall& call = calls[i];
    benchmark::DoNotOptimize(entry(call.inputs(), call.outputs(), scratch->data(), &context));
    benchmark::ClobberMemory();
    i = (i + 1) % kInputCount;
  }
  SetCallRate(state);
}

// Empty when `evaluate(call)`, which must leave the result in call's output
// buffer, gives what the C++ version gives on every input of `kernel`; else
// a message naming the first input where they differ. The benchmarks of the
// AOT and Verilator columns check this before timing.
template <typename Evaluate>
std::string MismatchWithCpp(const KernelSpec& spec, PreparedKernel& kernel, Evaluate&& evaluate) {
  for (size_t i = 0; i < kInputCount; ++i) {
    AbiCall& call = kernel.calls[i];
    spec.native(call.inputs(), call.output());
    const Value expected = call.ReadResult();
    evaluate(call);
    const Value actual = call.ReadResult();
    if (actual != expected)
      return "input " + std::to_string(i) + ": " + actual.ToString(FormatPreference::kHex) + " instead of the C++ " +
             expected.ToString(FormatPreference::kHex);
  }
  return "";
}

// The artifact of xlsaot_add_library through its generated typed API, on
// its hot path: the in-place Runner::Run(args..., out), typed arguments in,
// one result buffer per input.
template <typename Kernel>
void BM_Aot(benchmark::State& state, const KernelSpec* spec) {
  auto kernel = Prepare(*spec);
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  auto runner = Kernel::Runner::Create();
  if (!runner.ok()) return state.SkipWithError(runner.error().c_str());
  std::vector<typename Kernel::Args> args;
  for (const AbiCall& call : (*kernel)->calls) args.push_back(Kernel::ArgsFrom(call.inputs()));
  std::vector<typename Kernel::OutputBuffer> outputs(kInputCount);
  const std::string mismatch = MismatchWithCpp(*spec, **kernel, [&](AbiCall& call) {
    if (Kernel::Run(*runner, Kernel::ArgsFrom(call.inputs()), outputs[0]).ok())
      Kernel::WriteOutput(outputs[0], call.output());
  });
  if (!mismatch.empty()) return state.SkipWithError(("AOT artifact: " + mismatch).c_str());
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Kernel::Run(*runner, args[i], outputs[i]));
    benchmark::ClobberMemory();
    i = (i + 1) % kInputCount;
  }
  SetCallRate(state);
}

#if XLSAOT_BENCH_VERILATOR
// The Verilator model: input ports set from the buffers, eval(), the output
// port copied to the result buffer (VerilatedKernel::Evaluate, one virtual
// call).
void BM_Verilator(benchmark::State& state, const KernelSpec* spec) {
  auto kernel = Prepare(*spec);
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  std::unique_ptr<VerilatedKernel> model = MakeVerilatedKernel(spec->name);
  if (model == nullptr) return state.SkipWithError("no Verilator model of this kernel");
  const std::string mismatch = MismatchWithCpp(
      *spec, **kernel, [&](AbiCall& call) { model->Evaluate(call.inputs(), call.output()); });
  if (!mismatch.empty()) return state.SkipWithError(("Verilator model: " + mismatch).c_str());
  auto& calls = (*kernel)->calls;
  size_t i = 0;
  for (auto _ : state) {
    AbiCall& call = calls[i];
    model->Evaluate(call.inputs(), call.output());
    benchmark::ClobberMemory();
    i = (i + 1) % kInputCount;
  }
  SetCallRate(state);
}
#endif

// The hand-written C++ behind a function pointer (NativeEntry), reading and
// writing the same buffers.
void BM_Cpp(benchmark::State& state, const KernelSpec* spec) {
  auto kernel = Prepare(*spec);
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  auto& calls = (*kernel)->calls;
  NativeEntry native = spec->native;
  benchmark::DoNotOptimize(native);
  size_t i = 0;
  for (auto _ : state) {
    AbiCall& call = calls[i];
    native(call.inputs(), call.output());
    benchmark::ClobberMemory();
    i = (i + 1) % kInputCount;
  }
  SetCallRate(state);
}

[[maybe_unused]] const bool kRegistered = [] {
  for (const KernelSpec& spec : Kernels()) {
    const std::string prefix = "kernel/" + spec.name + "/";
    benchmark::RegisterBenchmark((prefix + "interpreter").c_str(), BM_Interpreter, &spec);
    benchmark::RegisterBenchmark((prefix + "jit_values").c_str(), BM_JitValues, &spec);
    benchmark::RegisterBenchmark((prefix + "jit_runner").c_str(), BM_JitRunner, &spec);
    benchmark::RegisterBenchmark((prefix + "jit").c_str(), BM_Jit, &spec);
    ForEachAotKernel([&]<typename Kernel>(std::string_view name) {
      if (name == spec.name) benchmark::RegisterBenchmark((prefix + "aot").c_str(), BM_Aot<Kernel>, &spec);
    });
    if (spec.name == "fp32_add")
      benchmark::RegisterBenchmark((prefix + "aot_all_paths").c_str(), BM_Aot<AotFp32AddAllPaths>, &spec);
#if XLSAOT_BENCH_VERILATOR
    benchmark::RegisterBenchmark((prefix + "verilator").c_str(), BM_Verilator, &spec);
#endif
    benchmark::RegisterBenchmark((prefix + "cpp").c_str(), BM_Cpp, &spec);
  }
  return true;
}();

}  // namespace
}  // namespace xlsaot::bench
