// Edge cases of the bit operations. Expected values come from XLS's
// documented semantics (docs_src/ir_semantics.md) and worked by hand.
#include "interp/bits_ops.h"

#include "gtest/gtest.h"
#include "llvm/ADT/StringExtras.h"

namespace xlsaot::bits_ops {
namespace {

APInt U(unsigned width, uint64_t v) { return APInt(width, v); }
APInt S(unsigned width, int64_t v) { return APInt(width, static_cast<uint64_t>(v), true); }

// APInt equality requires equal widths; compare width and value explicitly so
// a width mistake shows up as a failure, not an assertion.
void ExpectBits(const APInt& actual, unsigned width, uint64_t value) {
  ASSERT_EQ(actual.getBitWidth(), width);
  if (width > 0) {
    EXPECT_EQ(actual, APInt(width, value)) << "got 0x" << llvm::toString(actual, 16, false, false);
  }
}

TEST(BitsOpsTest, UnsignedDivisionByZeroIsAllOnes) {
  ExpectBits(UDiv(U(8, 42), U(8, 0)), 8, 0xff);
  ExpectBits(UDiv(U(8, 0), U(8, 0)), 8, 0xff);
  ExpectBits(UDiv(U(8, 200), U(8, 7)), 8, 28);
}

TEST(BitsOpsTest, SignedDivisionByZeroSaturatesBySignOfDividend) {
  ExpectBits(SDiv(S(8, 5), U(8, 0)), 8, 0x7f);
  ExpectBits(SDiv(U(8, 0), U(8, 0)), 8, 0x7f);
  ExpectBits(SDiv(S(8, -5), U(8, 0)), 8, 0x80);
  ExpectBits(SDiv(S(1, -1), U(1, 0)), 1, 1);  // bits[1]: 1 is -1, min is 1
}

TEST(BitsOpsTest, SignedDivisionTruncatesTowardZeroAndWrapsMinByMinusOne) {
  ExpectBits(SDiv(S(8, -7), S(8, 2)), 8, static_cast<uint8_t>(-3));
  ExpectBits(SDiv(S(8, 7), S(8, -2)), 8, static_cast<uint8_t>(-3));
  ExpectBits(SDiv(S(8, -128), S(8, -1)), 8, 0x80);
  ExpectBits(SDiv(S(64, INT64_MIN), S(64, -1)), 64, 0x8000000000000000ull);
}

TEST(BitsOpsTest, ModulusByZeroIsZeroAndSignFollowsDividend) {
  ExpectBits(UMod(U(8, 42), U(8, 0)), 8, 0);
  ExpectBits(SMod(S(8, -42), U(8, 0)), 8, 0);
  ExpectBits(UMod(U(8, 200), U(8, 7)), 8, 4);
  ExpectBits(SMod(S(8, -7), S(8, 2)), 8, static_cast<uint8_t>(-1));
  ExpectBits(SMod(S(8, 7), S(8, -2)), 8, 1);
  ExpectBits(SMod(S(8, -128), S(8, -1)), 8, 0);
}

TEST(BitsOpsTest, WideDivision) {
  // (2^100 + 5) / 3 = 422550200076076467165567735127 rem 0; check via
  // multiplication back.
  APInt x = APInt::getOneBitSet(128, 100) + APInt(128, 5);
  APInt q = UDiv(x, APInt(128, 3));
  APInt r = UMod(x, APInt(128, 3));
  EXPECT_EQ(q * APInt(128, 3) + r, x);
  EXPECT_TRUE(r.ult(3));
}

TEST(BitsOpsTest, LogicalShiftsByWidthOrMoreGiveZero) {
  ExpectBits(Shll(U(8, 0xff), U(4, 8)), 8, 0);
  ExpectBits(Shrl(U(8, 0xff), U(4, 9)), 8, 0);
  ExpectBits(Shll(U(8, 0x81), U(3, 1)), 8, 0x02);
  ExpectBits(Shrl(U(8, 0xff), U(64, 3)), 8, 0x1f);
  // A 200-bit amount whose low bits are small but which is huge overall.
  APInt huge = APInt::getOneBitSet(200, 150) + APInt(200, 1);
  ExpectBits(Shll(U(8, 0xff), huge), 8, 0);
  ExpectBits(Shrl(U(8, 0xff), huge), 8, 0);
  // Zero-width amount: no shift.
  ExpectBits(Shll(U(8, 0x35), Zeros(0)), 8, 0x35);
}

TEST(BitsOpsTest, ArithmeticShiftFillsWithSign) {
  ExpectBits(Shra(U(8, 0x80), U(8, 100)), 8, 0xff);
  ExpectBits(Shra(U(8, 0x40), U(8, 9)), 8, 0x00);
  ExpectBits(Shra(U(8, 0x90), U(8, 2)), 8, 0xe4);
  ExpectBits(Shra(U(8, 0x90), APInt::getAllOnes(100)), 8, 0xff);
}

TEST(BitsOpsTest, MixedWidthMultiply) {
  ExpectBits(UMul(U(7, 3), U(10, 5), 9), 9, 15);
  ExpectBits(UMul(U(8, 255), U(8, 255), 8), 8, 1);          // 65025 mod 256
  ExpectBits(UMul(U(8, 255), U(8, 255), 20), 20, 65025);   // zero-extended
  ExpectBits(SMul(S(8, -1), U(4, 3), 16), 16, 0xfffd);     // -3, sign-extended
  ExpectBits(SMul(S(4, -8), S(4, -8), 8), 8, 64);          // exact in 8 bits
  ExpectBits(SMul(S(4, -8), S(4, -8), 6), 6, 0);           // 64 mod 64
  ExpectBits(UMul(U(0, 0), U(8, 9), 4), 4, 0);
}

TEST(BitsOpsTest, BitSliceUpdateMatchesDocumentedExamples) {
  ExpectBits(BitSliceUpdate(U(16, 0xabcd), U(8, 0), U(8, 0xff)), 16, 0xabff);
  ExpectBits(BitSliceUpdate(U(16, 0xabcd), U(8, 4), U(8, 0xff)), 16, 0xaffd);
  ExpectBits(BitSliceUpdate(U(16, 0xabcd), U(8, 12), U(8, 0xff)), 16, 0xfbcd);
  ExpectBits(BitSliceUpdate(U(16, 0xabcd), U(8, 16), U(8, 0xff)), 16, 0xabcd);
  ExpectBits(BitSliceUpdate(U(16, 0xabcd), APInt::getAllOnes(90), U(8, 0xff)), 16, 0xabcd);
  // Update wider than the target.
  ExpectBits(BitSliceUpdate(U(4, 0x5), U(4, 1), U(12, 0xfff)), 4, 0xf);
}

TEST(BitsOpsTest, DynamicBitSliceShiftsInZeros) {
  ExpectBits(DynamicBitSlice(U(16, 0xabcd), U(8, 4), 4), 4, 0xc);
  ExpectBits(DynamicBitSlice(U(16, 0xabcd), U(8, 12), 8), 8, 0x0a);
  ExpectBits(DynamicBitSlice(U(16, 0xabcd), U(8, 16), 8), 8, 0);
  ExpectBits(DynamicBitSlice(U(16, 0xabcd), APInt::getAllOnes(70), 8), 8, 0);
}

TEST(BitsOpsTest, DecodeEncodeOneHot) {
  ExpectBits(Decode(U(3, 3), 8), 8, 0x08);
  ExpectBits(Decode(U(4, 9), 8), 8, 0);
  ExpectBits(Decode(U(4, 2), 3), 3, 0b100);
  ExpectBits(Encode(U(8, 0b00101000), 3), 3, 3 | 5);
  ExpectBits(Encode(U(8, 0), 3), 3, 0);
  ExpectBits(Encode(APInt::getOneBitSet(100, 99), 7), 7, 99);
  // Examples from the one_hot documentation.
  ExpectBits(OneHot(U(4, 0b0011), true), 5, 0b00001);
  ExpectBits(OneHot(U(4, 0b0111), false), 5, 0b00100);
  ExpectBits(OneHot(U(2, 0b00), false), 3, 0b100);
  ExpectBits(OneHot(U(2, 0b00), true), 3, 0b100);
  ExpectBits(OneHot(Zeros(0), true), 1, 1);
}

TEST(BitsOpsTest, MulpOffsetIsXlsInterpreterSplit) {
  // 0b01 on top, then (width - 2) ones shifted right by min(2, width - 3).
  ExpectBits(MulpOffset(8), 8, 0b01001111);
  ExpectBits(MulpOffset(9), 9, 0b010011111);
  ExpectBits(MulpOffset(4), 4, 0b0101);
  ExpectBits(MulpOffset(3), 3, 0b011);
  ExpectBits(MulpOffset(2), 2, 0b01);
  ExpectBits(MulpOffset(1), 1, 0);
  ExpectBits(MulpOffset(0), 0, 0);
}

TEST(BitsOpsTest, ConcatAndZeroWidthValues) {
  const APInt a = U(4, 0xa), z = Zeros(0), b = U(8, 0x5c);
  const APInt* parts[] = {&a, &z, &b};
  ExpectBits(Concat(parts), 12, 0xa5c);
  ExpectBits(Concat({}), 0, 0);
  ExpectBits(Negate(z), 0, 0);
  ExpectBits(SDiv(z, z), 0, 0);
  ExpectBits(Reverse(U(4, 0b0011)), 4, 0b1100);
  ExpectBits(SignExtend(z, 5), 5, 0);
  ExpectBits(SignExtend(U(3, 0b100), 6), 6, 0b111100);
  ExpectBits(ZeroExtend(U(3, 0b100), 6), 6, 0b000100);
  ExpectBits(BitSlice(U(8, 0xb6), 8, 0), 0, 0);
  ExpectBits(BitSlice(U(8, 0xb6), 2, 4), 4, 0xd);
}

TEST(BitsOpsTest, BoundedUnsigned) {
  EXPECT_EQ(ToBoundedUnsigned(U(8, 7), 10), 7u);
  EXPECT_EQ(ToBoundedUnsigned(U(8, 70), 10), 10u);
  EXPECT_EQ(ToBoundedUnsigned(APInt::getOneBitSet(300, 200), 10), 10u);
  EXPECT_EQ(ToBoundedUnsigned(Zeros(0), 10), 0u);
}

}  // namespace
}  // namespace xlsaot::bits_ops
