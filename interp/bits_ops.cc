#include "interp/bits_ops.h"

#include <algorithm>

#include "llvm/ADT/bit.h"

namespace xlsaot::bits_ops {
namespace {

unsigned Width(const APInt& x) { return x.getBitWidth(); }

}  // namespace

uint64_t ToBoundedUnsigned(const APInt& value, uint64_t limit) {
  if (value.getActiveBits() > 64) return limit;
  const uint64_t v = value.getZExtValue();
  return v > limit ? limit : v;
}

APInt Resize(const APInt& value, int64_t width, bool is_signed) {
  const unsigned w = static_cast<unsigned>(width);
  if (w == 0 || Width(value) == 0) return Zeros(width);
  return is_signed ? value.sextOrTrunc(w) : value.zextOrTrunc(w);
}

APInt Negate(const APInt& x) {
  if (Width(x) == 0) return x;
  APInt r = x;
  r.negate();
  return r;
}

bool SignedLessThan(const APInt& a, const APInt& b) {
  if (Width(a) == 0) return false;
  return a.slt(b);
}

APInt UMul(const APInt& a, const APInt& b, int64_t result_width) {
  if (result_width == 0) return Zeros(0);
  // Multiplying modulo 2^result_width gives the truncated exact product, and
  // when the result is at least as wide as both operands together the
  // product cannot overflow it, so this is also the zero-extended product.
  return Resize(a, result_width, false) * Resize(b, result_width, false);
}

APInt SMul(const APInt& a, const APInt& b, int64_t result_width) {
  if (result_width == 0) return Zeros(0);
  return Resize(a, result_width, true) * Resize(b, result_width, true);
}

APInt UDiv(const APInt& a, const APInt& b) {
  const unsigned w = Width(a);
  if (b.isZero()) return APInt::getAllOnes(w);
  if (w == 0) return a;
  const unsigned m = std::max(w, Width(b));
  return a.zext(m).udiv(b.zext(m)).trunc(w);
}

APInt SDiv(const APInt& a, const APInt& b) {
  const unsigned w = Width(a);
  if (w == 0) return a;
  if (b.isZero()) return a.isNegative() ? APInt::getSignedMinValue(w) : APInt::getSignedMaxValue(w);
  const unsigned m = std::max(w, Width(b));
  // APInt's sdiv wraps INT_MIN / -1 to INT_MIN, which is also the exact
  // quotient truncated to w bits.
  return a.sext(m).sdiv(b.sext(m)).trunc(w);
}

APInt UMod(const APInt& a, const APInt& b) {
  const unsigned w = Width(b);
  if (b.isZero() || Width(a) == 0) return Zeros(w);
  const unsigned m = std::max(w, Width(a));
  return a.zext(m).urem(b.zext(m)).trunc(w);
}

APInt SMod(const APInt& a, const APInt& b) {
  const unsigned w = Width(b);
  if (b.isZero() || Width(a) == 0) return Zeros(w);
  const unsigned m = std::max(w, Width(a));
  return a.sext(m).srem(b.sext(m)).trunc(w);
}

APInt Shll(const APInt& x, const APInt& amount) {
  const unsigned w = Width(x);
  const uint64_t s = ToBoundedUnsigned(amount, w);
  if (s >= w) return Zeros(w);
  return x.shl(static_cast<unsigned>(s));
}

APInt Shrl(const APInt& x, const APInt& amount) {
  const unsigned w = Width(x);
  const uint64_t s = ToBoundedUnsigned(amount, w);
  if (s >= w) return Zeros(w);
  return x.lshr(static_cast<unsigned>(s));
}

APInt Shra(const APInt& x, const APInt& amount) {
  const unsigned w = Width(x);
  const uint64_t s = ToBoundedUnsigned(amount, w);
  if (w == 0) return x;
  if (s >= w) return x.isNegative() ? APInt::getAllOnes(w) : Zeros(w);
  return x.ashr(static_cast<unsigned>(s));
}

APInt Concat(std::span<const APInt* const> parts) {
  unsigned total = 0;
  for (const APInt* p : parts) total += Width(*p);
  APInt r(total, uint64_t{0});
  unsigned pos = total;
  for (const APInt* p : parts) {
    pos -= Width(*p);
    if (Width(*p) != 0) r.insertBits(*p, pos);
  }
  return r;
}

APInt BitSlice(const APInt& x, int64_t start, int64_t width) {
  if (width == 0) return Zeros(0);
  return x.extractBits(static_cast<unsigned>(width), static_cast<unsigned>(start));
}

APInt DynamicBitSlice(const APInt& x, const APInt& start, int64_t width) {
  const unsigned w = Width(x);
  const uint64_t s = ToBoundedUnsigned(start, w);
  if (width == 0 || s >= w) return Zeros(width);
  return Resize(x.lshr(static_cast<unsigned>(s)), width, false);
}

APInt BitSliceUpdate(const APInt& x, const APInt& start, const APInt& update) {
  const unsigned n = Width(x);
  const uint64_t s = ToBoundedUnsigned(start, n);
  const unsigned m = Width(update);
  if (s >= n || m == 0) return x;
  const unsigned end = static_cast<unsigned>(std::min<uint64_t>(n, s + m));
  const APInt mask = APInt::getBitsSet(n, static_cast<unsigned>(s), end);
  const APInt placed = Resize(update, n, false).shl(static_cast<unsigned>(s));
  return (x & ~mask) | (placed & mask);
}

APInt Reverse(const APInt& x) {
  if (Width(x) == 0) return x;
  return x.reverseBits();
}

APInt ZeroExtend(const APInt& x, int64_t new_width) { return Resize(x, new_width, false); }

APInt SignExtend(const APInt& x, int64_t new_width) { return Resize(x, new_width, true); }

APInt Decode(const APInt& x, int64_t width) {
  const uint64_t index = ToBoundedUnsigned(x, static_cast<uint64_t>(width));
  if (index >= static_cast<uint64_t>(width)) return Zeros(width);
  return APInt::getOneBitSet(static_cast<unsigned>(width), static_cast<unsigned>(index));
}

APInt Encode(const APInt& x, int64_t width) {
  // The result has ceil(log2(width(x))) bits, so indices fit in 64 bits.
  uint64_t acc = 0;
  const unsigned n = Width(x);
  const uint64_t* words = x.getRawData();
  for (unsigned w = 0; w < x.getNumWords(); ++w) {
    uint64_t word = words[w];
    while (word != 0) {
      const unsigned bit = static_cast<unsigned>(llvm::countr_zero(word));
      const uint64_t index = uint64_t{w} * 64 + bit;
      if (index < n) acc |= index;
      word &= word - 1;
    }
  }
  return APInt(static_cast<unsigned>(width), acc);
}

APInt OneHot(const APInt& x, bool lsb_prio) {
  const unsigned n = Width(x);
  if (n == 0 || x.isZero()) return APInt::getOneBitSet(n + 1, n);
  const unsigned index = lsb_prio ? x.countr_zero() : n - 1 - x.countl_zero();
  return APInt::getOneBitSet(n + 1, index);
}

APInt MulpOffset(int64_t width) {
  // XLS (MulpOffsetForSimulation with the interpreter's shift of 2): the two
  // top bits are 0b01 and the remaining width - 2 bits are ones shifted
  // right by min(2, width - 3).
  const unsigned w = static_cast<unsigned>(width);
  if (w < 2) return Zeros(width);
  const unsigned low = w - 2;
  APInt r(w, uint64_t{0});
  if (low > 0) r = APInt::getLowBitsSet(w, low).lshr(std::min(low - 1, 2u));
  r.setBit(w - 2);
  return r;
}

}  // namespace xlsaot::bits_ops
