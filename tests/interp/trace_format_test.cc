// Trace format strings: parsing, escapes, and how each value kind renders
// under each placeholder (XLS's format_strings / FormatPreference rules).
#include "interp/trace_format.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/value.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallString.h"

namespace xlsaot {
namespace {

Value B(int64_t width, uint64_t v) { return Value::UBits(v, width); }

std::string Render(const std::string& format, const std::vector<Value>& values) {
  Result<std::vector<TraceFormatStep>> steps = ParseTraceFormat(format);
  EXPECT_TRUE(steps.ok()) << steps.error();
  if (!steps.ok()) return "<error>";
  std::vector<const Value*> ptrs;
  ptrs.reserve(values.size());
  for (const Value& v : values) ptrs.push_back(&v);
  EXPECT_EQ(TraceOperandCount(*steps), static_cast<int64_t>(values.size()));
  return RenderTrace(*steps, ptrs);
}

TEST(TraceFormatTest, PlainTextAndEscapes) {
  EXPECT_EQ(Render("", {}), "");
  EXPECT_EQ(Render("hello world!", {}), "hello world!");
  EXPECT_EQ(Render("Point{{x: {}, y: {}}}", {B(32, 1), B(8, 2)}), "Point{x: 1, y: 2}");
  EXPECT_EQ(Render("{{}}", {}), "{}");
}

TEST(TraceFormatTest, EveryPlaceholderOnBits) {
  const Value v = B(8, 0xfa);
  EXPECT_EQ(Render("{}", {v}), "250");
  EXPECT_EQ(Render("{:u}", {v}), "250");
  EXPECT_EQ(Render("{:d}", {v}), "-6");
  EXPECT_EQ(Render("{:x}", {v}), "fa");
  EXPECT_EQ(Render("{:#x}", {v}), "0xfa");
  EXPECT_EQ(Render("{:b}", {v}), "11111010");
  EXPECT_EQ(Render("{:#b}", {v}), "0b1111_1010");
  // Zero-padded forms fill the full width and have no prefix.
  EXPECT_EQ(Render("{:0x}", {B(16, 0xa)}), "000a");
  EXPECT_EQ(Render("{:0b}", {B(6, 5)}), "00_0101");
  EXPECT_EQ(Render("{:0x}", {B(20, 0xabc)}), "0_0abc");
}

TEST(TraceFormatTest, DefaultIsHexBeyondSixtyFourBits) {
  Value wide = Value::Bits(llvm::APInt::getOneBitSet(65, 64));
  EXPECT_EQ(Render("{}", {wide}), "0x1_0000_0000_0000_0000");
  EXPECT_EQ(Render("{}", {B(64, ~uint64_t{0})}), "18446744073709551615");
  EXPECT_EQ(Render("{:d}", {B(64, ~uint64_t{0})}), "-1");
}

TEST(TraceFormatTest, ZeroWidthBits) {
  EXPECT_EQ(Render("{} {:x} {:#b} {:d} {:0x}", {B(0, 0), B(0, 0), B(0, 0), B(0, 0), B(0, 0)}),
            "0 0 0b0 0 0");
}

TEST(TraceFormatTest, AggregatesApplyThePreferenceToEveryLeaf) {
  Value tuple = Value::Tuple({B(8, 1), B(32, 123)});
  EXPECT_EQ(Render("my tuple = {}", {tuple}), "my tuple = (1, 123)");
  EXPECT_EQ(Render("my tuple = {:#x}", {tuple}), "my tuple = (0x1, 0x7b)");
  Value complex = Value::Tuple(
      {Value::Array({Value::Tuple({B(4, 1), B(24, 2)}), Value::Tuple({B(4, 3), B(24, 123)})}),
       B(8, 42), Value::Token(), Value::Tuple({})});
  EXPECT_EQ(Render("my complex value = {}", {complex}),
            "my complex value = ([(1, 2), (3, 123)], 42, token, ())");
  EXPECT_EQ(Render("{:b}", {Value::Array({B(3, 5), B(3, 2)})}), "[101, 10]");
  EXPECT_EQ(Render("{}", {Value::Array({})}), "[]");
}

// Every placeholder at widths 0, 1, 13, 64, 65 and 1000 on edge and random
// values, against digits LLVM's APInt computes (an independent
// implementation of the runtime's AppendBitsText, which renders both the
// interpreter's values and compiled code's buffers).
std::string Grouped(const std::string& digits) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 4 == 0) out.push_back('_');
    out.push_back(digits[i]);
  }
  return out;
}

std::string ApIntDigits(const llvm::APInt& v, unsigned radix, bool is_signed) {
  if (v.getBitWidth() == 0) return "0";
  llvm::SmallString<400> text;
  v.toString(text, radix, is_signed, /*formatAsCLiteral=*/false, /*UpperCase=*/false);
  return std::string(text);
}

std::string Padded(const llvm::APInt& v, unsigned radix) {
  const unsigned bits_per_digit = radix == 16 ? 4 : 1;
  const size_t digits = v.getBitWidth() == 0 ? 1 : (v.getBitWidth() + bits_per_digit - 1) / bits_per_digit;
  std::string text = ApIntDigits(v, radix, false);
  return std::string(digits - text.size(), '0') + text;
}

TEST(TraceFormatTest, EveryPlaceholderAtEveryWidthMatchesApInt) {
  std::mt19937_64 rng(42);
  for (unsigned width : {0u, 1u, 13u, 64u, 65u, 1000u}) {
    std::vector<llvm::APInt> values = {llvm::APInt(width, 0), llvm::APInt::getAllOnes(width)};
    if (width > 0) {
      values.push_back(llvm::APInt::getSignMask(width));
      values.push_back(llvm::APInt::getSignedMaxValue(width));
      for (int i = 0; i < 20; ++i) {
        std::vector<uint64_t> words((width + 63) / 64);
        for (uint64_t& w : words) w = rng();
        values.push_back(llvm::APInt(width, llvm::ArrayRef<uint64_t>(words)));
      }
    }
    for (const llvm::APInt& v : values) {
      const Value value = Value::Bits(v);
      SCOPED_TRACE("bits[" + std::to_string(width) + "]:0x" + ApIntDigits(v, 16, false));
      EXPECT_EQ(Render("{}", {value}),
                width <= 64 ? ApIntDigits(v, 10, false) : "0x" + Grouped(ApIntDigits(v, 16, false)));
      EXPECT_EQ(Render("{:u}", {value}), ApIntDigits(v, 10, false));
      EXPECT_EQ(Render("{:d}", {value}), ApIntDigits(v, 10, true));
      EXPECT_EQ(Render("{:x}", {value}), ApIntDigits(v, 16, false));
      EXPECT_EQ(Render("{:#x}", {value}), "0x" + Grouped(ApIntDigits(v, 16, false)));
      EXPECT_EQ(Render("{:0x}", {value}), Grouped(Padded(v, 16)));
      EXPECT_EQ(Render("{:b}", {value}), ApIntDigits(v, 2, false));
      EXPECT_EQ(Render("{:#b}", {value}), "0b" + Grouped(ApIntDigits(v, 2, false)));
      EXPECT_EQ(Render("{:0b}", {value}), Grouped(Padded(v, 2)));
      if (::testing::Test::HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace xlsaot
