// The engines that evaluate an XLS function, in one registry by name: the
// reference interpreter, the LLVM JIT and ahead-of-time compiled code run by
// the standalone runtime. `xlsaot eval --backend`, `xlsaot fuzz --engine`
// and the tests all take their engines from here, so a new engine is added
// once and every tool has it.
#ifndef XLSAOT_FUZZ_ENGINES_H_
#define XLSAOT_FUZZ_ENGINES_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interp/events.h"
#include "interp/proc_simulator.h"
#include "ir/function.h"
#include "ir/package.h"
#include "ir/proc.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// An engine prepared for one function (compiled once) and then run once per
// argument set (types already checked against the parameters).
using EngineRun = std::function<Result<EvalResult>(std::span<const Value>)>;
using EngineFactory = std::function<Result<EngineRun>(const Function&)>;
// An engine's proc network for `top` of `package` (verified), elaborated and
// ready for its first tick.
using NetworkFactory = std::function<Result<std::unique_ptr<ProcSimulator>>(const Package&, const Proc&)>;

struct Engine {
  std::string name;  // labels its disagreements and its tally ("jit", "aot")
  EngineFactory prepare;
  // Whether the engine takes `top` at all. A program it refuses by design
  // (ahead-of-time compilation without events rejects a reachable trace or
  // cover) is counted as skipped by the differential driver, not compared.
  // Unset: every verified function.
  std::function<bool(const Function&)> accepts;
  // How the engine runs proc networks; unset when it does not.
  NetworkFactory prepare_network;
};

// How an engine is made.
struct EngineOptions {
  // LLVM optimisation level of the compiled engines (0..3).
  int opt_level = 2;
  // Ahead-of-time code compiled with events (traces, covers and assumption
  // checks compiled and delivered); without, a reachable trace or cover is
  // refused. The interpreter and the JIT always deliver every event.
  bool events = true;
  // Traces above this verbosity need not be delivered (the ahead-of-time
  // runtime does not even format them); callers filter the others.
  int64_t max_trace_verbosity = std::numeric_limits<int64_t>::max();
};

// The reference interpreter (the oracle).
Engine InterpreterEngine(const EngineOptions& options = {});
// The LLVM JIT at `options.opt_level`.
Engine JitEngine(const EngineOptions& options = {});
// Ahead-of-time compilation at `options.opt_level`: the object file is
// emitted, linked into the process byte for byte and called through the
// standalone runtime's metadata-driven runner (aot/aot_evaluator.h).
Engine AotEngine(const EngineOptions& options = {});

// The registry. "interpreter", "jit" and "aot" are always there, in that
// order; a program may add its own before it reads its options (the tests
// add an engine that is wrong on purpose, to check that a disagreement is
// caught and reported). Not synchronised: register before starting threads.
using EngineMaker = std::function<Engine(const EngineOptions&)>;
void RegisterEngine(std::string name, std::string description, EngineMaker make);

struct EngineInfo {
  std::string name;
  std::string description;  // one line, for --help
};
// Every registered engine, built-in ones first.
std::vector<EngineInfo> Engines();
std::vector<std::string> EngineNames();
// "interpreter, jit, aot": the names for help texts and error messages.
std::string EngineNameList();

// The engine registered as `name`, made with `options`; kInvalidArgument
// naming the known engines when there is none.
Result<Engine> EngineNamed(std::string_view name, const EngineOptions& options = {});

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_ENGINES_H_
