// Differential testing: random programs evaluated by the reference
// interpreter (the oracle) and by the LLVM JIT, comparing return values and
// the complete event logs (assert messages and labels, trace texts, in order,
// and cover counts).
#ifndef XLSAOT_FUZZ_DIFFERENTIAL_H_
#define XLSAOT_FUZZ_DIFFERENTIAL_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

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
  // LLVM optimisation level of the JIT (0..3).
  int opt_level = 2;
  // Shapes the programs; its seed is replaced by each program's own.
  GeneratorOptions generator;
};

struct Disagreement {
  uint64_t seed = 0;       // the program's own seed
  std::string ir_text;     // the program, as printed
  std::string args;        // "bits[8]:1; (bits[1]:0, [bits[4]:3])"; empty for compile failures
  std::string expected;    // the interpreter's outcome (FormatOutcome)
  std::string actual;      // the JIT's outcome, or its error
};

struct DifferentialReport {
  int programs = 0;
  int evaluations = 0;  // argument sets run on both engines
  std::vector<Disagreement> disagreements;
};

// Generates `count` programs and compares the engines on every argument set.
// A disagreement (including a JIT that fails to compile a verified program or
// an evaluation error on either side) is a finding, not an error; an error
// result means the run itself could not proceed (a generator defect, bad
// options).
Result<DifferentialReport> RunDifferential(const DifferentialOptions& options);

// An engine under test, prepared for one function (compiled once) and then
// run once per argument set.
using EngineRun = std::function<Result<EvalResult>(std::span<const Value>)>;
using EngineFactory = std::function<Result<EngineRun>(const Function&)>;

// The LLVM JIT at optimisation level `opt_level`.
EngineFactory JitEngine(int opt_level);

// Compares `candidate` with the interpreter on one function and its argument
// sets, appending to `report` (whose programs/evaluations counters it
// advances). `seed` only labels the disagreements.
void CompareEngines(const Function& top, std::span<const std::vector<Value>> arg_sets,
                    const EngineFactory& candidate, uint64_t seed, DifferentialReport& report);

// The return value and every event of one evaluation, one per line:
//   bits[8]:42
//   assert: MESSAGE [label LABEL]
//   trace: TEXT
//   cover: LABEL x COUNT
std::string FormatOutcome(const EvalResult& result);

// A self-contained IR file for a disagreement: a comment header with the
// command that reproduces it, the arguments and both outcomes (every line
// commented, whatever the texts contain), then the program.
std::string FormatReproducer(const Disagreement& disagreement);

// Argument values in the typed syntax of the conformance cases, "; "-separated.
std::string FormatArgs(std::span<const Value> args);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_DIFFERENTIAL_H_
