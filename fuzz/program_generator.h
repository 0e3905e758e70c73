// Random XLS IR programs for differential testing.
//
// A program is a package with a top function, a few helper functions the top
// (and later helpers) call through invoke, map, counted_for and
// dynamic_counted_for, and argument sets to evaluate the top on. Programs
// use every op of the op table, widths from 0 to a few hundred bits with a
// bias to the widths where implementations change representation, nested
// tuples and arrays, and the edge cases where backends tend to disagree:
// division by zero, shifts and slices far out of range, out-of-bounds array
// indices, sel with and without default, asserts, traces and covers.
//
// Generation is a pure function of the options: the same seed gives the same
// program (and the same printed text) on every host.
#ifndef XLSAOT_FUZZ_PROGRAM_GENERATOR_H_
#define XLSAOT_FUZZ_PROGRAM_GENERATOR_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "ir/function.h"
#include "ir/package.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct GeneratorOptions {
  uint64_t seed = 0;
  // Ops chosen for the top function; each may add a few supporting nodes
  // (slices, extensions, literals) to shape its operands. Helpers get a
  // quarter of it.
  int max_nodes = 40;
  // Widest bits type the generator creates.
  int max_bit_width = 300;
  // trace and cover (which ahead-of-time compilation rejects).
  bool allow_trace = true;
  bool allow_assert = true;
  // Helper functions generated before the top (0 to this many).
  int max_helpers = 4;
  // Argument sets generated for the top function.
  int arg_sets = 6;
  // Nesting of tuples and arrays in the random types of values.
  int max_type_depth = 2;
  // Largest trip count of a loop in the top function whose body runs no
  // loop of its own (nested loops keep to 12, so work stays bounded).
  int max_trip_count = 12;
  // Percentage of loop bodies whose state is an array larger than what
  // compiled code keeps on the stack (512 bytes).
  int large_loop_state_percent = 0;
  // Percentage of top parameters given a type nested max_type_depth deep.
  int deep_param_percent = 0;
};

// The options of the stress profile (`xlsaot fuzz --profile stress`): widths
// up to 4096 bits, aggregates nested five deep, loop state beyond the stack
// cutoff, trip counts up to 1000, on top of everything the default profile
// produces.
GeneratorOptions StressGeneratorOptions();

// A verified package with a top function and arguments for it.
struct GeneratedProgram {
  std::unique_ptr<Package> package;
  Function* top = nullptr;
  std::vector<std::vector<Value>> arg_sets;  // one Value per top parameter
};

// Generates and verifies a program. An error (kInternal) means the generator
// built IR the verifier rejects: a generator bug, reported with the seed.
Result<GeneratedProgram> GenerateProgram(const GeneratorOptions& options);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_PROGRAM_GENERATOR_H_
