// The runtime's trace formatting: parsing format strings, and rendering
// bits and aggregates straight from the buffers of compiled code (padding
// ignored), as ahead-of-time compiled artifacts with events do. The same
// functions render the interpreter's and the JIT's traces
// (tests/interp/trace_format_test.cc checks them against LLVM's APInt).
#include "xlsaot/trace_format.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "xlsaot/value_text.h"

namespace xlsaot {
namespace {

std::string Bits(std::vector<uint64_t> words, uint64_t width, FormatPreference preference) {
  std::string out;
  AppendBitsText(words, width, preference, out);
  return out;
}

TEST(TraceFormatTest, ParsesIntoSteps) {
  Result<std::vector<TraceFormatStep>> steps = ParseTraceFormat("a {:x} b {}{{}}");
  ASSERT_TRUE(steps.ok()) << steps.error();
  ASSERT_EQ(steps->size(), 5u);
  EXPECT_EQ((*steps)[0].text, "a ");
  EXPECT_TRUE((*steps)[1].is_operand);
  EXPECT_EQ((*steps)[1].preference, FormatPreference::kPlainHex);
  EXPECT_EQ((*steps)[2].text, " b ");
  EXPECT_EQ((*steps)[3].preference, FormatPreference::kDefault);
  EXPECT_EQ((*steps)[4].text, "{}");
  EXPECT_EQ(TraceOperandCount(*steps), 2);
}

TEST(TraceFormatTest, RejectsMalformedFormats) {
  const std::pair<const char*, const char*> cases[] = {
      {"{", "trace format has a '{' without a matching '}' at offset 0"},
      {"x {:y} z", "trace format has an unsupported placeholder '{:y}'"},
      {"}", "trace format has a '}' without a matching '{' at offset 0"},
      {"a } b", "trace format has a '}' without a matching '{' at offset 2"},
      {"{:X}", "trace format has an unsupported placeholder '{:X}'"},
      {"{0}", "trace format has an unsupported placeholder '{0}'"},
      {"{ }", "trace format has an unsupported placeholder '{ }'"},
      // User text is escaped: an error is one line.
      {"{\n}", "trace format has an unsupported placeholder '{\\n}'"},
  };
  for (const auto& [bad, message] : cases) {
    Result<std::vector<TraceFormatStep>> steps = ParseTraceFormat(bad);
    ASSERT_FALSE(steps.ok()) << bad;
    EXPECT_EQ(steps.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(steps.error(), message);
  }
}

TEST(TraceFormatTest, EveryPreferenceOnThirteenBits) {
  const std::vector<uint64_t> v = {0x1abc | 0xffff'0000};  // bits past the width are ignored
  EXPECT_EQ(Bits(v, 13, FormatPreference::kDefault), "6844");
  EXPECT_EQ(Bits(v, 13, FormatPreference::kUnsignedDecimal), "6844");
  EXPECT_EQ(Bits(v, 13, FormatPreference::kSignedDecimal), "-1348");
  EXPECT_EQ(Bits(v, 13, FormatPreference::kPlainHex), "1abc");
  EXPECT_EQ(Bits(v, 13, FormatPreference::kHex), "0x1abc");
  EXPECT_EQ(Bits(v, 13, FormatPreference::kZeroPaddedHex), "1abc");
  EXPECT_EQ(Bits(v, 13, FormatPreference::kPlainBinary), "1101010111100");
  EXPECT_EQ(Bits(v, 13, FormatPreference::kBinary), "0b1_1010_1011_1100");
  EXPECT_EQ(Bits(v, 13, FormatPreference::kZeroPaddedBinary), "1_1010_1011_1100");
  EXPECT_EQ(Bits({1}, 13, FormatPreference::kZeroPaddedHex), "0001");
}

TEST(TraceFormatTest, WidthsZeroOneSixtyFourAndSixtyFive) {
  for (FormatPreference p : {FormatPreference::kDefault, FormatPreference::kUnsignedDecimal,
                             FormatPreference::kSignedDecimal, FormatPreference::kPlainHex,
                             FormatPreference::kPlainBinary, FormatPreference::kZeroPaddedHex,
                             FormatPreference::kZeroPaddedBinary}) {
    EXPECT_EQ(Bits({}, 0, p), "0");
  }
  EXPECT_EQ(Bits({}, 0, FormatPreference::kHex), "0x0");
  EXPECT_EQ(Bits({}, 0, FormatPreference::kBinary), "0b0");
  EXPECT_EQ(Bits({1}, 1, FormatPreference::kDefault), "1");
  EXPECT_EQ(Bits({1}, 1, FormatPreference::kSignedDecimal), "-1");
  EXPECT_EQ(Bits({1}, 1, FormatPreference::kZeroPaddedBinary), "1");
  const uint64_t ones = ~uint64_t{0};
  EXPECT_EQ(Bits({ones}, 64, FormatPreference::kDefault), "18446744073709551615");
  EXPECT_EQ(Bits({ones}, 64, FormatPreference::kSignedDecimal), "-1");
  EXPECT_EQ(Bits({uint64_t{1} << 63}, 64, FormatPreference::kSignedDecimal), "-9223372036854775808");
  EXPECT_EQ(Bits({ones}, 64, FormatPreference::kHex), "0xffff_ffff_ffff_ffff");
  // Past 64 bits the default is hex.
  EXPECT_EQ(Bits({0, 1}, 65, FormatPreference::kDefault), "0x1_0000_0000_0000_0000");
  EXPECT_EQ(Bits({0, 1}, 65, FormatPreference::kUnsignedDecimal), "18446744073709551616");
  EXPECT_EQ(Bits({0, 1}, 65, FormatPreference::kSignedDecimal), "-18446744073709551616");
  EXPECT_EQ(Bits({5, 0}, 65, FormatPreference::kZeroPaddedHex), "0_0000_0000_0000_0005");
}

TEST(TraceFormatTest, ThousandBits) {
  // 10^20 spans two words and two decimal chunks of 19 digits.
  std::vector<uint64_t> words(16, 0);
  words[0] = 0x6bc75e2d63100000ull;  // 10^20 = 0x5_6bc7_5e2d_6310_0000
  words[1] = 0x5;
  EXPECT_EQ(Bits(words, 1000, FormatPreference::kUnsignedDecimal), "100000000000000000000");
  EXPECT_EQ(Bits(words, 1000, FormatPreference::kDefault), "0x5_6bc7_5e2d_6310_0000");
  // All ones: -1 signed; 250 hex digits when padded.
  std::vector<uint64_t> ones(16, ~uint64_t{0});
  EXPECT_EQ(Bits(ones, 1000, FormatPreference::kSignedDecimal), "-1");
  const std::string padded = Bits(ones, 1000, FormatPreference::kPlainHex);
  EXPECT_EQ(padded, std::string(250, 'f'));
  // 2^999 - 1: 301 decimal digits, starting 5357543035931336604742125245300009052807.
  std::vector<uint64_t> big(16, ~uint64_t{0});
  big[15] = (uint64_t{1} << (999 - 960)) - 1;
  const std::string decimal = Bits(big, 1000, FormatPreference::kUnsignedDecimal);
  EXPECT_EQ(decimal.size(), 301u);
  EXPECT_EQ(decimal.substr(0, 40), "5357543035931336604742125245300009052807");
  EXPECT_EQ(decimal.back(), '7');  // 2^999 ends in 8
}

// bits[13] at 0 and bits[65] at 8 in a tuple; two of them in an array; a
// token; the format's operands are the array and the token.
struct Layout {
  std::vector<TypeDesc> types = {
      {.kind = TypeDescKind::kBits, .bit_count = 13, .size = 2, .alignment = 2},
      {.kind = TypeDescKind::kBits, .bit_count = 65, .size = 16, .alignment = 8},
      {.kind = TypeDescKind::kTuple, .size = 24, .alignment = 8, .element_count = 2, .first_field = 0},
      {.kind = TypeDescKind::kArray, .size = 48, .alignment = 8, .element_count = 2, .element_type = 2,
       .stride = 24},
      {.kind = TypeDescKind::kToken, .size = 0, .alignment = 1},
  };
  std::vector<FieldDesc> fields = {{0, 0}, {1, 8}};
  MetadataView View() const {
    MetadataView v;
    v.types = types;
    v.fields = fields;
    return v;
  }
};

TEST(TraceFormatTest, RendersAggregatesFromBuffersIgnoringPadding) {
  const Layout layout;
  const MetadataView m = layout.View();
  uint8_t array[48];
  std::memset(array, 0xee, sizeof array);  // padding everywhere
  const uint16_t a0 = 0x1abc | 0xe000;     // high bits of the container are padding
  const uint64_t b0[2] = {5, 1 | 0xfeull << 56};
  const uint16_t a1 = 3;
  const uint64_t b1[2] = {~uint64_t{0}, 0};
  std::memcpy(array, &a0, 2);
  std::memcpy(array + 8, b0, 16);
  std::memcpy(array + 24, &a1, 2);
  std::memcpy(array + 32, b1, 16);

  Result<std::vector<TraceFormatStep>> steps = ParseTraceFormat("v={:#x} t={}");
  ASSERT_TRUE(steps.ok()) << steps.error();
  const uint8_t* operands[] = {array, nullptr};
  const uint32_t operand_types[] = {3, 4};
  EXPECT_EQ(RenderTrace(*steps, m, operand_types, operands),
            "v=[(0x1abc, 0x1_0000_0000_0000_0005), (0x3, 0xffff_ffff_ffff_ffff)] t=token");

  std::string text;
  AppendBufferText(m, 2, array + 24, FormatPreference::kSignedDecimal, text);
  EXPECT_EQ(text, "(3, 18446744073709551615)");
}

}  // namespace
}  // namespace xlsaot
