#include "bench/function_generator.h"

#include <set>
#include <string>

#include "bench/evaluation_count.h"
#include "bench/kernel_suite.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "jit/jit_function.h"

namespace xlsaot::bench {
namespace {

TEST(FunctionGeneratorTest, HasTheRequestedSizeAndVerifies) {
  for (int64_t size : {100, 1000, 10000}) {
    auto kernel = LoadIr(GenerateFunctionIr(size), "generated.ir");
    ASSERT_TRUE(kernel.ok()) << kernel.error();
    const int64_t nodes = static_cast<int64_t>(kernel->top->node_count());
    EXPECT_GE(nodes, size - size / 50) << "size " << size;
    EXPECT_LE(nodes, size + size / 50) << "size " << size;
  }
}

TEST(FunctionGeneratorTest, IsDeterministicPerSeed) {
  EXPECT_EQ(GenerateFunctionIr(500, 7), GenerateFunctionIr(500, 7));
  EXPECT_NE(GenerateFunctionIr(500, 7), GenerateFunctionIr(500, 8));
}

TEST(FunctionGeneratorTest, UsesAMixOfOperations) {
  auto kernel = LoadIr(GenerateFunctionIr(2000), "generated.ir");
  ASSERT_TRUE(kernel.ok()) << kernel.error();
  std::set<Op> ops;
  for (const auto& node : kernel->top->nodes()) ops.insert(node->op());
  for (Op op : {Op::kAdd, Op::kSub, Op::kUMul, Op::kXor, Op::kAnd, Op::kOr, Op::kNot, Op::kShll, Op::kShrl,
                Op::kShra, Op::kConcat, Op::kBitSlice, Op::kZeroExt, Op::kSignExt, Op::kSel, Op::kULt, Op::kLiteral}) {
    EXPECT_TRUE(ops.contains(op)) << OpName(op);
  }
}

TEST(FunctionGeneratorTest, EveryNodeReachesTheResult) {
  auto kernel = LoadIr(GenerateFunctionIr(3000), "generated.ir");
  ASSERT_TRUE(kernel.ok()) << kernel.error();
  std::set<const Node*> live = {kernel->top->return_node()};
  const auto nodes = kernel->top->nodes();
  for (size_t i = nodes.size(); i-- > 0;) {
    if (!live.contains(nodes[i].get())) continue;
    for (Node* operand : nodes[i]->operands()) live.insert(operand);
  }
  EXPECT_EQ(live.size(), nodes.size());
}

TEST(FunctionGeneratorTest, InterpreterAndJitAgree) {
  auto kernel = LoadIr(GenerateFunctionIr(1500, 3), "generated.ir");
  ASSERT_TRUE(kernel.ok()) << kernel.error();
  const Function& top = *kernel->top;
  for (int opt_level : {0, 2}) {
    auto jit = JitFunction::Create(top, AtOptLevel(opt_level));
    ASSERT_TRUE(jit.ok()) << jit.error();
    for (uint64_t seed = 0; seed < 20; ++seed) {
      std::vector<Value> args;
      for (Node* param : top.params()) args.push_back(RandomValue(param->type(), seed * 17 + args.size()));
      auto interpreted = Interpret(top, args);
      auto compiled = (*jit)->Run(args);
      ASSERT_TRUE(interpreted.ok()) << interpreted.error();
      ASSERT_TRUE(compiled.ok()) << compiled.error();
      EXPECT_EQ(interpreted->value, compiled->value) << "-O" << opt_level << " seed " << seed;
    }
  }
}

TEST(NodeEvaluationsTest, CountsLoopBodiesPerIterationAndCalleesPerCall) {
  auto kernel = LoadIr(R"(package p
fn body(i: bits[4], acc: bits[8], k: bits[8]) -> bits[8] {
  sum: bits[8] = add(acc, k)
  ret out: bits[8] = not(sum)
}
fn helper(x: bits[8]) -> bits[8] {
  ret y: bits[8] = neg(x)
}
top fn main(x: bits[8], a: bits[8][3]) -> bits[8] {
  loop: bits[8] = counted_for(x, trip_count=5, body=body, invariant_args=[x])
  called: bits[8] = invoke(loop, to_apply=helper)
  mapped: bits[8][3] = map(a, to_apply=helper)
  ret r: bits[8] = add(called, called)
}
)",
                       "count.ir");
  ASSERT_TRUE(kernel.ok()) << kernel.error();
  // main: 4 nodes; loop body 2 nodes x 5; invoke 1; map 3 x 1.
  EXPECT_EQ(NodeEvaluationsPerCall(*kernel->top), 4 + 10 + 1 + 3);
}

}  // namespace
}  // namespace xlsaot::bench
