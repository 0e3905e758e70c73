// Typed and untyped value text, and type text.
#include <string>

#include "gtest/gtest.h"
#include "ir/parser.h"
#include "ir/type.h"
#include "ir/value.h"

namespace xlsaot {
namespace {

Value Typed(const std::string& text) {
  Result<Value> v = ParseTypedValue(text);
  EXPECT_TRUE(v.ok()) << text << ": " << v.error();
  return v.ok() ? *v : Value();
}

// `code`: kParse for malformed text, kResourceExhausted beyond a limit.
std::string TypedError(const std::string& text, ErrorCode code = ErrorCode::kParse) {
  Result<Value> v = ParseTypedValue(text);
  EXPECT_FALSE(v.ok()) << text << " parsed as " << (v.ok() ? v->ToString() : "");
  EXPECT_EQ(v.code(), code) << v.error();
  return v.error();
}

const Type* TypeOf(const std::string& text) {
  Result<const Type*> t = ParseType(text);
  EXPECT_TRUE(t.ok()) << text << ": " << t.error();
  return t.ok() ? *t : nullptr;
}

TEST(TypeTextTest, ParsesEveryTypeForm) {
  EXPECT_EQ(TypeOf("bits[8]"), Type::Bits(8));
  EXPECT_EQ(TypeOf("bits[0]"), Type::Bits(0));
  EXPECT_EQ(TypeOf("token"), Type::Token());
  EXPECT_EQ(TypeOf("()"), Type::EmptyTuple());
  const Type* pair[] = {Type::Bits(1), Type::Token()};
  EXPECT_EQ(TypeOf("(bits[1], token)"), Type::Tuple(pair));
  // bits[8][4][2] is 2 arrays of 4 bits[8].
  EXPECT_EQ(TypeOf("bits[8][4][2]"), Type::Array(Type::Array(Type::Bits(8), 4), 2));
  EXPECT_EQ(TypeOf(" ( bits[3] [2] , ( ) ) "),
            Type::Tuple(std::vector<const Type*>{Type::Array(Type::Bits(3), 2), Type::EmptyTuple()}));
}

TEST(TypeTextTest, TypeRoundTripsThroughToString) {
  for (const char* text : {"bits[8]", "(bits[1], token)", "bits[8][4][2]", "()", "token",
                           "((bits[4], bits[24])[2], bits[8], token, ())"}) {
    const Type* t = TypeOf(text);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->ToString(), text);
  }
}

TEST(TypeTextTest, RejectsBadTypes) {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"bits[1000000000]", "<string>:1:6: bit count 1000000000 exceeds the limit of 16777216 bits"},
      {"bits[99999999999999999999999]", "<string>:1:6: integer '99999999999999999999999' does not fit in int64"},
      {"bits[-1]", "<string>:1:6: bit count -1 is negative"},
      {"bits[8", "<string>:1:7: expected ']' to close the bit count, found end of input"},
      {"bits", "<string>:1:5: expected '[' after 'bits', found end of input"},
      {"bit[8]", "<string>:1:1: expected a type, found 'bit'"},
      {"(bits[1]", "<string>:1:9: expected ')' to close the tuple type, found end of input"},
      {"bits[8] x", "<string>:1:9: unexpected 'x' after the type"},
      {"bits[1024][1000000]", "<string>:1:12: array type bits[1024][1000000] is too large"},
      {"()[100000000]", "<string>:1:4: array type ()[100000000] is too large"},
      {"bits[16777217]", "<string>:1:6: bit count 16777217 exceeds the limit of 16777216 bits"},
      {"bits[8][-2]", "<string>:1:9: array size -2 is negative"},
  };
  for (const Case& c : cases) {
    Result<const Type*> t = ParseType(c.text);
    ASSERT_FALSE(t.ok()) << c.text;
    // Beyond a limit is a category of its own; everything else is malformed.
    const std::string_view error = c.error;
    const bool beyond_limit = error.find("too large") != std::string_view::npos ||
                              error.find("exceeds the limit") != std::string_view::npos;
    EXPECT_EQ(t.code(), beyond_limit ? ErrorCode::kResourceExhausted : ErrorCode::kParse) << c.text;
    EXPECT_EQ(t.error().rfind(c.error, 0), 0u) << c.text << " -> " << t.error();
  }
}

TEST(TypeTextTest, BoundsNestingDepth) {
  const std::string deep = std::string(100000, '(') + "bits[1]" + std::string(100000, ')');
  Result<const Type*> t = ParseType(deep);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("nested too deeply"), std::string::npos) << t.error();
  std::string dims = "bits[1]";
  for (int i = 0; i < 100000; ++i) dims += "[1]";
  t = ParseType(dims);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("nested too deeply"), std::string::npos) << t.error();
  // Tuple levels and array dimensions add up.
  std::string mixed = "bits[1]";
  for (int i = 0; i < 60; ++i) mixed = "(" + mixed + ")[1]";
  t = ParseType(mixed);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("nested too deeply"), std::string::npos) << t.error();
  mixed = "bits[1]";
  for (int i = 0; i < 50; ++i) mixed = "(" + mixed + ")[1]";
  EXPECT_TRUE(ParseType(mixed).ok());
  // A modest depth is fine.
  EXPECT_TRUE(ParseType(std::string(50, '(') + "bits[1]" + std::string(50, ')')).ok());
}

TEST(TypedValueTest, BitsInEveryRadix) {
  EXPECT_EQ(Typed("bits[32]:0x42"), Value::UBits(0x42, 32));
  EXPECT_EQ(Typed("bits[32]:42"), Value::UBits(42, 32));
  EXPECT_EQ(Typed("bits[4]:0b1010"), Value::UBits(10, 4));
  EXPECT_EQ(Typed("bits[16]:1_000"), Value::UBits(1000, 16));
  EXPECT_EQ(Typed("bits[32]:0xdead_BEEF"), Value::UBits(0xdeadbeef, 32));
  EXPECT_EQ(Typed("bits[0]:0"), Value::UBits(0, 0));
  EXPECT_EQ(Typed("bits[8]:0x000000ff"), Value::UBits(255, 8));  // leading zeros do not count
  EXPECT_EQ(Typed("bits[64]:0xffffffffffffffff"), Value::UBits(~uint64_t{0}, 64));
  EXPECT_EQ(Typed("bits[64]:18446744073709551615"), Value::UBits(~uint64_t{0}, 64));
}

TEST(TypedValueTest, NegativeLiteralsWrapToTheWidth) {
  EXPECT_EQ(Typed("bits[8]:-1"), Value::UBits(255, 8));
  EXPECT_EQ(Typed("bits[8]:-128"), Value::UBits(128, 8));
  EXPECT_EQ(Typed("bits[1]:-1"), Value::UBits(1, 1));
  EXPECT_EQ(Typed("bits[16]:-0x2"), Value::UBits(0xfffe, 16));
  EXPECT_EQ(Typed("bits[8]:-0"), Value::UBits(0, 8));
  EXPECT_EQ(Typed("bits[100]:-1"), Value::AllOnes(Type::Bits(100)));
}

TEST(TypedValueTest, WideValues) {
  const Value v = Typed("bits[3000]:0x1" + std::string(740, '0'));
  ASSERT_TRUE(v.IsBits());
  EXPECT_EQ(v.bit_count(), 3000);
  EXPECT_EQ(v.bits().popcount(), 1u);
  EXPECT_TRUE(v.bits()[2960]);
  // A wide decimal: 2^100.
  const Value d = Typed("bits[128]:1267650600228229401496703205376");
  EXPECT_EQ(d.bits(), llvm::APInt::getOneBitSet(128, 100));
}

TEST(TypedValueTest, AggregatesAndToken) {
  EXPECT_EQ(Typed("token"), Value::Token());
  EXPECT_EQ(Typed("()"), Value::Tuple({}));
  EXPECT_EQ(Typed("(bits[1]:1)"), Value::Tuple({Value::UBits(1, 1)}));
  EXPECT_EQ(Typed("(bits[8]:1, token)"), Value::Tuple({Value::UBits(1, 8), Value::Token()}));
  EXPECT_EQ(Typed("[bits[2]:1, bits[2]:2, bits[2]:3]"),
            Value::Array({Value::UBits(1, 2), Value::UBits(2, 2), Value::UBits(3, 2)}));
  const Value nested = Typed("([(bits[4]:1, bits[24]:2), (bits[4]:3, bits[24]:123)], bits[8]:42, token, ())");
  EXPECT_EQ(nested.ToString(FormatPreference::kUnsignedDecimal),
            "([(bits[4]:1, bits[24]:2), (bits[4]:3, bits[24]:123)], bits[8]:42, token, ())");
}

TEST(TypedValueTest, PrintedValuesParseBack) {
  const Value v = Value::Tuple({Value::Array({Value::UBits(5, 3), Value::UBits(7, 3)}),
                                Value::Bits(llvm::APInt::getAllOnes(200)), Value::Token(), Value::Tuple({})});
  EXPECT_EQ(Typed(v.ToString()), v);
  EXPECT_EQ(Typed(v.ToString(FormatPreference::kBinary)), v);
  EXPECT_EQ(Typed(v.ToString(FormatPreference::kHex)), v);
}

TEST(TypedValueTest, Errors) {
  EXPECT_EQ(TypedError("bits[4]:16"), "<string>:1:9: value '16' does not fit in bits[4]");
  EXPECT_EQ(TypedError("bits[8]:-129"), "<string>:1:9: value '-129' does not fit in bits[8]");
  EXPECT_EQ(TypedError("bits[0]:1"), "<string>:1:9: value '1' does not fit in bits[0]");
  EXPECT_EQ(TypedError("[bits[8]:1, bits[4]:1]"),
            "<string>:1:13: array element of type bits[4] differs from the first element's type bits[8]");
  EXPECT_EQ(TypedError("[]"), "<string>:1:1: an empty array value has no type");
  EXPECT_EQ(TypedError("42"), "<string>:1:1: expected a typed value (bits[N]:V, (...), [...] or token), found '42'");
  EXPECT_EQ(TypedError("bits[8]:0xg"), "<string>:1:9: malformed number '0xg'");
  EXPECT_EQ(TypedError("bits[8]:0x"), "<string>:1:9: malformed number '0x'");
  EXPECT_EQ(TypedError("bits[8]:12ab"), "<string>:1:9: malformed number '12ab'");
  EXPECT_EQ(TypedError("bits[8]:0b102"), "<string>:1:9: malformed number '0b102'");
  EXPECT_EQ(TypedError("bits[8] 5"), "<string>:1:9: expected ':' after the type of a bits value, found '5'");
  EXPECT_EQ(TypedError("(bits[8]:1"), "<string>:1:11: expected ',' between tuple elements, found end of input");
  EXPECT_EQ(TypedError("bits[8]:1 bits[8]:2"), "<string>:1:11: unexpected 'bits' after the value");
  EXPECT_EQ(TypedError(""), "<string>:1:1: expected a typed value (bits[N]:V, (...), [...] or token), found end of input");
  EXPECT_EQ(TypedError("bits[8]:1\x01"), "<string>:1:10: invalid character '\\x01'");
  EXPECT_NE(TypedError("bits[8]:1000000000000000000000000000000").find("does not fit in bits[8]"), std::string::npos);
  EXPECT_NE(TypedError("bits[8]:0x" + std::string(5000000, 'f'), ErrorCode::kResourceExhausted).find("too large"),
            std::string::npos);
  EXPECT_NE(TypedError("bits[8]:" + std::string(30000, '9'), ErrorCode::kResourceExhausted).find("too large"),
            std::string::npos);
}

TEST(TypedValueTest, BoundsNestingDepth) {
  const std::string deep = std::string(100000, '(') + "bits[1]:1" + std::string(100000, ')');
  EXPECT_NE(TypedError(deep, ErrorCode::kResourceExhausted).find("nested too deeply"), std::string::npos);
  const std::string deep_array = std::string(100000, '[') + "bits[1]:1" + std::string(100000, ']');
  EXPECT_NE(TypedError(deep_array, ErrorCode::kResourceExhausted).find("nested too deeply"), std::string::npos);
}

TEST(ValueOfTypeTest, UntypedValuesTakeTheirShapeFromTheType) {
  const Type* t = TypeOf("(bits[8], bits[4][2], token, ())");
  Result<Value> v = ParseValueOfType("(-1, [2, 0xf], token, ())", t);
  ASSERT_TRUE(v.ok()) << v.error();
  EXPECT_EQ(*v, Value::Tuple({Value::UBits(255, 8), Value::Array({Value::UBits(2, 4), Value::UBits(15, 4)}),
                              Value::Token(), Value::Tuple({})}));
  EXPECT_TRUE(v->HasType(t));
  Result<Value> b = ParseValueOfType("42", Type::Bits(7));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, Value::UBits(42, 7));
}

TEST(ValueOfTypeTest, ShapeMismatchesAreErrors) {
  struct Case {
    const char* text;
    const char* type;
    const char* error;
  };
  const Case cases[] = {
      {"16", "bits[4]", "<string>:1:1: value '16' does not fit in bits[4]"},
      {"(1, 2, 3)", "(bits[8], bits[8])", "<string>:1:8: too many elements for tuple type (bits[8], bits[8])"},
      {"(1)", "(bits[8], bits[8])", "<string>:1:1: tuple value has 1 elements, type (bits[8], bits[8]) has 2"},
      {"[1, 2, 3]", "bits[8][2]", "<string>:1:8: too many elements for array type bits[8][2]"},
      {"[1]", "bits[8][2]", "<string>:1:1: array value has 1 elements, type bits[8][2] has 2"},
      {"[1, 2]", "(bits[8], bits[8])", "<string>:1:1: expected '(' to start a value of type (bits[8], bits[8])"},
      {"1", "token", "<string>:1:1: expected 'token' for a token value, found '1'"},
      {"bits[8]:1", "bits[8]", "<string>:1:1: expected a number for a bits[8] value, found 'bits'"},
      {"(1, [2, 300])", "(bits[8], bits[8][2])", "<string>:1:9: value '300' does not fit in bits[8]"},
  };
  for (const Case& c : cases) {
    const Type* type = TypeOf(c.type);
    ASSERT_NE(type, nullptr);
    Result<Value> v = ParseValueOfType(c.text, type);
    ASSERT_FALSE(v.ok()) << c.text;
    EXPECT_EQ(v.error().rfind(c.error, 0), 0u) << c.text << " -> " << v.error();
  }
}

}  // namespace
}  // namespace xlsaot
