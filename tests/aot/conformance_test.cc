// Every shared conformance case through the ahead-of-time path: compiled to
// an object file, those bytes linked in, run by the runtime's metadata-driven
// runner. Values and assertion messages must match the case's vectors and
// the interpreter. Cases whose top reaches a trace or cover must instead be
// rejected at generation time, naming that node.
#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "aot/aot_evaluator.h"
#include "aot/legality.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "ir/package.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "tests/support/conformance_case.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

const std::string kSharedDir = test::SharedDir();

std::string Describe(const std::vector<Value>& args) {
  std::string s;
  for (size_t i = 0; i < args.size(); ++i) s += (i ? "; " : "") + args[i].ToString();
  return s;
}

// The first trace or cover reachable from `top`, found independently of the
// legality check (nullptr when there is none).
const Node* FirstTraceOrCover(const Function& top) {
  for (const Function* f : ReachableFunctions(top))
    for (const auto& node : f->nodes())
      if (node->op() == Op::kTrace || node->op() == Op::kCover) return node.get();
  return nullptr;
}

TEST(AotConformanceSuiteTest, CasesArePresent) {
  const std::vector<std::string> cases = ListConformanceCases(kSharedDir);
  if (cases.empty()) {
    XLSAOT_SHARED_DATA_MISSING("no conformance cases under " << kSharedDir
                                                             << "/conformance/cases; the AOT conformance suite did not run");
  }
  EXPECT_EQ(cases.size(), test::kConformanceCaseCount);
}

class AotConformanceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AotConformanceTest, MatchesVectorsAndInterpreter) {
  Result<ConformanceCase> c = LoadConformanceCase(GetParam());
  ASSERT_TRUE(c.ok()) << c.error();
  if (!c->expected_error.empty()) GTEST_SKIP() << "the case is an IR error, nothing to compile";
  Result<std::unique_ptr<Package>> package = ParsePackage(c->ir_text, c->path);
  ASSERT_TRUE(package.ok()) << package.error();
  Status verified = VerifyPackage(**package);
  ASSERT_TRUE(verified.ok()) << verified.error();
  Result<Function*> top = (*package)->ResolveTopFunction(c->top);
  ASSERT_TRUE(top.ok()) << top.error();

  // Without events a reachable trace or cover is refused at generation,
  // naming it.
  Result<std::unique_ptr<AotEvaluator>> plain = AotEvaluator::Create(**top);
  if (const Node* unsupported = FirstTraceOrCover(**top)) {
    ASSERT_FALSE(plain.ok()) << "a trace or cover is reachable, yet generation succeeded";
    EXPECT_EQ(plain.code(), ErrorCode::kUnsupported);
    const std::string expected = std::string(unsupported->op_info().name) + " '" +
                                 unsupported->name() + "' in function '" +
                                 unsupported->function()->name() + "'";
    EXPECT_NE(plain.error().find(expected), std::string::npos) << plain.error();
    EXPECT_EQ(plain.error().rfind(c->path + ":", 0), 0u) << plain.error();
  } else {
    ASSERT_TRUE(plain.ok()) << plain.error();
  }

  // With events every case compiles, and every run gives exactly the
  // vectors' value, assertions and traces, and the interpreter's events
  // (assertions with labels, traces, cover counts).
  AotOptions with_events;
  with_events.events = true;
  Result<std::unique_ptr<AotEvaluator>> evaluator = AotEvaluator::Create(**top, with_events);
  ASSERT_TRUE(evaluator.ok()) << evaluator.error();
  for (const ConformanceRun& run : c->runs) {
    SCOPED_TRACE(c->path + ":" + std::to_string(run.line) + ": run " + Describe(run.args));
    Result<EvalResult> r = (*evaluator)->Run(run.args);
    ASSERT_TRUE(r.ok()) << r.error();
    EXPECT_EQ(r->value, run.expected)
        << "got " << r->value.ToString() << ", expected " << run.expected.ToString();
    EXPECT_EQ(EventTexts(r->events, Event::Kind::kAssert), run.asserts);
    EXPECT_EQ(EventTexts(r->events, Event::Kind::kTrace), run.traces);
    EXPECT_TRUE(CoversMatch(run, r->events)) << "the covers differ from the case's cover: lines";
    Result<EvalResult> oracle = Interpret(**top, run.args);
    ASSERT_TRUE(oracle.ok()) << oracle.error();
    EXPECT_EQ(r->value, oracle->value);
    EXPECT_EQ(r->events.log, oracle->events.log);
    EXPECT_EQ(r->events.cover_hits, oracle->events.cover_hits);
    if (plain.ok()) {
      // The artifact without events computes the same, with the same asserts.
      Result<EvalResult> p = (*plain)->Run(run.args);
      ASSERT_TRUE(p.ok()) << p.error();
      EXPECT_EQ(p->value, oracle->value);
      EXPECT_EQ(p->events.log, oracle->events.log);
    }
  }
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, AotConformanceTest,
                         ::testing::ValuesIn(ListConformanceCases(kSharedDir)), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AotConformanceTest);

}  // namespace
}  // namespace xlsaot
