// Path specialisation on rare conditions: which comparisons the cost model
// branches on, the order the lowering tests them in, and the branches the
// lowering emits.
#include "codegen/rare_paths.h"

#include <algorithm>
#include <string>
#include <vector>

#include "codegen/lowering.h"
#include "gtest/gtest.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "tests/codegen/parsed_ir.h"
#include "tests/codegen/work_chain.h"

namespace xlsaot::codegen {
namespace {

using test::Parse;
using test::Parsed;
using test::WorkChain;

// x's top byte equal to `special_value` (through `compare`, eq or ne) picks
// a result computed from eleven nodes that nothing else needs; `extra`
// lines go before the return.
std::string SpecialCaseIr(const std::string& compare = "eq", int width = 8, const std::string& extra = "") {
  const std::string w = std::to_string(width);
  const bool eq = compare == "eq";
  return R"(package p

fn body(i: bits[4], acc: bits[32]) -> bits[32] {
  ret r: bits[32] = add(acc, acc)
}

top fn f(x: bits[32], y: bits[32]) -> bits[32] {
  top_bits: bits[)" + w + "] = bit_slice(x, start=" + std::to_string(32 - width) + ", width=" + w + R"()
  special_value: bits[)" + w + R"(] = literal(value=0)
  special: bits[1] = )" + compare + R"((top_bits, special_value)
  common: bits[32] = add(x, y)
)" + WorkChain("s", 32, "x", "y", 11) + extra + "  ret r: bits[32] = sel(special, cases=[" + (eq ? "common, s11" : "s11, common") + R"(])
}
)";
}

std::vector<std::string> Names(const std::vector<RareCondition>& conditions) {
  std::vector<std::string> names;
  for (const RareCondition& c : conditions) names.push_back(c.node->name());
  return names;
}

TEST(RarePathsTest, BranchesOnAnEqualityThatGuardsMuchWork) {
  Parsed p = Parse(SpecialCaseIr());
  ASSERT_NE(p.top, nullptr);
  const std::vector<RareCondition> conditions = ChooseRareConditions(*p.top, {});
  ASSERT_EQ(Names(conditions), std::vector<std::string>{"special"});
  EXPECT_FALSE(conditions[0].common_value);
}

TEST(RarePathsTest, AnInequalityIsCommonlyTrue) {
  Parsed p = Parse(SpecialCaseIr("ne"));
  ASSERT_NE(p.top, nullptr);
  const std::vector<RareCondition> conditions = ChooseRareConditions(*p.top, {});
  ASSERT_EQ(Names(conditions), std::vector<std::string>{"special"});
  EXPECT_TRUE(conditions[0].common_value);
}

TEST(RarePathsTest, ComparisonsOfNarrowValuesAreNotRare) {
  Parsed p = Parse(SpecialCaseIr("eq", 4));
  ASSERT_NE(p.top, nullptr);
  EXPECT_TRUE(ChooseRareConditions(*p.top, {}).empty());
  RarePathOptions four_bits;
  four_bits.min_bits = 4;
  EXPECT_EQ(Names(ChooseRareConditions(*p.top, four_bits)), std::vector<std::string>{"special"});
}

TEST(RarePathsTest, ComparisonsWithoutAConstantAreNotRare) {
  Parsed p = Parse(R"(package p

top fn f(x: bits[32], y: bits[32]) -> bits[32] {
  same: bits[1] = eq(x, y)
)" + WorkChain("s", 32, "x", "y", 9) + R"(  ret r: bits[32] = sel(same, cases=[x, s9])
}
)");
  ASSERT_NE(p.top, nullptr);
  EXPECT_TRUE(ChooseRareConditions(*p.top, {}).empty());
}

TEST(RarePathsTest, ASmallSavingIsNotWorthACopy) {
  Parsed p = Parse(R"(package p

top fn f(x: bits[32], y: bits[32]) -> bits[32] {
  zero: bits[32] = literal(value=0)
  is_zero: bits[1] = eq(x, zero)
)" + WorkChain("s", 32, "x", "y", 9) + R"(  special: bits[32] = not(y)
  ret r: bits[32] = sel(is_zero, cases=[s9, special])
}
)");
  ASSERT_NE(p.top, nullptr);
  EXPECT_TRUE(ChooseRareConditions(*p.top, {}).empty());
}

TEST(RarePathsTest, FunctionsWithLoopsAreLeftAlone) {
  Parsed p = Parse(SpecialCaseIr("eq", 8, "  looped: bits[32] = counted_for(x, trip_count=2, body=body)\n"));
  ASSERT_NE(p.top, nullptr);
  EXPECT_TRUE(ChooseRareConditions(*p.top, {}).empty());
}

TEST(RarePathsTest, NoConditionsWhenTheLimitIsZero) {
  Parsed p = Parse(SpecialCaseIr());
  ASSERT_NE(p.top, nullptr);
  RarePathOptions off;
  off.max_conditions = 0;
  EXPECT_TRUE(ChooseRareConditions(*p.top, off).empty());
}

// `frac_zero` only matters where `exp_max` holds: once the branch on
// `exp_max` is chosen, a branch on `frac_zero` would save nothing.
TEST(RarePathsTest, AConditionOnlyAnotherOneNeedsIsNotBranchedOn) {
  Parsed p = Parse(R"(package p

top fn f(x: bits[32], y: bits[32]) -> bits[32] {
  exp: bits[8] = bit_slice(x, start=23, width=8)
  frac: bits[23] = bit_slice(x, start=0, width=23)
  max: bits[8] = literal(value=255)
  zero23: bits[23] = literal(value=0)
  exp_max: bits[1] = eq(exp, max)
  frac_zero: bits[1] = eq(frac, zero23)
  inf: bits[1] = and(exp_max, frac_zero)
  common: bits[32] = add(x, y)
)" + WorkChain("s", 32, "x", "y", 10) + R"(  r1: bits[32] = sel(exp_max, cases=[common, s10])
  ret r: bits[32] = sel(inf, cases=[r1, y])
}
)");
  ASSERT_NE(p.top, nullptr);
  EXPECT_EQ(Names(ChooseRareConditions(*p.top, {})), std::vector<std::string>{"exp_max"});
}

TEST(RarePathsTest, ConditionsAreLoweredFirstWithWhatTheyNeed) {
  Parsed p = Parse(SpecialCaseIr());
  ASSERT_NE(p.top, nullptr);
  std::vector<const Node*> order;
  for (const auto& node : p.top->nodes())
    if (node->op() != Op::kParam) order.push_back(node.get());
  // Move `special` behind everything it does not need.
  std::rotate(order.begin(), order.begin() + 3, order.end() - 1);
  std::vector<RareCondition> conditions = ChooseRareConditions(*p.top, {});
  ASSERT_EQ(conditions.size(), 1u);
  std::vector<std::string> names;
  for (const Node* node : ConditionsFirst(order, conditions, [](const Node&) { return true; }))
    names.push_back(node->name());
  ASSERT_EQ(names.size(), order.size());
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 3),
            (std::vector<std::string>{"top_bits", "special_value", "special"}));
  EXPECT_EQ(names.back(), "r");

  // A condition needing a node that must stay in place stays with it.
  const std::vector<const Node*> kept =
      ConditionsFirst(order, conditions, [](const Node& n) { return n.name() != "top_bits"; });
  EXPECT_EQ(kept, order);
  ASSERT_EQ(conditions.size(), 1u);
  EXPECT_EQ(conditions[0].node->name(), "special");
}

// The branches in the lowered (not yet optimised) module: blocks copied for
// the rare outcome, entered through a branch marked unlikely.
int RareBlocks(const Function& f, const CodegenOptions& options) {
  llvm::LLVMContext context;
  Result<LoweredModule> lowered = LowerToLlvm(f, context, options);
  EXPECT_TRUE(lowered.ok()) << lowered.error();
  if (!lowered.ok()) return -1;
  int rare = 0;
  for (const llvm::Function& fn : *lowered->module) {
    for (const llvm::BasicBlock& bb : fn) {
      if (!bb.getName().ends_with(".rare")) continue;
      ++rare;
      const llvm::BasicBlock* from = bb.getSinglePredecessor();
      EXPECT_NE(from, nullptr);
      if (from != nullptr) {
        EXPECT_NE(from->getTerminator()->getMetadata(llvm::LLVMContext::MD_prof), nullptr);
      }
    }
  }
  return rare;
}

TEST(RarePathsTest, TheLoweringBranchesFromO2Only) {
  Parsed p = Parse(SpecialCaseIr());
  ASSERT_NE(p.top, nullptr);
  CodegenOptions options;
  EXPECT_EQ(RareBlocks(*p.top, options), 1);
  options.opt_level = 1;
  EXPECT_EQ(RareBlocks(*p.top, options), 0);
  options.opt_level = 3;
  options.rare_paths.max_conditions = 0;
  EXPECT_EQ(RareBlocks(*p.top, options), 0);
  options.rare_paths.max_conditions = -1;
  llvm::LLVMContext context;
  Result<LoweredModule> bad = LowerToLlvm(*p.top, context, options);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("rare-path"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace xlsaot::codegen
