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

#include "fuzz/engines.h"
#include "fuzz/program_generator.h"
#include "interp/events.h"
#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct DifferentialOptions {
  // Program i of the run is generated from seed + i, so `--seed S --count 1`
  // reproduces the program reported with seed S.
  uint64_t seed = 0;
  int count = 100;
  // LLVM optimisation level of the compiled engines (0..3).
  int opt_level = 2;
  // The engines compared with the interpreter, by name (EngineNamed; the
  // ahead-of-time one compiled with events).
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
  std::string args;        // "bits[8]:1; (bits[1]:0, [bits[4]:3])"; empty for compile failures;
                           // a proc network: its inputs up to the differing tick, as an
                           // `xlsaot eval-proc --script` file
  std::string expected;    // the interpreter's outcome (FormatOutcome), or its item at `where`
  std::string actual;      // the engine's outcome, or its error
  // Proc networks (proc_differential.h): the first item that differs,
  // "tick 3, output out_0 #1", "tick 1, status", "tick 2, state of main st0".
  bool proc_network = false;
  std::string where;
};

// What one engine was given during a run.
struct EngineTally {
  std::string name;
  int programs = 0;     // programs compiled (or compile failures reported)
  int evaluations = 0;  // argument sets compared with the interpreter
  int skipped = 0;      // programs the engine refuses by design
};

struct DifferentialReport {
  // Proc networks count as programs and their ticks as evaluations; the
  // summary names them so.
  bool proc_networks = false;
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

// The engines of a run, by name (EngineNamed), made at `opt_level`.
// kInvalidArgument for an unknown name, no name, or a level outside 0..3.
Result<std::vector<Engine>> MakeEngines(std::span<const std::string> names, int opt_level);

// Compares every engine with the interpreter on one function and its
// argument sets (the interpreter runs once per set), appending to `report`:
// its counters advance and it gains a tally per engine name it had not seen.
// `seed` only labels the disagreements.
void CompareEngines(const Function& top, std::span<const std::vector<Value>> arg_sets,
                    std::span<const Engine> engines, uint64_t seed, DifferentialReport& report);

// The summary line of a run:
//   "300 programs, 1800 evaluations, 0 disagreements (jit: 300 programs,
//   1800 evaluations; aot: 231 programs, 1386 evaluations, 69 skipped)"
// or, for proc networks, "100 networks, 950 ticks, 0 disagreements (...)".
std::string FormatSummary(const DifferentialReport& report);

// The return value and every event of one evaluation, one per line:
//   bits[8]:42
//   assert: MESSAGE [label LABEL]
//   trace: TEXT
//   cover: LABEL x COUNT
//   assumption: NODE: DESCRIPTION x COUNT
std::string FormatOutcome(const EvalResult& result);
// One event as FormatOutcome writes it: "assert: MESSAGE [label LABEL]" or
// "trace: TEXT".
std::string FormatEvent(const Event& event);

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
