#include "xlsaot/bits.h"

#include <cstring>

#include "gtest/gtest.h"

namespace xlsaot {
namespace {

TEST(BitsTest, StorageIsLittleEndianWords) {
  static_assert(sizeof(Bits<65>) == 16);
  static_assert(sizeof(Bits<257>) == 40);
  Bits<65> b = Bits<65>::FromUint64(0x0123456789abcdefULL);
  b.set_bit(64, true);
  uint64_t words[2];
  std::memcpy(words, b.data(), sizeof(words));
  EXPECT_EQ(words[0], 0x0123456789abcdefULL);
  EXPECT_EQ(words[1], 1u);
}

TEST(BitsTest, HexRoundTrip) {
  auto b = Bits<129>::FromHex("0x1_0000_0000_0000_0000_0000_0000_0000_0001");
  ASSERT_TRUE(b.has_value());
  EXPECT_TRUE(b->bit(0));
  EXPECT_TRUE(b->bit(128));
  EXPECT_FALSE(b->bit(64));
  EXPECT_EQ(b->ToHex(), "0x100000000000000000000000000000001");
  EXPECT_EQ(Bits<100>().ToHex(), "0x0");
}

TEST(BitsTest, HexRejectsBadDigitsAndOverflow) {
  EXPECT_FALSE(Bits<65>::FromHex("0xg").has_value());
  EXPECT_FALSE(Bits<65>::FromHex("").has_value());
  EXPECT_FALSE(Bits<65>::FromHex("0x").has_value());
  // 65 bits fit, 66 do not.
  EXPECT_TRUE(Bits<65>::FromHex("0x1_ffff_ffff_ffff_ffff").has_value());
  EXPECT_FALSE(Bits<65>::FromHex("0x3_ffff_ffff_ffff_ffff").has_value());
}

TEST(BitsTest, BytesRoundTripAndMaskTopBits) {
  std::array<uint8_t, 9> bytes{};
  for (uint8_t& byte : bytes) byte = static_cast<uint8_t>(0xff);
  auto b = Bits<66>::FromBytes(bytes);
  EXPECT_EQ(b.word(0), ~uint64_t{0});
  EXPECT_EQ(b.word(1), 3u);  // only bits 64 and 65 survive
  auto out = b.ToBytes();
  EXPECT_EQ(out.size(), 9u);
  EXPECT_EQ(out[8], 3);
  EXPECT_EQ(Bits<66>::FromBytes(out), b);
}

}  // namespace
}  // namespace xlsaot
