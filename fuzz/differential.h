// Differential testing: random programs evaluated by the reference
// interpreter (the oracle) and by the compiled engines (the LLVM JIT, and the
// ahead-of-time object run through the standalone runtime), comparing return
// values and the complete event logs (assert messages and labels, trace
// texts, in order, and cover counts).
#ifndef XLSAOT_FUZZ_DIFFERENTIAL_H_
#define XLSAOT_FUZZ_DIFFERENTIAL_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/program_generator.h"
#include "interp/events.h"
#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// An engine under test, prepared for one function (compiled once) and then
// run once per argument set.
using EngineRun = std::function<Result<EvalResult>(std::span<const Value>)>;
using EngineFactory = std::function<Result<EngineRun>(const Function&)>;

struct Engine {
  std::string name;  // labels its disagreements and its tally ("jit", "aot")
  EngineFactory prepare;
  // Whether the engine takes `top` at all. A program it refuses by design
  // (ahead-of-time compilation rejects a reachable trace or cover) is
  // counted as skipped, not compared. Unset: every verified program.
  std::function<bool(const Function&)> accepts;
};

// The LLVM JIT at optimisation level `opt_level`.
Engine JitEngine(int opt_level);
// Ahead-of-time compilation at `opt_level`: the object file is emitted,
// linked into the process byte for byte and called through the standalone
// runtime's metadata-driven runner (aot/aot_evaluator.h). With `events`
// (the registered "aot") traces and covers are compiled and compared like
// everything else; without, programs that reach one are skipped.
Engine AotEngine(int opt_level, bool events = true);

// The registry of engines by name, which `xlsaot fuzz --engine` and
// DifferentialOptions::engines use. "jit" and "aot" are always there; a
// program may add its own before it reads its options (the tests add an
// engine that is wrong on purpose, to check that a disagreement is caught
// and reported). Not synchronised: register before starting threads.
using EngineMaker = std::function<Engine(int opt_level)>;
void RegisterEngine(std::string name, EngineMaker make);
// Every registered name, built-in engines first.
std::vector<std::string> EngineNames();
// The engine registered as `name`, at `opt_level`; kInvalidArgument naming
// the known engines when there is none.
Result<Engine> EngineNamed(std::string_view name, int opt_level);

struct DifferentialOptions {
  // Program i of the run is generated from seed + i, so `--seed S --count 1`
  // reproduces the program reported with seed S.
  uint64_t seed = 0;
  int count = 100;
  // LLVM optimisation level of the compiled engines (0..3).
  int opt_level = 2;
  // The engines compared with the interpreter, by name (EngineNamed).
  std::vector<std::string> engines = {"jit", "aot"};
  // Shapes the programs; its seed is replaced by each program's own. When
  // an engine takes no trace or cover (aot), programs with an odd seed are
  // generated without them, so that every engine sees half of the programs
  // at least and the others still exercise traces and covers.
  GeneratorOptions generator;
};

struct Disagreement {
  uint64_t seed = 0;       // the program's own seed
  std::string engine;      // the engine that disagreed
  std::string ir_text;     // the program, as printed
  std::string args;        // "bits[8]:1; (bits[1]:0, [bits[4]:3])"; empty for compile failures
  std::string expected;    // the interpreter's outcome (FormatOutcome)
  std::string actual;      // the engine's outcome, or its error
};

// What one engine was given during a run.
struct EngineTally {
  std::string name;
  int programs = 0;     // programs compiled (or compile failures reported)
  int evaluations = 0;  // argument sets compared with the interpreter
  int skipped = 0;      // programs the engine refuses by design
};

struct DifferentialReport {
  int programs = 0;
  int evaluations = 0;  // argument sets run on the interpreter
  std::vector<EngineTally> engines;
  std::vector<Disagreement> disagreements;
};

// Generates `count` programs and compares the engines on every argument set.
// A disagreement (including an engine that fails to compile a verified
// program it accepts, or an evaluation error on either side) is a finding,
// not an error; an error result means the run itself could not proceed (a
// generator defect, bad options).
Result<DifferentialReport> RunDifferential(const DifferentialOptions& options);

// Compares every engine with the interpreter on one function and its
// argument sets (the interpreter runs once per set), appending to `report`:
// its counters advance and it gains a tally per engine name it had not seen.
// `seed` only labels the disagreements.
void CompareEngines(const Function& top, std::span<const std::vector<Value>> arg_sets,
                    std::span<const Engine> engines, uint64_t seed, DifferentialReport& report);

// The summary line of a run:
//   "300 programs, 1800 evaluations, 0 disagreements (jit: 300 programs,
//   1800 evaluations; aot: 231 programs, 1386 evaluations, 69 skipped)"
std::string FormatSummary(const DifferentialReport& report);

// The return value and every event of one evaluation, one per line:
//   bits[8]:42
//   assert: MESSAGE [label LABEL]
//   trace: TEXT
//   cover: LABEL x COUNT
//   assumption: NODE: DESCRIPTION x COUNT
std::string FormatOutcome(const EvalResult& result);

// A self-contained IR file for a disagreement: a comment header with the
// command that reproduces it (`run_flags` are the options of the run that
// shape programs: engines, profile, node budget), the arguments and both
// outcomes (every line commented, whatever the texts contain), then the
// program.
std::string FormatReproducer(const Disagreement& disagreement, std::string_view run_flags = "");

// Argument values in the typed syntax of the conformance cases, "; "-separated.
std::string FormatArgs(std::span<const Value> args);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_DIFFERENTIAL_H_
