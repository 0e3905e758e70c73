// The marshaling helpers generated code uses: values are masked to their
// width on the way in, and only a value's own bits come back out.
#include "xlsaot/marshal.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "gtest/gtest.h"

namespace xlsaot {
namespace {

static_assert(std::is_same_v<UIntForBits<1>, bool>);
static_assert(std::is_same_v<UIntForBits<2>, uint8_t>);
static_assert(std::is_same_v<UIntForBits<8>, uint8_t>);
static_assert(std::is_same_v<UIntForBits<9>, uint16_t>);
static_assert(std::is_same_v<UIntForBits<17>, uint32_t>);
static_assert(std::is_same_v<UIntForBits<33>, uint64_t>);
static_assert(std::is_same_v<UIntForBits<64>, uint64_t>);

TEST(MarshalTest, StoresMaskToTheWidth) {
  uint8_t buffer[8];
  std::memset(buffer, 0xaa, sizeof(buffer));
  StoreBits<3>(0xff, buffer);
  EXPECT_EQ(buffer[0], 0x07);
  EXPECT_EQ(buffer[1], 0xaa);  // nothing beyond the container is written
  StoreBits<1>(true, buffer);
  EXPECT_EQ(buffer[0], 1);
  StoreBits<12>(0xffff, buffer);
  EXPECT_EQ(buffer[0], 0xff);
  EXPECT_EQ(buffer[1], 0x0f);
  StoreBits<33>(~uint64_t{0}, buffer);
  uint64_t word;
  std::memcpy(&word, buffer, 8);
  EXPECT_EQ(word, (uint64_t{1} << 33) - 1);
  StoreBits<64>(0x0123456789abcdefull, buffer);
  std::memcpy(&word, buffer, 8);
  EXPECT_EQ(word, 0x0123456789abcdefull);
}

TEST(MarshalTest, LoadsIgnorePaddingBits) {
  uint8_t buffer[16];
  std::memset(buffer, 0xff, sizeof(buffer));
  EXPECT_EQ(LoadBits<1>(buffer), true);
  EXPECT_EQ(LoadBits<5>(buffer), 0x1f);
  EXPECT_EQ(LoadBits<12>(buffer), 0xfff);
  EXPECT_EQ(LoadBits<40>(buffer), (uint64_t{1} << 40) - 1);
  buffer[0] = 0xfe;
  EXPECT_EQ(LoadBits<1>(buffer), false);
  const Bits<65> wide = LoadWideBits<65>(buffer);
  EXPECT_EQ(wide.word(0), 0xfffffffffffffffeull);
  EXPECT_EQ(wide.word(1), 1u);  // only bit 64 of the second word
}

TEST(MarshalTest, WideValuesRoundTrip) {
  const auto value = Bits<130>::FromHex("0x3_0123_4567_89ab_cdef_fedc_ba98_7654_3210");
  ASSERT_TRUE(value.has_value());
  uint8_t buffer[24];
  StoreBits<130>(*value, buffer);
  EXPECT_EQ(LoadWideBits<130>(buffer), *value);
  EXPECT_EQ(LoadWideBits<130>(buffer).ToHex(), "0x30123456789abcdeffedcba9876543210");
}

}  // namespace
}  // namespace xlsaot
