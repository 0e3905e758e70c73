// Which counted_for loops the lowering asks LLVM to unroll completely.
//
// A counted_for with a small constant trip count is worth unrolling: every
// copy of the body sees a constant index, so array_index and array_update at
// index expressions become accesses at constant offsets, which LLVM's SROA
// then keeps in registers (the SHA-256 message schedule becomes straight-line
// code on 64 values instead of loads and stores through a 256-byte array),
// and loop constants (round keys) become immediates. The cost is code size
// and compile time, bounded by a budget on the number of IR nodes the
// unrolled loop amounts to. Loops computing on bits wider than a machine
// word are never unrolled: LLVM expands wide arithmetic inline, and
// unrolled its cost grows out of proportion (a 100-trip loop of bits[512]
// multiplies took 16 s to compile instead of 0.02 s).
#ifndef XLSAOT_CODEGEN_LOOP_UNROLLING_H_
#define XLSAOT_CODEGEN_LOOP_UNROLLING_H_

#include <cstdint>

#include "ir/function.h"
#include "ir/node.h"

namespace xlsaot::codegen {

// Wider values make a loop body too expensive to unroll.
inline constexpr int64_t kMaxUnrolledBits = 64;

// What unrolling the evaluation of `function` once costs: the number of IR
// nodes it amounts to when every call is expanded (nodes of invoked and
// mapped functions count once per call or element, a counted_for's body
// once per trip, a dynamic_counted_for's once), or more than `limit` when
// any of those nodes is bits wider than kMaxUnrolledBits. Saturates at
// limit + 1, so that measuring deeply nested calls takes at most about
// `limit` steps.
int64_t UnrollingCost(const Function& function, int64_t limit);

// Whether the counted_for `loop` is unrolled completely: it runs at least
// twice and its trip count times its body's UnrollingCost is at most
// `budget` (CodegenOptions::full_unroll_nodes; 0 unrolls nothing).
bool ShouldUnrollFully(const Node& loop, int64_t budget);

}  // namespace xlsaot::codegen

#endif  // XLSAOT_CODEGEN_LOOP_UNROLLING_H_
