// ARGS splitting and input-file line handling used by `xlsaot eval`.
#include "tools/value_lines.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace xlsaot {
namespace {

using ::testing::HasSubstr;

const TextOrigin kOption{"--input", 0};

TEST(SplitArgsTest, BlankTextIsZeroArguments) {
  for (const char* text : {"", "   ", "\t \r\n"}) {
    Result<std::vector<ArgText>> pieces = SplitArgs(text, kOption);
    ASSERT_TRUE(pieces.ok()) << pieces.error();
    EXPECT_TRUE(pieces->empty()) << "'" << text << "'";
  }
}

TEST(SplitArgsTest, PiecesAreTrimmedAndKnowTheirColumns) {
  Result<std::vector<ArgText>> pieces = SplitArgs("bits[8]:1;  (bits[1]:0, token) ;token", kOption);
  ASSERT_TRUE(pieces.ok()) << pieces.error();
  ASSERT_EQ(pieces->size(), 3u);
  EXPECT_EQ((*pieces)[0].text, "bits[8]:1");
  EXPECT_EQ((*pieces)[0].column, 1u);
  EXPECT_EQ((*pieces)[1].text, "(bits[1]:0, token)");
  EXPECT_EQ((*pieces)[1].column, 13u);
  EXPECT_EQ((*pieces)[2].text, "token");
  EXPECT_EQ((*pieces)[2].column, 33u);
}

TEST(SplitArgsTest, SemicolonInsideBracketsStaysInItsPiece) {
  Result<std::vector<ArgText>> pieces = SplitArgs("(bits[1]:0; bits[1]:1); [token; token]", kOption);
  ASSERT_TRUE(pieces.ok()) << pieces.error();
  ASSERT_EQ(pieces->size(), 2u);
  EXPECT_EQ((*pieces)[0].text, "(bits[1]:0; bits[1]:1)");
  EXPECT_EQ((*pieces)[1].text, "[token; token]");
  // ... and the value parser then rejects it.
  EXPECT_FALSE(ParseArgs("(bits[1]:0; bits[1]:1)", kOption).ok());
}

TEST(SplitArgsTest, EmptyPiecesAreErrors) {
  Result<std::vector<ArgText>> middle = SplitArgs("bits[1]:0; ;bits[1]:1", kOption);
  ASSERT_FALSE(middle.ok());
  EXPECT_THAT(middle.error(), HasSubstr("argument 2 is empty"));
  Result<std::vector<ArgText>> trailing = SplitArgs("bits[1]:0;", kOption);
  ASSERT_FALSE(trailing.ok());
  EXPECT_THAT(trailing.error(), HasSubstr("argument 2 is empty"));
  EXPECT_FALSE(SplitArgs(";", kOption).ok());
}

TEST(ParseArgsTest, ParsesEachPiece) {
  Result<std::vector<ParsedArg>> args = ParseArgs("bits[8]:0xff; (bits[2]:1, token); [bits[3]:1, bits[3]:2]", kOption);
  ASSERT_TRUE(args.ok()) << args.error();
  ASSERT_EQ(args->size(), 3u);
  EXPECT_EQ((*args)[0].value, Value::UBits(255, 8));
  EXPECT_EQ((*args)[1].value, Value::Tuple({Value::UBits(1, 2), Value::Token()}));
  EXPECT_EQ((*args)[2].value, Value::Array({Value::UBits(1, 3), Value::UBits(2, 3)}));
  EXPECT_EQ((*args)[1].column, 15u);
}

TEST(ParseArgsTest, ErrorsPointIntoTheLine) {
  const TextOrigin origin{"in.txt", 7};
  Result<std::vector<ParsedArg>> args = ParseArgs("bits[8]:1;   bits[8]:zz", origin);
  ASSERT_FALSE(args.ok());
  // The bad digits start at column 22 of the line.
  EXPECT_THAT(args.error(), HasSubstr("in.txt:7:22: argument 2: "));
}

TEST(ParseOneValueTest, AcceptsSurroundingBlanks) {
  Result<Value> value = ParseOneValue("  bits[4]:0b1010 \r", TextOrigin{"e.txt", 2});
  ASSERT_TRUE(value.ok()) << value.error();
  EXPECT_EQ(*value, Value::UBits(10, 4));
  Result<Value> bad = ParseOneValue("  bits[4]:", TextOrigin{"e.txt", 2});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error(), HasSubstr("e.txt:2:"));
}

TEST(DataLinesTest, SkipsBlankAndCommentLinesAndKeepsLineNumbers) {
  std::vector<DataLine> lines =
      DataLines("// header\nfirst\r\n\n   \n  // indented comment\nsecond\nthird", "f.txt");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "first");
  EXPECT_EQ(lines[0].origin.line, 2);
  EXPECT_EQ(lines[1].text, "second");
  EXPECT_EQ(lines[1].origin.line, 6);
  EXPECT_EQ(lines[2].text, "third");
  EXPECT_EQ(lines[2].origin.line, 7);
  EXPECT_EQ(lines[2].origin.Describe(3), "f.txt:7:3");
  EXPECT_TRUE(DataLines("", "f.txt").empty());
}

}  // namespace
}  // namespace xlsaot
