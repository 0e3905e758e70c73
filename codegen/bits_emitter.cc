#include "codegen/bits_emitter.h"

#include <vector>

#include "llvm/ADT/ArrayRef.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"

namespace xlsaot::codegen {
namespace {

using llvm::APInt;

llvm::IntegerType* IntTy(Builder& b, int64_t width) {
  return b.getIntNTy(static_cast<unsigned>(width));
}

llvm::Value* Const(Builder& b, int64_t width, uint64_t value) {
  return llvm::ConstantInt::get(IntTy(b, width), value);
}

llvm::Value* AllOnes(Builder& b, int64_t width) {
  return llvm::ConstantInt::get(b.getContext(), APInt::getAllOnes(static_cast<unsigned>(width)));
}

// The amount of a shift of a `width`-bit value as an i64: `amount` when
// `in_range` (then amount < width), else `fallback`. Choosing on 64 bits
// keeps the amount's high bits visibly zero to LLVM (a select between two
// full-width amounts makes wide shifts expand into enormous code).
llvm::Value* Amount64(Builder& b, llvm::Value* amount, llvm::Value* in_range, uint64_t fallback = 0) {
  return b.CreateSelect(in_range, Resize(b, amount, 64, false), b.getInt64(fallback));
}

// The n-bit mask of positions i whose index has bit j set.
APInt IndexBitMask(unsigned n, int64_t j) {
  static constexpr uint64_t kInWord[6] = {0xaaaaaaaaaaaaaaaa, 0xcccccccccccccccc, 0xf0f0f0f0f0f0f0f0,
                                          0xff00ff00ff00ff00, 0xffff0000ffff0000, 0xffffffff00000000};
  std::vector<uint64_t> words((n + 63) / 64);
  for (size_t k = 0; k < words.size(); ++k)
    words[k] = j < 6 ? kInWord[j] : (((k >> (j - 6)) & 1) != 0 ? ~uint64_t{0} : 0);
  return APInt(n, llvm::ArrayRef<uint64_t>(words));  // bits above n are dropped
}

}  // namespace

int64_t WidthOf(llvm::Value* v) {
  return v == nullptr ? 0 : static_cast<int64_t>(v->getType()->getIntegerBitWidth());
}

llvm::Value* ConstBits(Builder& b, const APInt& value) {
  if (value.getBitWidth() == 0) return nullptr;
  return llvm::ConstantInt::get(b.getContext(), value);
}

llvm::Value* ZeroBits(Builder& b, int64_t width) {
  return width == 0 ? nullptr : Const(b, width, 0);
}

llvm::Value* Resize(Builder& b, llvm::Value* v, int64_t width, bool is_signed) {
  if (width == 0) return nullptr;
  const int64_t from = WidthOf(v);
  if (from == 0) return Const(b, width, 0);
  if (from == width) return v;
  if (from > width) return b.CreateTrunc(v, IntTy(b, width));
  return is_signed ? b.CreateSExt(v, IntTy(b, width)) : b.CreateZExt(v, IntTy(b, width));
}

llvm::Value* ULessThan(Builder& b, llvm::Value* v, uint64_t limit) {
  const int64_t w = WidthOf(v);
  if (w == 0) return b.getInt1(limit > 0);
  // Every w-bit value is below a limit of at least 2^w.
  if (w < 64 && limit >= (uint64_t{1} << w)) return b.getInt1(true);
  return b.CreateICmpULT(v, Const(b, w, limit));
}

llvm::Value* ClampToIndex(Builder& b, llvm::Value* v, uint64_t max) {
  const int64_t w = WidthOf(v);
  if (w == 0) return b.getInt64(0);
  if (w < 64 && (uint64_t{1} << w) - 1 <= max) return b.CreateZExt(v, b.getInt64Ty());
  llvm::Value* too_big = b.CreateICmpUGT(v, Const(b, w, max));
  return b.CreateSelect(too_big, b.getInt64(max), Resize(b, v, 64, false));
}

namespace {

// Quotient or remainder of a signed division by a divisor that is neither
// 0 nor -1: native for up to 128 bits, otherwise through magnitudes and the
// unsigned primitive.
llvm::Value* SignedDivRem(Builder& b, llvm::Value* x, llvm::Value* divisor, bool remainder,
                          const UDivRem& udivrem) {
  if (WidthOf(x) <= kMaxNativeDivisionBits)
    return remainder ? b.CreateSRem(x, divisor) : b.CreateSDiv(x, divisor);
  llvm::Value* x_negative = b.CreateIsNeg(x);
  llvm::Value* d_negative = b.CreateIsNeg(divisor);
  llvm::Value* x_magnitude = b.CreateSelect(x_negative, b.CreateNeg(x), x);
  llvm::Value* d_magnitude = b.CreateSelect(d_negative, b.CreateNeg(divisor), divisor);
  llvm::Value* r = udivrem(x_magnitude, d_magnitude, remainder);
  // The quotient truncates toward zero; the remainder takes x's sign.
  llvm::Value* negate = remainder ? x_negative : b.CreateXor(x_negative, d_negative);
  return b.CreateSelect(negate, b.CreateNeg(r), r);
}

}  // namespace

llvm::Value* NativeUDivRem(Builder& b, llvm::Value* x, llvm::Value* divisor, bool remainder) {
  return remainder ? b.CreateURem(x, divisor) : b.CreateUDiv(x, divisor);
}

llvm::Value* EmitUDiv(Builder& b, llvm::Value* x, llvm::Value* y, const UDivRem& udivrem) {
  const int64_t w = WidthOf(x);
  if (w == 0) return nullptr;
  llvm::Value* zero = b.CreateIsNull(y);
  llvm::Value* divisor = b.CreateSelect(zero, Const(b, w, 1), y);
  return b.CreateSelect(zero, AllOnes(b, w), udivrem(x, divisor, false));
}

llvm::Value* EmitSDiv(Builder& b, llvm::Value* x, llvm::Value* y, const UDivRem& udivrem) {
  const int64_t w = WidthOf(x);
  if (w == 0) return nullptr;
  const unsigned uw = static_cast<unsigned>(w);
  llvm::Value* zero = b.CreateIsNull(y);
  llvm::Value* minus_one = b.CreateICmpEQ(y, AllOnes(b, w));
  // Neither x / 0 nor INT_MIN / -1 may reach LLVM's sdiv (both are UB).
  llvm::Value* divisor = b.CreateSelect(b.CreateOr(zero, minus_one), Const(b, w, 1), y);
  llvm::Value* q = SignedDivRem(b, x, divisor, false, udivrem);
  q = b.CreateSelect(minus_one, b.CreateNeg(x), q);
  llvm::Value* saturated =
      b.CreateSelect(b.CreateIsNeg(x), ConstBits(b, APInt::getSignedMinValue(uw)),
                     ConstBits(b, APInt::getSignedMaxValue(uw)));
  return b.CreateSelect(zero, saturated, q);
}

llvm::Value* EmitUMod(Builder& b, llvm::Value* x, llvm::Value* y, const UDivRem& udivrem) {
  const int64_t w = WidthOf(y);
  if (w == 0) return nullptr;
  llvm::Value* zero = b.CreateIsNull(y);
  llvm::Value* divisor = b.CreateSelect(zero, Const(b, w, 1), y);
  return b.CreateSelect(zero, Const(b, w, 0), udivrem(x, divisor, true));
}

llvm::Value* EmitSMod(Builder& b, llvm::Value* x, llvm::Value* y, const UDivRem& udivrem) {
  const int64_t w = WidthOf(y);
  if (w == 0) return nullptr;
  // The remainder of a division by 0 is 0 in XLS, and by -1 it is always 0.
  llvm::Value* trivial = b.CreateOr(b.CreateIsNull(y), b.CreateICmpEQ(y, AllOnes(b, w)));
  llvm::Value* divisor = b.CreateSelect(trivial, Const(b, w, 1), y);
  return b.CreateSelect(trivial, Const(b, w, 0), SignedDivRem(b, x, divisor, true, udivrem));
}

llvm::Value* NativeShift(Builder& b, Op op, llvm::Value* x, llvm::Value* amount) {
  llvm::Value* wide = Resize(b, amount, WidthOf(x), false);
  switch (op) {
    case Op::kShll: return b.CreateShl(x, wide);
    case Op::kShrl: return b.CreateLShr(x, wide);
    default: return b.CreateAShr(x, wide);
  }
}

llvm::Value* EmitShift(Builder& b, Op op, llvm::Value* x, llvm::Value* amount, const Shifter& shift) {
  const int64_t w = WidthOf(x);
  if (w == 0) return nullptr;
  llvm::Value* in_range = ULessThan(b, amount, static_cast<uint64_t>(w));
  if (op == Op::kShra) {
    // Shifting by w or more copies the sign bit everywhere: ashr by w - 1.
    return shift(op, x, Amount64(b, amount, in_range, static_cast<uint64_t>(w - 1)));
  }
  return b.CreateSelect(in_range, shift(op, x, Amount64(b, amount, in_range)), Const(b, w, 0));
}

llvm::Value* EmitCompare(Builder& b, Op op, llvm::Value* x, llvm::Value* y) {
  if (x == nullptr) {
    // All bits[0] values are equal.
    const bool equal_holds = op == Op::kEq || op == Op::kULe || op == Op::kUGe ||
                             op == Op::kSLe || op == Op::kSGe;
    return b.getInt1(equal_holds);
  }
  switch (op) {
    case Op::kEq: return b.CreateICmpEQ(x, y);
    case Op::kNe: return b.CreateICmpNE(x, y);
    case Op::kULt: return b.CreateICmpULT(x, y);
    case Op::kULe: return b.CreateICmpULE(x, y);
    case Op::kUGt: return b.CreateICmpUGT(x, y);
    case Op::kUGe: return b.CreateICmpUGE(x, y);
    case Op::kSLt: return b.CreateICmpSLT(x, y);
    case Op::kSLe: return b.CreateICmpSLE(x, y);
    case Op::kSGt: return b.CreateICmpSGT(x, y);
    case Op::kSGe: return b.CreateICmpSGE(x, y);
    default: return nullptr;
  }
}

llvm::Value* EmitConcat(Builder& b, std::span<llvm::Value* const> parts) {
  int64_t total = 0;
  for (llvm::Value* p : parts) total += WidthOf(p);
  if (total == 0) return nullptr;
  llvm::Value* acc = nullptr;
  for (llvm::Value* p : parts) {
    const int64_t w = WidthOf(p);
    if (w == 0) continue;
    llvm::Value* wide = Resize(b, p, total, false);
    acc = acc == nullptr ? wide : b.CreateOr(b.CreateShl(acc, static_cast<uint64_t>(w)), wide);
  }
  return acc;
}

llvm::Value* EmitBitSlice(Builder& b, llvm::Value* x, int64_t start, int64_t width) {
  if (width == 0) return nullptr;
  llvm::Value* shifted = start == 0 ? x : b.CreateLShr(x, static_cast<uint64_t>(start));
  return Resize(b, shifted, width, false);
}

llvm::Value* EmitDynamicBitSlice(Builder& b, llvm::Value* x, llvm::Value* start, int64_t width,
                                 const Shifter& shift) {
  const int64_t w = WidthOf(x);
  if (width == 0) return nullptr;
  if (w == 0) return ZeroBits(b, width);
  // Bits past the top read as zero, which is what a logical shift brings in.
  llvm::Value* in_range = ULessThan(b, start, static_cast<uint64_t>(w));
  llvm::Value* shifted = shift(Op::kShrl, x, Amount64(b, start, in_range));
  return b.CreateSelect(in_range, Resize(b, shifted, width, false), Const(b, width, 0));
}

llvm::Value* EmitBitSliceUpdate(Builder& b, llvm::Value* x, llvm::Value* start, llvm::Value* update,
                                const Shifter& shift) {
  const int64_t n = WidthOf(x);
  const int64_t m = WidthOf(update);
  if (n == 0 || m == 0) return x;
  const unsigned un = static_cast<unsigned>(n);
  llvm::Value* in_range = ULessThan(b, start, static_cast<uint64_t>(n));
  llvm::Value* amount = Amount64(b, start, in_range);
  const APInt low_mask = m >= n ? APInt::getAllOnes(un) : APInt::getLowBitsSet(un, static_cast<unsigned>(m));
  llvm::Value* mask = shift(Op::kShll, ConstBits(b, low_mask), amount);
  llvm::Value* placed = shift(Op::kShll, Resize(b, update, n, false), amount);
  llvm::Value* updated = b.CreateOr(b.CreateAnd(x, b.CreateNot(mask)), b.CreateAnd(placed, mask));
  return b.CreateSelect(in_range, updated, x);
}

llvm::Value* EmitReverse(Builder& b, llvm::Value* x) {
  if (x == nullptr || WidthOf(x) == 1) return x;
  return b.CreateUnaryIntrinsic(llvm::Intrinsic::bitreverse, x);
}

llvm::Value* EmitDecode(Builder& b, llvm::Value* x, int64_t width, const Shifter& shift) {
  if (width == 0) return nullptr;
  llvm::Value* in_range = ULessThan(b, x, static_cast<uint64_t>(width));
  llvm::Value* bit = shift(Op::kShll, Const(b, width, 1), Amount64(b, x, in_range));
  return b.CreateSelect(in_range, bit, Const(b, width, 0));
}

llvm::Value* EmitEncode(Builder& b, llvm::Value* x, int64_t input_width, int64_t width) {
  if (width == 0) return nullptr;
  // Bit j of the result is set when any set input bit has bit j set in its
  // index: one masked test per result bit.
  const unsigned n = static_cast<unsigned>(input_width);
  llvm::Value* result = Const(b, width, 0);
  for (int64_t j = 0; j < width && j < 64; ++j) {
    const APInt mask = IndexBitMask(n, j);
    if (mask.isZero()) continue;
    llvm::Value* any = b.CreateIsNotNull(b.CreateAnd(x, ConstBits(b, mask)));
    result = b.CreateOr(result, b.CreateShl(b.CreateZExt(any, IntTy(b, width)), static_cast<uint64_t>(j)));
  }
  return result;
}

namespace {

// Word k (64 bits) of x, zero-extended past x's width.
llvm::Value* Word(Builder& b, llvm::Value* x, int64_t k) {
  llvm::Value* shifted = k == 0 ? x : b.CreateLShr(x, Const(b, WidthOf(x), static_cast<uint64_t>(64 * k)));
  return Resize(b, shifted, 64, false);
}

}  // namespace

llvm::Value* EmitLowestSetBit(Builder& b, llvm::Value* x) {
  const int64_t n = WidthOf(x);
  if (n <= 64) {
    return Resize(b, b.CreateBinaryIntrinsic(llvm::Intrinsic::cttz, x, b.getInt1(false)), 64, false);
  }
  // From the top word down, so that the lowest non-zero word decides.
  llvm::Value* index = b.getInt64(static_cast<uint64_t>(n));
  for (int64_t k = (n + 63) / 64; k-- > 0;) {
    llvm::Value* word = Word(b, x, k);
    llvm::Value* in_word = b.CreateBinaryIntrinsic(llvm::Intrinsic::cttz, word, b.getInt1(true));
    index = b.CreateSelect(b.CreateIsNull(word), index, b.CreateAdd(in_word, b.getInt64(static_cast<uint64_t>(64 * k))));
  }
  return index;
}

llvm::Value* EmitHighestSetBit(Builder& b, llvm::Value* x) {
  const int64_t n = WidthOf(x);
  if (n <= 64) {
    llvm::Value* leading = Resize(b, b.CreateBinaryIntrinsic(llvm::Intrinsic::ctlz, x, b.getInt1(false)), 64, false);
    return b.CreateSub(b.getInt64(static_cast<uint64_t>(n - 1)), leading);
  }
  // From the bottom word up, so that the highest non-zero word decides.
  llvm::Value* index = b.getInt64(0);
  for (int64_t k = 0; k < (n + 63) / 64; ++k) {
    llvm::Value* word = Word(b, x, k);
    llvm::Value* leading = b.CreateBinaryIntrinsic(llvm::Intrinsic::ctlz, word, b.getInt1(true));
    index = b.CreateSelect(b.CreateIsNull(word), index,
                           b.CreateSub(b.getInt64(static_cast<uint64_t>(64 * k + 63)), leading));
  }
  return index;
}

llvm::Value* EmitOneHot(Builder& b, llvm::Value* x, int64_t input_width, bool lsb_prio) {
  const int64_t n = input_width;
  const int64_t w = n + 1;
  llvm::Value* top = ConstBits(b, APInt::getOneBitSet(static_cast<unsigned>(w), static_cast<unsigned>(n)));
  if (n == 0) return top;
  llvm::Value* wide = Resize(b, x, w, false);
  llvm::Value* is_zero = b.CreateIsNull(x);
  llvm::Value* bit;
  if (lsb_prio) {
    bit = b.CreateAnd(wide, b.CreateNeg(wide));
  } else {
    // One bit at the highest set bit of x (any index when x is zero: the
    // select below replaces that result).
    llvm::Value* index = Resize(b, EmitHighestSetBit(b, x), w, false);
    index = b.CreateSelect(is_zero, Const(b, w, 0), index);
    bit = b.CreateShl(Const(b, w, 1), index);
  }
  return b.CreateSelect(is_zero, top, bit);
}

llvm::Value* EmitAndReduce(Builder& b, llvm::Value* x) {
  if (x == nullptr) return b.getInt1(true);
  return b.CreateICmpEQ(x, AllOnes(b, WidthOf(x)));
}

llvm::Value* EmitOrReduce(Builder& b, llvm::Value* x) {
  if (x == nullptr) return b.getInt1(false);
  return b.CreateIsNotNull(x);
}

llvm::Value* EmitXorReduce(Builder& b, llvm::Value* x) {
  if (x == nullptr) return b.getInt1(false);
  if (WidthOf(x) == 1) return x;
  return b.CreateTrunc(b.CreateUnaryIntrinsic(llvm::Intrinsic::ctpop, x), b.getInt1Ty());
}

}  // namespace xlsaot::codegen
