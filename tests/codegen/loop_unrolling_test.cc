// The cost model that decides which counted_for loops are unrolled, and
// what the lowering and LLVM's pipeline make of the decision.
#include "codegen/loop_unrolling.h"

#include <memory>
#include <string>

#include "codegen/lowering.h"
#include "codegen/target.h"
#include "gtest/gtest.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "tests/codegen/parsed_ir.h"

namespace xlsaot::codegen {
namespace {

// Nodes: body 4 (two params, literal, add); twice 3 plus its body twice;
// callee 3 plus twice.
constexpr char kLoopsIr[] = R"(package p

fn body(i: bits[4], acc: bits[8]) -> bits[8] {
  one: bits[8] = literal(value=1)
  ret r: bits[8] = add(acc, one)
}

fn twice(i: bits[4], acc: bits[8]) -> bits[8] {
  ret r: bits[8] = counted_for(acc, trip_count=2, body=body)
}

fn callee(x: bits[8]) -> bits[8] {
  i: bits[4] = literal(value=0)
  ret r: bits[8] = invoke(i, x, to_apply=twice)
}

top fn f(x: bits[8], a: bits[8][3]) -> (bits[8], bits[8], bits[8], bits[8], bits[8][3]) {
  none: bits[8] = counted_for(x, trip_count=0, body=body)
  once: bits[8] = counted_for(x, trip_count=1, body=body)
  ten: bits[8] = counted_for(x, trip_count=10, body=body)
  nested: bits[8] = counted_for(x, trip_count=3, body=twice)
  m: bits[8][3] = map(a, to_apply=callee)
  ret r: (bits[8], bits[8], bits[8], bits[8], bits[8][3]) = tuple(none, once, ten, nested, m)
}
)";

using test::Parse;
using test::Parsed;

const Node* NodeNamed(const Function& f, const std::string& name) {
  for (const auto& node : f.nodes())
    if (node->name() == name) return node.get();
  return nullptr;
}

const Function* FunctionNamed(const Package& package, const std::string& name) {
  for (const auto& f : package.functions())
    if (f->name() == name) return f.get();
  return nullptr;
}

TEST(LoopUnrollingTest, UnrollingCosts) {
  Parsed p = Parse(kLoopsIr);
  ASSERT_NE(p.top, nullptr);
  const Function* body = FunctionNamed(*p.package, "body");
  const Function* twice = FunctionNamed(*p.package, "twice");
  const Function* callee = FunctionNamed(*p.package, "callee");
  ASSERT_TRUE(body && twice && callee);
  EXPECT_EQ(UnrollingCost(*body, 1000), 4);
  // Two params and the loop node, plus its body twice.
  EXPECT_EQ(UnrollingCost(*twice, 1000), 3 + 2 * 4);
  EXPECT_EQ(UnrollingCost(*callee, 1000), 3 + 11);
  // f: two params, four loops, the map and the tuple; then the loop bodies
  // 0, 1, 10 and 3 times, the mapped function once per element.
  EXPECT_EQ(UnrollingCost(*p.top, 1000), 2 + 6 + 0 + 4 + 10 * 4 + 3 * 11 + 3 * 14);
  // Saturation.
  EXPECT_EQ(UnrollingCost(*p.top, 20), 21);
  EXPECT_EQ(UnrollingCost(*twice, 5), 6);
}

TEST(LoopUnrollingTest, DecisionFollowsTheBudget) {
  Parsed p = Parse(kLoopsIr);
  ASSERT_NE(p.top, nullptr);
  const Node* none = NodeNamed(*p.top, "none");
  const Node* once = NodeNamed(*p.top, "once");
  const Node* ten = NodeNamed(*p.top, "ten");
  const Node* nested = NodeNamed(*p.top, "nested");
  ASSERT_TRUE(none && once && ten && nested);
  // Nothing to unroll in loops of fewer than two trips.
  EXPECT_FALSE(ShouldUnrollFully(*none, 4096));
  EXPECT_FALSE(ShouldUnrollFully(*once, 4096));
  EXPECT_TRUE(ShouldUnrollFully(*ten, 40));
  EXPECT_FALSE(ShouldUnrollFully(*ten, 39));
  EXPECT_TRUE(ShouldUnrollFully(*nested, 33));
  EXPECT_FALSE(ShouldUnrollFully(*nested, 32));
  EXPECT_FALSE(ShouldUnrollFully(*ten, 0));
}

// A loop over a body of `width`-bit multiplies, the widest value in a
// function the body invokes when `nested`.
std::string MultiplyLoopIr(int width, bool nested) {
  const std::string w = "bits[" + std::to_string(width) + "]";
  const std::string narrow = nested ? "bits[8]" : w;
  return "package p\n\nfn square(x: " + w + ") -> " + w + " {\n  ret r: " + w + " = umul(x, x)\n}\n\n" +
         "fn body(i: bits[4], acc: " + narrow + ") -> " + narrow + " {\n" +
         (nested ? "  wide: " + w + " = zero_ext(acc, new_bit_count=" + std::to_string(width) + ")\n  sq: " + w +
                       " = invoke(wide, to_apply=square)\n  ret r: bits[8] = bit_slice(sq, start=0, width=8)\n"
                 : "  ret r: " + w + " = invoke(acc, to_apply=square)\n") +
         "}\n\ntop fn f(x: " + narrow + ") -> " + narrow + " {\n  ret r: " + narrow +
         " = counted_for(x, trip_count=8, body=body)\n}\n";
}

TEST(LoopUnrollingTest, BodiesWiderThanAMachineWordKeepTheirLoop) {
  for (bool nested : {false, true}) {
    SCOPED_TRACE(nested ? "wide values in an invoked function" : "wide values in the body");
    for (int width : {8, 64, 65, 512}) {
      Parsed p = Parse(MultiplyLoopIr(width, nested));
      ASSERT_NE(p.top, nullptr);
      const Node* loop = NodeNamed(*p.top, "r");
      ASSERT_NE(loop, nullptr);
      EXPECT_EQ(ShouldUnrollFully(*loop, 4096), width <= kMaxUnrolledBits) << "bits[" << width << "]";
    }
  }
}

// Loops with the unroll request in the lowered module, and loops left after
// LLVM's pipeline.
struct LoopCounts {
  int requested = 0;
  int remaining = 0;
};

LoopCounts CountLoops(const std::string& ir, const CodegenOptions& options) {
  Parsed p = Parse(ir);
  LoopCounts counts;
  if (p.top == nullptr) return counts;
  llvm::LLVMContext context;
  Result<LoweredModule> lowered = LowerToLlvm(*p.top, context, options);
  EXPECT_TRUE(lowered.ok()) << lowered.error();
  if (!lowered.ok()) return counts;
  const auto count = [&](bool requested) {
    int n = 0;
    for (llvm::Function& f : *lowered->module) {
      if (f.isDeclaration()) continue;
      if (requested) {
        for (const llvm::BasicBlock& block : f)
          n += block.getTerminator()->getMetadata(llvm::LLVMContext::MD_loop) != nullptr ? 1 : 0;
      } else {
        llvm::DominatorTree dominators(f);
        llvm::LoopInfo loops(dominators);
        n += static_cast<int>(loops.getLoopsInPreorder().size());
      }
    }
    return n;
  };
  counts.requested = count(true);
  Result<std::unique_ptr<llvm::TargetMachine>> machine = CreateTargetMachine(options);
  EXPECT_TRUE(machine.ok()) << machine.error();
  if (!machine.ok()) return counts;
  Status optimized = OptimizeModule(*lowered->module, **machine, options.opt_level);
  EXPECT_TRUE(optimized.ok()) << optimized.error();
  counts.remaining = count(false);
  return counts;
}

// The SHA-256 message schedule: LLVM's own heuristics unroll it only
// partially.
constexpr char kScheduleIr[] = R"(package p

fn step(i: bits[6], w: bits[32][64]) -> bits[32][64] {
  sixteen: bits[6] = literal(value=16)
  two: bits[6] = literal(value=2)
  seven: bits[6] = literal(value=7)
  fifteen: bits[6] = literal(value=15)
  t: bits[6] = add(i, sixteen)
  t2: bits[6] = sub(t, two)
  t7: bits[6] = sub(t, seven)
  t15: bits[6] = sub(t, fifteen)
  w2: bits[32] = array_index(w, indices=[t2])
  w7: bits[32] = array_index(w, indices=[t7])
  w15: bits[32] = array_index(w, indices=[t15])
  w16: bits[32] = array_index(w, indices=[i])
  a_hi: bits[7] = bit_slice(w15, start=0, width=7)
  a_lo: bits[25] = bit_slice(w15, start=7, width=25)
  a: bits[32] = concat(a_hi, a_lo)
  b_hi: bits[18] = bit_slice(w15, start=0, width=18)
  b_lo: bits[14] = bit_slice(w15, start=18, width=14)
  b: bits[32] = concat(b_hi, b_lo)
  three: bits[32] = literal(value=3)
  c: bits[32] = shrl(w15, three)
  sigma0: bits[32] = xor(a, b, c)
  d_hi: bits[17] = bit_slice(w2, start=0, width=17)
  d_lo: bits[15] = bit_slice(w2, start=17, width=15)
  d: bits[32] = concat(d_hi, d_lo)
  e_hi: bits[19] = bit_slice(w2, start=0, width=19)
  e_lo: bits[13] = bit_slice(w2, start=19, width=13)
  e: bits[32] = concat(e_hi, e_lo)
  ten: bits[32] = literal(value=10)
  f: bits[32] = shrl(w2, ten)
  sigma1: bits[32] = xor(d, e, f)
  sum0: bits[32] = add(w16, sigma0)
  sum1: bits[32] = add(sum0, w7)
  word: bits[32] = add(sum1, sigma1)
  ret next: bits[32][64] = array_update(w, word, indices=[t])
}

top fn f(w: bits[32][64]) -> bits[32][64] {
  ret r: bits[32][64] = counted_for(w, trip_count=48, body=step)
}
)";

TEST(LoopUnrollingTest, SmallLoopsAreUnrolledCompletely) {
  CodegenOptions options;
  const LoopCounts unrolled = CountLoops(kScheduleIr, options);
  EXPECT_EQ(unrolled.requested, 1);
  EXPECT_EQ(unrolled.remaining, 0);
  options.full_unroll_nodes = 0;
  const LoopCounts kept = CountLoops(kScheduleIr, options);
  EXPECT_EQ(kept.requested, 0);
  EXPECT_EQ(kept.remaining, 1);
  Parsed p = Parse(kScheduleIr);
  ASSERT_NE(p.top, nullptr);
  const int64_t unrolled_nodes = 48 * UnrollingCost(*FunctionNamed(*p.package, "step"), 4096);
  EXPECT_EQ(unrolled_nodes, 48 * 36);
  options.full_unroll_nodes = unrolled_nodes - 1;
  EXPECT_EQ(CountLoops(kScheduleIr, options).requested, 0);
  options.full_unroll_nodes = unrolled_nodes;
  EXPECT_EQ(CountLoops(kScheduleIr, options).requested, 1);
}

}  // namespace
}  // namespace xlsaot::codegen
