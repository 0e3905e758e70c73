// The packed-value conversions of the DPI-C glue (xlsaot/dpi_support.h)
// against a bit-by-bit model, for every container class and bit position
// across word boundaries.
#include "xlsaot/dpi_support.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace xlsaot {
namespace {

bool PackedBit(const std::vector<uint32_t>& words, uint64_t i) { return (words[i / 32] >> (i % 32)) & 1; }
bool LeafBit(const std::vector<uint8_t>& leaf, uint64_t i) { return (leaf[i / 8] >> (i % 8)) & 1; }

// The ABI container of bits[width] (docs/abi.md).
size_t ContainerBytes(uint64_t width) {
  if (width <= 8) return 1;
  if (width <= 16) return 2;
  if (width <= 32) return 4;
  return (width + 63) / 64 * 8;
}

std::vector<uint32_t> RandomWords(std::mt19937_64& rng, size_t count) {
  std::vector<uint32_t> words(count);
  for (uint32_t& w : words) w = static_cast<uint32_t>(rng());
  return words;
}

constexpr uint64_t kWidths[] = {1, 2, 7, 8, 9, 16, 17, 31, 32, 33, 63, 64, 65, 100, 128, 129, 200};
constexpr uint64_t kOffsets[] = {0, 1, 5, 31, 32, 33, 63, 64, 77};

TEST(DpiSupportTest, UnpackCopiesTheFieldAndZeroesTheContainerAboveIt) {
  std::mt19937_64 rng(7);
  for (uint64_t width : kWidths) {
    for (uint64_t lsb : kOffsets) {
      const std::vector<uint32_t> words = RandomWords(rng, (lsb + width + 31) / 32);
      // Garbage in the container first: every byte must be rewritten.
      std::vector<uint8_t> leaf(ContainerBytes(width), 0xa5);
      UnpackDpiBits(words.data(), lsb, width, leaf.data());
      for (uint64_t i = 0; i < leaf.size() * 8; ++i) {
        const bool want = i < width && PackedBit(words, lsb + i);
        ASSERT_EQ(LeafBit(leaf, i), want) << "width " << width << ", lsb " << lsb << ", bit " << i;
      }
    }
  }
}

TEST(DpiSupportTest, PackWritesTheFieldOnlyAndIgnoresContainerPadding) {
  std::mt19937_64 rng(11);
  for (uint64_t width : kWidths) {
    for (uint64_t lsb : kOffsets) {
      const size_t word_count = (lsb + width + 31) / 32 + 1;  // one word beyond the field
      const std::vector<uint32_t> before = RandomWords(rng, word_count);
      std::vector<uint8_t> leaf(ContainerBytes(width));
      for (uint8_t& byte : leaf) byte = static_cast<uint8_t>(rng());  // padding bits set too
      std::vector<uint32_t> words = before;
      PackDpiBits(leaf.data(), width, words.data(), lsb);
      for (uint64_t i = 0; i < word_count * 32; ++i) {
        const bool in_field = i >= lsb && i < lsb + width;
        const bool want = in_field ? LeafBit(leaf, i - lsb) : PackedBit(before, i);
        ASSERT_EQ(PackedBit(words, i), want) << "width " << width << ", lsb " << lsb << ", bit " << i;
      }
    }
  }
}

TEST(DpiSupportTest, ClearZeroesExactlyTheWordsOfTheWidth) {
  std::vector<uint32_t> words(5, 0xffffffffu);
  ClearDpiBits(words.data(), 65);  // three words
  EXPECT_EQ(words, (std::vector<uint32_t>{0, 0, 0, 0xffffffffu, 0xffffffffu}));
  ClearDpiBits(words.data() + 3, 1);
  EXPECT_EQ(words[3], 0u);
  EXPECT_EQ(words[4], 0xffffffffu);
}

TEST(DpiSupportTest, RunnerErrorsNameTheFunction) {
  SetDpiRunnerError("crc", MakeError(ErrorCode::kAbiMismatch, "no such CPU feature: avx512f"));
  EXPECT_EQ(std::string(DpiLastError()), "cannot create the runner of 'crc': no such CPU feature: avx512f");
}

}  // namespace
}  // namespace xlsaot
