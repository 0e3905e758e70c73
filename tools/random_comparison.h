// The comparison behind `xlsaot eval --random-inputs N --compare E1,E2,...`:
// one function evaluated by several engines on the same random argument
// tuples, stopping at the first tuple on which their outcomes differ. The
// command line prints its report; tests run it in-process over whole
// corpora (tests/tools/corpus_random_inputs_test.cc).
#ifndef XLSAOT_TOOLS_RANDOM_COMPARISON_H_
#define XLSAOT_TOOLS_RANDOM_COMPARISON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct RandomComparisonOptions {
  // Argument tuples to evaluate.
  int64_t count = 1;
  // Seed of the arguments: the same seed gives the same tuples.
  uint64_t seed = 0;
  // Engine names of the registry (fuzz/engines.h); the first is the
  // reference the others are compared with.
  std::vector<std::string> engines;
  // Ahead-of-time compilation with events (`--events`).
  bool events = false;
};

// The first tuple on which the engines' outcomes differ.
struct RandomDisagreement {
  int64_t input_number = 0;           // 1 for the first tuple
  std::vector<Value> args;
  std::vector<std::string> outcomes;  // per engine: FormatOutcome text, or "error: ..."
};

struct RandomComparisonReport {
  int64_t evaluated = 0;  // tuples evaluated by every engine
  std::optional<RandomDisagreement> disagreement;
};

// Prepares every engine for `function` (an error when one cannot take it)
// and evaluates the tuples: each parameter a random value of its type,
// weighted to 0, all ones and single-bit values (RandomSource::EdgeValue).
Result<RandomComparisonReport> CompareOnRandomInputs(const Function& function,
                                                     const RandomComparisonOptions& options);

// The disagreement as the command line prints it: the tuple, the seed, then
// each engine's outcome, indented.
std::string DescribeDisagreement(const RandomDisagreement& disagreement,
                                 const RandomComparisonOptions& options);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_RANDOM_COMPARISON_H_
