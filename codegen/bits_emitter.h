// SSA arithmetic on bits values with XLS's exact semantics: every edge case
// LLVM leaves undefined (division by zero, INT_MIN / -1, shifts by the width
// or more, out-of-range slice starts) is made explicit here.
//
// A bits[N] value is an iN SSA value; bits[0] is represented by nullptr and
// every function here accepts and produces it.
#ifndef XLSAOT_CODEGEN_BITS_EMITTER_H_
#define XLSAOT_CODEGEN_BITS_EMITTER_H_

#include <cstdint>
#include <functional>
#include <span>

#include "ir/op.h"
#include "llvm/ADT/APInt.h"
#include "llvm/IR/IRBuilder.h"

namespace xlsaot::codegen {

using Builder = llvm::IRBuilder<>;

// Width of a bits SSA value (0 for nullptr).
int64_t WidthOf(llvm::Value* v);

// The constant `value` (nullptr when its width is 0).
llvm::Value* ConstBits(Builder& b, const llvm::APInt& value);
llvm::Value* ZeroBits(Builder& b, int64_t width);

// `v` zero- or sign-extended or truncated to `width`.
llvm::Value* Resize(Builder& b, llvm::Value* v, int64_t width, bool is_signed);

// i1: v < limit, for v of any width.
llvm::Value* ULessThan(Builder& b, llvm::Value* v, uint64_t limit);
// i64: min(v, max), for v of any width.
llvm::Value* ClampToIndex(Builder& b, llvm::Value* v, uint64_t max);

// Unsigned quotient (or remainder) of two values of equal width, the
// divisor non-zero. Wider than kMaxNativeDivisionBits the lowering supplies
// a word-loop implementation: LLVM expands wide division inline, with a
// wide multiply for the remainder whose code grows with the square of the
// width.
using UDivRem = std::function<llvm::Value*(llvm::Value* x, llvm::Value* divisor, bool remainder)>;
inline constexpr int64_t kMaxNativeDivisionBits = 128;
llvm::Value* NativeUDivRem(Builder& b, llvm::Value* x, llvm::Value* divisor, bool remainder);

// XLS division and modulus (x / 0 saturates, x % 0 is 0, INT_MIN / -1
// wraps); `udivrem` is used for unsigned division at every width and for
// signed division above kMaxNativeDivisionBits.
llvm::Value* EmitUDiv(Builder& b, llvm::Value* x, llvm::Value* y, const UDivRem& udivrem);
llvm::Value* EmitSDiv(Builder& b, llvm::Value* x, llvm::Value* y, const UDivRem& udivrem);
llvm::Value* EmitUMod(Builder& b, llvm::Value* x, llvm::Value* y, const UDivRem& udivrem);
llvm::Value* EmitSMod(Builder& b, llvm::Value* x, llvm::Value* y, const UDivRem& udivrem);

// A shift (op kShll, kShrl or kShra) of `x` by an i64 `amount` known to be
// below x's width. Wide values get a word-loop implementation from the
// lowering; NativeShift is LLVM's own shift.
using Shifter = std::function<llvm::Value*(Op op, llvm::Value* x, llvm::Value* amount)>;
llvm::Value* NativeShift(Builder& b, Op op, llvm::Value* x, llvm::Value* amount);

// XLS shifts: `amount` has any width; shifting by the width or more gives
// zeros (or sign copies for kShra).
llvm::Value* EmitShift(Builder& b, Op op, llvm::Value* x, llvm::Value* amount, const Shifter& shift);

// i1 result of comparison op (kEq ... kSGe) on two bits values of equal width.
llvm::Value* EmitCompare(Builder& b, Op op, llvm::Value* x, llvm::Value* y);

// Parts most significant first; result width is the sum of their widths.
llvm::Value* EmitConcat(Builder& b, std::span<llvm::Value* const> parts);

llvm::Value* EmitBitSlice(Builder& b, llvm::Value* x, int64_t start, int64_t width);
llvm::Value* EmitDynamicBitSlice(Builder& b, llvm::Value* x, llvm::Value* start, int64_t width,
                                 const Shifter& shift);
llvm::Value* EmitBitSliceUpdate(Builder& b, llvm::Value* x, llvm::Value* start, llvm::Value* update,
                                const Shifter& shift);
llvm::Value* EmitReverse(Builder& b, llvm::Value* x);
llvm::Value* EmitDecode(Builder& b, llvm::Value* x, int64_t width, const Shifter& shift);
llvm::Value* EmitEncode(Builder& b, llvm::Value* x, int64_t input_width, int64_t width);
llvm::Value* EmitOneHot(Builder& b, llvm::Value* x, int64_t input_width, bool lsb_prio);

// i64 index of the lowest (EmitLowestSetBit) or highest (EmitHighestSetBit)
// set bit of a non-null `x`; the lowest of zero is x's width, the highest of
// zero is unspecified (callers select). Wider than 64 bits they scan 64-bit
// words: LLVM 19's x86 back end miscompiles arithmetic on the result of
// llvm.cttz of a wide integer (the high half of a later 128-bit product was
// taken from the low half), and word scans keep every count in a legal type.
llvm::Value* EmitLowestSetBit(Builder& b, llvm::Value* x);
llvm::Value* EmitHighestSetBit(Builder& b, llvm::Value* x);

// i1 reductions; bits[0] and-reduces to 1 and or/xor-reduces to 0.
llvm::Value* EmitAndReduce(Builder& b, llvm::Value* x);
llvm::Value* EmitOrReduce(Builder& b, llvm::Value* x);
llvm::Value* EmitXorReduce(Builder& b, llvm::Value* x);

}  // namespace xlsaot::codegen

#endif  // XLSAOT_CODEGEN_BITS_EMITTER_H_
