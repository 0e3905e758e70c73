// Bit-vector operations with XLS's exact semantics, on llvm::APInt.
//
// These are the edge cases every backend must reproduce: division and
// modulus by zero, shifts by any amount, slices that run off either end,
// mixed-width multiplies, the partial-product split of umulp/smulp. Every
// function accepts zero-width values (bits[0]), which APInt itself handles
// only partially.
#ifndef XLSAOT_INTERP_BITS_OPS_H_
#define XLSAOT_INTERP_BITS_OPS_H_

#include <cstdint>
#include <span>

#include "llvm/ADT/APInt.h"

namespace xlsaot::bits_ops {

using llvm::APInt;

inline APInt Zeros(int64_t width) { return APInt(static_cast<unsigned>(width), uint64_t{0}); }

// The value as an unsigned integer, or `limit` when it is larger (values of
// any width, including those beyond 64 bits).
uint64_t ToBoundedUnsigned(const APInt& value, uint64_t limit);

// Widening or narrowing to `width`; zero-extends (or sign-extends when
// `is_signed`) and truncates from the top.
APInt Resize(const APInt& value, int64_t width, bool is_signed);

APInt Negate(const APInt& x);
bool SignedLessThan(const APInt& a, const APInt& b);

// Products of any operand widths, reduced to `result_width` bits: the exact
// product truncated, or extended (zero / sign) when the result is wider.
APInt UMul(const APInt& a, const APInt& b, int64_t result_width);
APInt SMul(const APInt& a, const APInt& b, int64_t result_width);

// x / 0 is all ones (unsigned) or, signed, the largest positive value for a
// non-negative x and the most negative value for a negative x. x % 0 is 0.
// Signed division truncates toward zero (INT_MIN / -1 wraps to INT_MIN) and
// the remainder takes the sign of the dividend. Quotients have the width of
// `a`, remainders the width of `b` (they are equal in verified IR).
APInt UDiv(const APInt& a, const APInt& b);
APInt SDiv(const APInt& a, const APInt& b);
APInt UMod(const APInt& a, const APInt& b);
APInt SMod(const APInt& a, const APInt& b);

// Shift amounts are unsigned and of any width. Shifting by the width or more
// gives zero (shll, shrl) or copies of the sign bit (shra).
APInt Shll(const APInt& x, const APInt& amount);
APInt Shrl(const APInt& x, const APInt& amount);
APInt Shra(const APInt& x, const APInt& amount);

// The first part becomes the most significant bits.
APInt Concat(std::span<const APInt* const> parts);

// Static slice: start + width must not exceed x's width.
APInt BitSlice(const APInt& x, int64_t start, int64_t width);
// Bits past the top of x read as zero; a start at or beyond the width gives
// all zeros.
APInt DynamicBitSlice(const APInt& x, const APInt& start, int64_t width);
// x with `update` written at `start`; bits that fall past the top are
// dropped, and a start at or beyond the width leaves x unchanged.
APInt BitSliceUpdate(const APInt& x, const APInt& start, const APInt& update);

APInt Reverse(const APInt& x);
APInt ZeroExtend(const APInt& x, int64_t new_width);
APInt SignExtend(const APInt& x, int64_t new_width);

// One bit set at index x, or zero when x >= width.
APInt Decode(const APInt& x, int64_t width);
// The OR of the indices of all set bits of x (zero when none is set).
APInt Encode(const APInt& x, int64_t width);
// width(x) + 1 bits: the lowest (lsb_prio) or highest set bit of x, or the
// top bit alone when x is zero.
APInt OneHot(const APInt& x, bool lsb_prio);

// The first element of the (offset, product - offset) pair XLS's interpreter
// returns for umulp/smulp of result width `width`: 0b01 followed by
// width - 2 one bits shifted right by min(2, width - 3) (zero-filled), so
// that code relying on a particular split of the product is caught.
APInt MulpOffset(int64_t width);

}  // namespace xlsaot::bits_ops

#endif  // XLSAOT_INTERP_BITS_OPS_H_
