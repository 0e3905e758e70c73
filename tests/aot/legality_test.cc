// What ahead-of-time compilation accepts: traces and covers reachable from
// the top are rejected when the artifact is generated, with the function,
// node and call chain named; unreachable ones are ignored.
#include "aot/legality.h"

#include <string>

#include "aot/aot_evaluator.h"
#include "aot/compiler.h"
#include "gtest/gtest.h"
#include "tests/aot/aot_test_util.h"
#include "xlsaot/abi.h"

namespace xlsaot {
namespace {

using testing::ParseVerified;

constexpr const char kTraceTwoInvokesDeep[] = R"(package deep

fn leaf(x: bits[8]) -> bits[8] {
  tkn: token = after_all()
  yes: bits[1] = literal(value=1)
  traced: token = trace(tkn, yes, format="x={}", data_operands=[x])
  ret r: bits[8] = identity(x)
}

fn middle(x: bits[8]) -> bits[8] {
  ret m: bits[8] = invoke(x, to_apply=leaf)
}

fn top(x: bits[8]) -> bits[8] {
  ret t: bits[8] = invoke(x, to_apply=middle)
}
)";

TEST(LegalityTest, TraceTwoInvokesDeepIsRejectedWithItsCallChain) {
  auto package = ParseVerified(kTraceTwoInvokesDeep, "deep.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  Status status = CheckAotLegality(*(*package)->GetFunction("top"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kUnsupported);
  const std::string& m = status.error();
  EXPECT_NE(m.find("deep.ir:6:3: trace 'traced' in function 'leaf'"), std::string::npos) << m;
  EXPECT_NE(m.find("reached from 'middle' through invoke 'm', reached from 'top' through invoke 't'"),
            std::string::npos)
      << m;
  // The compiler reports exactly that, before generating anything.
  AotOptions options;
  options.name = "deep";
  Result<AotArtifact> artifact = CompileAheadOfTime(*(*package)->GetFunction("top"), options);
  ASSERT_FALSE(artifact.ok());
  EXPECT_EQ(artifact.error(), m);
  // The leaf alone is rejected without a chain; middle names one call.
  Status leaf = CheckAotLegality(*(*package)->GetFunction("leaf"));
  ASSERT_FALSE(leaf.ok());
  EXPECT_EQ(leaf.error().find("reached from"), std::string::npos) << leaf.error();
}

constexpr const char kTraceInLoopBody[] = R"(package loop

fn body(i: bits[4], acc: bits[8]) -> bits[8] {
  tkn: token = after_all()
  big: bits[1] = ugt(acc, acc)
  note: token = trace(tkn, big, format="acc={}", data_operands=[acc])
  ret next: bits[8] = add(acc, acc)
}

fn run(x: bits[8]) -> bits[8] {
  ret r: bits[8] = counted_for(x, trip_count=3, stride=1, body=body)
}
)";

TEST(LegalityTest, TraceInALoopBodyIsRejected) {
  auto package = ParseVerified(kTraceInLoopBody, "loop.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  Status status = CheckAotLegality(*(*package)->GetFunction("run"));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("trace 'note' in function 'body', reached from 'run' through "
                                "counted_for 'r'"),
            std::string::npos)
      << status.error();
}

constexpr const char kCoverInMapBody[] = R"(package mapped

fn check(x: bits[8]) -> bits[8] {
  zero: bits[8] = literal(value=0)
  is_zero: bits[1] = eq(x, zero)
  seen: () = cover(is_zero, label="zero_seen")
  ret y: bits[8] = not(x)
}

fn apply(xs: bits[8][4]) -> bits[8][4] {
  ret ys: bits[8][4] = map(xs, to_apply=check)
}
)";

TEST(LegalityTest, CoverInAMapBodyIsRejected) {
  auto package = ParseVerified(kCoverInMapBody, "mapped.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  Status status = CheckAotLegality(*(*package)->GetFunction("apply"));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("cover 'seen' in function 'check', reached from 'apply' through "
                                "map 'ys'"),
            std::string::npos)
      << status.error();
}

// `top` reaches `used` (which asserts) but not `dead_trace` or
// `dead_cover`, which sit next to it in the package.
constexpr const char kDeadSiblings[] = R"(package siblings

fn dead_trace(x: bits[8]) -> bits[8] {
  tkn: token = after_all()
  yes: bits[1] = literal(value=1)
  t: token = trace(tkn, yes, format="never", data_operands=[])
  ret r: bits[8] = identity(x)
}

fn dead_cover(x: bits[8]) -> bits[8] {
  yes: bits[1] = literal(value=1)
  c: () = cover(yes, label="never")
  ret r: bits[8] = identity(x)
}

fn used(x: bits[8]) -> bits[8] {
  tkn: token = after_all()
  limit: bits[8] = literal(value=200)
  ok: bits[1] = ult(x, limit)
  a: token = assert(tkn, ok, message="x too large")
  ret r: bits[8] = add(x, x)
}

fn caller_of_dead(x: bits[8]) -> bits[8] {
  ret r: bits[8] = invoke(x, to_apply=dead_trace)
}

fn top(x: bits[8]) -> bits[8] {
  ret r: bits[8] = invoke(x, to_apply=used)
}
)";

TEST(LegalityTest, UnreachableTracesAndCoversAreIgnored) {
  auto package = ParseVerified(kDeadSiblings, "siblings.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  const Function& top = *(*package)->GetFunction("top");
  EXPECT_TRUE(CheckAotLegality(top).ok());
  std::vector<const Function*> reachable = ReachableFunctions(top);
  ASSERT_EQ(reachable.size(), 2u);
  EXPECT_EQ(reachable[0]->name(), "top");
  EXPECT_EQ(reachable[1]->name(), "used");
  // A sibling that does reach the trace is still rejected.
  EXPECT_FALSE(CheckAotLegality(*(*package)->GetFunction("caller_of_dead")).ok());

  // The artifact compiles; its feature bits are those of what it reaches
  // (an assert), not of the dead functions (trace, cover).
  AotOptions options;
  options.name = "siblings";
  Result<std::unique_ptr<AotEvaluator>> evaluator = AotEvaluator::Create(top, options);
  ASSERT_TRUE(evaluator.ok()) << evaluator.error();
  const MetadataView& m = (*evaluator)->runner().metadata();
  EXPECT_EQ(m.features & (XLSAOT_FEATURE_TRACE | XLSAOT_FEATURE_COVER), 0u);
  EXPECT_NE(m.features & XLSAOT_FEATURE_ASSERT, 0u);
  ASSERT_EQ(m.asserts.size(), 1u);
  EXPECT_EQ(m.asserts[0].message, "x too large");
  // Nothing of the dead functions is in the object: not their names, not
  // their strings.
  const std::string object((*evaluator)->artifact().object.begin(),
                           (*evaluator)->artifact().object.end());
  EXPECT_EQ(object.find("dead_trace"), std::string::npos);
  EXPECT_EQ(object.find("never"), std::string::npos);

  Result<EvalResult> ok = (*evaluator)->Run(std::vector<Value>{Value::UBits(7, 8)});
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok->value, Value::UBits(14, 8));
  EXPECT_TRUE(ok->events.log.empty());
  Result<EvalResult> failing = (*evaluator)->Run(std::vector<Value>{Value::UBits(250, 8)});
  ASSERT_TRUE(failing.ok()) << failing.error();
  ASSERT_EQ(failing->events.log.size(), 1u);
  EXPECT_EQ(failing->events.log[0].text, "x too large");
}

TEST(LegalityTest, ReachableFunctionsVisitsEachOnceInCallOrder) {
  constexpr const char kDiamond[] = R"(package diamond

fn d(x: bits[8]) -> bits[8] {
  ret r: bits[8] = not(x)
}

fn b(x: bits[8]) -> bits[8] {
  ret r: bits[8] = invoke(x, to_apply=d)
}

fn c(x: bits[8]) -> bits[8] {
  ret r: bits[8] = invoke(x, to_apply=d)
}

fn a(x: bits[8]) -> bits[8] {
  y: bits[8] = invoke(x, to_apply=b)
  ret r: bits[8] = invoke(y, to_apply=c)
}
)";
  auto package = ParseVerified(kDiamond);
  ASSERT_TRUE(package.ok()) << package.error();
  std::vector<std::string> names;
  for (const Function* f : ReachableFunctions(*(*package)->GetFunction("a"))) names.push_back(f->name());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "d", "c"}));
}

}  // namespace
}  // namespace xlsaot
