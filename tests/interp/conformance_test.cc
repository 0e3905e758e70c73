// Runs every shared conformance case (conformance/cases/*.ir) through the
// parser, the verifier and the interpreter, and compares the result value,
// the failed assertions and the traces with the case's vectors.
//
// Skipped cases: none.
#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

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

TEST(ConformanceSuiteTest, CasesArePresent) {
  const std::vector<std::string> cases = ListConformanceCases(kSharedDir);
  if (cases.empty()) {
    XLSAOT_SHARED_DATA_MISSING("no conformance cases under " << kSharedDir
                                                             << "/conformance/cases; the conformance suite did not run");
  }
  EXPECT_EQ(cases.size(), test::kConformanceCaseCount);
}

class ConformanceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ConformanceTest, Interpreter) {
  Result<ConformanceCase> c = LoadConformanceCase(GetParam());
  ASSERT_TRUE(c.ok()) << c.error();

  Result<std::unique_ptr<Package>> package = ParsePackage(c->ir_text, c->path);
  if (!c->expected_error.empty()) {
    const bool rejected = !package.ok() || !VerifyPackage(**package).ok();
    EXPECT_TRUE(rejected) << c->path << ": expected an error (" << c->expected_error << ")";
    return;
  }
  ASSERT_TRUE(package.ok()) << package.error();
  Status verified = VerifyPackage(**package);
  ASSERT_TRUE(verified.ok()) << verified.error();
  Result<Function*> top = (*package)->ResolveTopFunction(c->top);
  ASSERT_TRUE(top.ok()) << top.error();

  for (const ConformanceRun& run : c->runs) {
    SCOPED_TRACE(c->path + ":" + std::to_string(run.line) + ": run " + Describe(run.args));
    Result<EvalResult> r = Interpret(**top, run.args);
    ASSERT_TRUE(r.ok()) << r.error();
    EXPECT_EQ(r->value, run.expected)
        << "got " << r->value.ToString() << ", expected " << run.expected.ToString();
    EXPECT_EQ(EventTexts(r->events, Event::Kind::kAssert), run.asserts);
    EXPECT_EQ(EventTexts(r->events, Event::Kind::kTrace), run.traces);
    EXPECT_TRUE(CoversMatch(run, r->events)) << "the covers differ from the case's cover: lines";
  }
}

// Test names are the case names (already identifiers).
std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, ConformanceTest,
                         ::testing::ValuesIn(ListConformanceCases(kSharedDir)), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ConformanceTest);

}  // namespace
}  // namespace xlsaot
