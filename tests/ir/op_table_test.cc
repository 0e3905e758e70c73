#include <set>
#include <string>

#include "gtest/gtest.h"
#include "ir/op.h"

namespace xlsaot {
namespace {

TEST(OpTableTest, HasXlsFunctionAndProcOps) {
  const std::set<std::string> expected = {
      "add", "sub", "neg", "umul", "smul", "umulp", "smulp", "udiv", "sdiv", "umod", "smod",
      "not", "and", "or", "xor", "nand", "nor", "and_reduce", "or_reduce", "xor_reduce",
      "eq", "ne", "ult", "ule", "ugt", "uge", "slt", "sle", "sgt", "sge", "shll", "shrl",
      "shra", "concat", "bit_slice", "dynamic_bit_slice", "bit_slice_update", "reverse",
      "zero_ext", "sign_ext", "decode", "encode", "one_hot", "identity", "sel",
      "one_hot_sel", "priority_sel", "gate", "tuple", "tuple_index", "array", "array_index",
      "array_update", "array_slice", "array_concat", "invoke", "map", "counted_for",
      "dynamic_counted_for", "param", "literal", "assert", "trace", "cover", "after_all",
      "min_delay", "state_read", "next_value", "send", "receive"};
  std::set<std::string> actual;
  for (const OpInfo& info : AllOps()) actual.insert(std::string(info.name));
  EXPECT_EQ(actual, expected);
}

TEST(OpTableTest, NamesRoundTrip) {
  for (const OpInfo& info : AllOps()) {
    auto op = OpFromName(info.name);
    ASSERT_TRUE(op.has_value()) << info.name;
    EXPECT_EQ(*op, info.op);
    EXPECT_EQ(OpName(info.op), info.name);
  }
  EXPECT_FALSE(OpFromName("frobnicate").has_value());
}

TEST(OpTableTest, AttributesMatchXls) {
  const OpInfo& sel = GetOpInfo(Op::kSel);
  ASSERT_EQ(sel.attrs().size(), 2u);
  EXPECT_EQ(sel.attrs()[0].attr, Attr::kCases);
  EXPECT_EQ(sel.attrs()[1].attr, Attr::kDefault);
  EXPECT_EQ(sel.attrs()[1].presence, kOptional);
  EXPECT_TRUE(GetOpInfo(Op::kCountedFor).accepts(Attr::kInvariantArgs));
  EXPECT_FALSE(GetOpInfo(Op::kAdd).accepts(Attr::kWidth));
  EXPECT_EQ(AttrFromName(GetOpInfo(Op::kArrayIndex), "assumed_in_bounds"), Attr::kAssumedInBounds);
}

TEST(OpTableTest, AttributeNamesAreLookedUpPerOp) {
  // `value` is a literal's value but a next_value's operand.
  EXPECT_EQ(AttrFromName(GetOpInfo(Op::kLiteral), "value"), Attr::kValue);
  EXPECT_EQ(AttrFromName(GetOpInfo(Op::kNextValue), "value"), Attr::kNextStateValue);
  EXPECT_FALSE(AttrFromName(GetOpInfo(Op::kAdd), "value").has_value());
  EXPECT_TRUE(IsAttributeName("channel"));
  EXPECT_FALSE(IsAttributeName("frobnicate"));
  // Within one op, every attribute has its own name.
  for (const OpInfo& info : AllOps()) {
    for (const AttrSpec& a : info.attrs())
      for (const AttrSpec& b : info.attrs())
        if (a.attr != b.attr) EXPECT_NE(AttrName(a.attr), AttrName(b.attr)) << info.name;
  }
}

TEST(OpTableTest, ProcOpsAreMarkedProcOnly) {
  for (Op op : {Op::kStateRead, Op::kNextValue, Op::kSend, Op::kReceive})
    EXPECT_TRUE(GetOpInfo(op).has_flag(kFlagProcOnly)) << OpName(op);
  EXPECT_FALSE(GetOpInfo(Op::kAssert).has_flag(kFlagProcOnly));
}

}  // namespace
}  // namespace xlsaot
