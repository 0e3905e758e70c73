// Generated XLS IR functions of a chosen size, for measuring how compile
// time and interpreter speed scale with the size of a design.
#ifndef XLSAOT_BENCH_FUNCTION_GENERATOR_H_
#define XLSAOT_BENCH_FUNCTION_GENERATOR_H_

#include <cstdint>
#include <string>

namespace xlsaot::bench {

// The text of a package whose top function `generated` has about
// `node_count` nodes (parameters included; within a fraction of a percent
// for node_count >= 1000): a DAG of the operations datapath IR is made of —
// add, sub, umul, and, or, xor, not, shifts by constants and by data, rotates
// (concat of two bit_slices), concat, bit_slice, zero_ext/sign_ext,
// comparisons feeding sel — on bits[32] and bits[64] values. Operands are
// mostly recent values, sometimes older ones, so live ranges are realistic;
// every value contributes to the bits[64] result, so no optimiser can delete
// any of it. The same (node_count, seed) always gives the same text.
std::string GenerateFunctionIr(int64_t node_count, uint64_t seed = 1);

}  // namespace xlsaot::bench

#endif  // XLSAOT_BENCH_FUNCTION_GENERATOR_H_
