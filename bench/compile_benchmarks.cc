// How compile time and interpreter speed scale with the size of a function:
// generated functions of 1,000, 10,000 and 100,000 nodes.
// clock_gettime and CLOCK_PROCESS_CPUTIME_ID are POSIX: <time.h>, not <ctime>.
#include <time.h>  // NOLINT(modernize-deprecated-headers)

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "aot/aot_evaluator.h"
#include "aot/compiler.h"
#include "benchmark/benchmark.h"
#include "bench/evaluation_count.h"
#include "bench/function_generator.h"
#include "bench/kernel_suite.h"
#include "codegen/lowering.h"
#include "interp/interpreter.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "jit/jit_function.h"
#include "llvm/IR/LLVMContext.h"

namespace xlsaot::bench {
namespace {

// Generating 100k nodes of text takes a moment; do it once per size.
const std::string& GeneratedText(int64_t nodes) {
  static std::map<int64_t, std::string> texts;
  auto it = texts.find(nodes);
  if (it == texts.end()) it = texts.emplace(nodes, GenerateFunctionIr(nodes)).first;
  return it->second;
}

// CPU time of the whole process, so that the stage times below stay
// meaningful on a machine shared with other work (and include any helper
// threads the compiler uses).
double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Text to callable machine code: parse, verify, lower, optimise and emit
// (JitFunction::Create), with the process CPU time of each stage as a
// counter.
void BM_Compile(benchmark::State& state) {
  const int64_t nodes = state.range(0);
  const int opt_level = static_cast<int>(state.range(1));
  const std::string& text = GeneratedText(nodes);
  double parse = 0, verify = 0, codegen = 0;
  int64_t node_count = 0;
  for (auto _ : state) {
    const double t0 = ProcessCpuSeconds();
    auto package = ParsePackage(text, "generated.ir");
    const double t1 = ProcessCpuSeconds();
    if (!package.ok()) return state.SkipWithError(package.error().c_str());
    Status verified = VerifyPackage(**package);
    const double t2 = ProcessCpuSeconds();
    if (!verified.ok()) return state.SkipWithError(verified.error().c_str());
    const Function& top = *(*package)->functions().front();
    auto jit = JitFunction::Create(top, AtOptLevel(opt_level));
    const double t3 = ProcessCpuSeconds();
    if (!jit.ok()) return state.SkipWithError(jit.error().c_str());
    parse += t1 - t0;
    verify += t2 - t1;
    codegen += t3 - t2;
    node_count = static_cast<int64_t>(top.node_count());
    // Freeing the JIT and the package is not part of compiling.
    state.PauseTiming();
    jit->reset();
    package->reset();
    state.ResumeTiming();
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["nodes"] = static_cast<double>(node_count);
  state.counters["parse_s"] = parse / n;
  state.counters["verify_s"] = verify / n;
  state.counters["jit_create_s"] = codegen / n;
  state.counters["cpu_us/node"] = (parse + verify + codegen) / n / static_cast<double>(node_count) * 1e6;
}

double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Text to object bytes as `xlsaot compile` does it (ParsePackage,
// VerifyPackage, CompileAheadOfTime: lowering, optimisation and code
// generation on `jobs` threads, generated API and metadata), wall time per
// stage as counters. Writing the files is left out.
void BM_AotCompile(benchmark::State& state) {
  const int64_t nodes = state.range(0);
  AotOptions options;
  options.name = "generated";
  options.opt_level = static_cast<int>(state.range(1));
  options.jobs = static_cast<int>(state.range(2));
  const std::string& text = GeneratedText(nodes);
  double parse = 0, verify = 0, compile = 0;
  size_t object_bytes = 0;
  for (auto _ : state) {
    const double t0 = WallSeconds();
    auto package = ParsePackage(text, "generated.ir");
    const double t1 = WallSeconds();
    if (!package.ok()) return state.SkipWithError(package.error().c_str());
    Status verified = VerifyPackage(**package);
    const double t2 = WallSeconds();
    if (!verified.ok()) return state.SkipWithError(verified.error().c_str());
    auto artifact = CompileAheadOfTime(*(*package)->functions().front(), options);
    const double t3 = WallSeconds();
    if (!artifact.ok()) return state.SkipWithError(artifact.error().c_str());
    parse += t1 - t0;
    verify += t2 - t1;
    compile += t3 - t2;
    object_bytes = artifact->object.size();
    state.PauseTiming();
    package->reset();
    state.ResumeTiming();
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["parse_s"] = parse / n;
  state.counters["verify_s"] = verify / n;
  state.counters["compile_s"] = compile / n;
  state.counters["object_KiB"] = static_cast<double>(object_bytes) / 1024.0;
}

// Calls of the compiled generated function through the AOT path (the run
// speed of what BM_AotCompile produces), at -O0 and -O2.
void BM_AotGeneratedRun(benchmark::State& state) {
  auto kernel = LoadIr(GeneratedText(state.range(0)), "generated.ir");
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  AotOptions options;
  options.opt_level = static_cast<int>(state.range(1));
  auto evaluator = AotEvaluator::Create(*kernel->top, options);
  if (!evaluator.ok()) return state.SkipWithError(evaluator.error().c_str());
  std::vector<Value> args;
  for (Node* param : kernel->top->params()) args.push_back(RandomValue(param->type(), args.size()));
  for (auto _ : state) {
    auto result = (*evaluator)->Run(args);
    benchmark::DoNotOptimize(result);
  }
}

// The lowering to LLVM IR alone (no LLVM optimisation or code generation),
// to tell xlsaot's own share of the compile time from LLVM's.
void BM_Lower(benchmark::State& state) {
  const std::string& text = GeneratedText(state.range(0));
  auto kernel = LoadIr(text, "generated.ir");
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  for (auto _ : state) {
    auto context = std::make_unique<llvm::LLVMContext>();
    auto lowered = LowerToLlvm(*kernel->top, *context, CodegenOptions{});
    if (!lowered.ok()) return state.SkipWithError(lowered.error().c_str());
    benchmark::DoNotOptimize(lowered->module.get());
    // Freeing the module and its context is not part of lowering.
    state.PauseTiming();
    lowered->module.reset();
    context.reset();
    state.ResumeTiming();
  }
  state.counters["nodes"] = static_cast<double>(kernel->top->node_count());
}

// Straight-line code through the interpreter: node evaluations per second.
void BM_InterpreterThroughput(benchmark::State& state) {
  const std::string& text = GeneratedText(state.range(0));
  auto kernel = LoadIr(text, "generated.ir");
  if (!kernel.ok()) return state.SkipWithError(kernel.error().c_str());
  const Function& top = *kernel->top;
  std::vector<std::vector<Value>> inputs;
  for (uint64_t i = 0; i < 16; ++i) {
    std::vector<Value> args;
    for (Node* param : top.params()) args.push_back(RandomValue(param->type(), i * 131 + args.size()));
    inputs.push_back(std::move(args));
  }
  size_t i = 0;
  for (auto _ : state) {
    Result<EvalResult> result = Interpret(top, inputs[i]);
    benchmark::DoNotOptimize(result);
    i = (i + 1) % inputs.size();
  }
  state.counters["node_evals/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * NodeEvaluationsPerCall(top)), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_Compile)
    ->ArgNames({"nodes", "O"})
    ->Args({1000, 0})
    ->Args({1000, 2})
    ->Args({10000, 0})
    ->Args({10000, 2})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
// One iteration each: these take seconds to minutes.
BENCHMARK(BM_Compile)
    ->ArgNames({"nodes", "O"})
    ->Args({100000, 0})
    ->Args({100000, 2})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_AotCompile)
    ->ArgNames({"nodes", "O", "j"})
    ->ArgsProduct({{1000, 10000}, {0, 2}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_AotCompile)
    ->ArgNames({"nodes", "O", "j"})
    ->ArgsProduct({{100000}, {0, 2}, {1, 2}})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_AotGeneratedRun)
    ->ArgNames({"nodes", "O"})
    ->ArgsProduct({{10000, 100000}, {0, 2}})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Lower)->ArgName("nodes")->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InterpreterThroughput)->ArgName("nodes")->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace xlsaot::bench
