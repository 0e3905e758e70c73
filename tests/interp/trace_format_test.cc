// Trace format strings: parsing, escapes, and how each value kind renders
// under each placeholder (XLS's format_strings / FormatPreference rules).
#include "interp/trace_format.h"

#include <vector>

#include "gtest/gtest.h"
#include "ir/value.h"

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

}  // namespace
}  // namespace xlsaot
