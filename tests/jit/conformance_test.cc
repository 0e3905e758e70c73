// Runs every shared conformance case (conformance/cases/*.ir) on the JIT, at
// -O0, at -O2, and in a stress configuration (-O1, functions split into
// parts of two nodes, nothing on the stack: every value crosses a frame or
// lives in scratch), and compares the value, the failed assertions and the
// traces with the case's vectors, and every event with the interpreter's.
#include <cctype>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "ir/package.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "jit/jit_function.h"
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

TEST(JitConformanceSuiteTest, CasesArePresent) {
  const std::vector<std::string> cases = ListConformanceCases(kSharedDir);
  if (cases.empty()) {
    XLSAOT_SHARED_DATA_MISSING("no conformance cases under " << kSharedDir
                                                             << "/conformance/cases; the JIT conformance suite did not run");
  }
  EXPECT_EQ(cases.size(), test::kConformanceCaseCount);
}

enum class Config { kO0, kO2, kStress };

struct Param {
  std::string path;
  Config config;
};

const char* ConfigName(Config c) {
  switch (c) {
    case Config::kO0: return "O0";
    case Config::kO2: return "O2";
    case Config::kStress: return "Stress";
  }
  return "?";
}

CodegenOptions OptionsFor(Config c) {
  CodegenOptions options;
  switch (c) {
    case Config::kO0: options.opt_level = 0; break;
    case Config::kO2: options.opt_level = 2; break;
    case Config::kStress:
      options.opt_level = 1;
      options.partition_nodes = 2;
      options.stack_cutoff_bytes = 0;
      options.stack_budget_bytes = 0;
      break;
  }
  return options;
}

void PrintTo(const Param& p, std::ostream* os) { *os << p.path << " " << ConfigName(p.config); }

class JitConformanceTest : public ::testing::TestWithParam<Param> {};

TEST_P(JitConformanceTest, MatchesVectorsAndInterpreter) {
  Result<ConformanceCase> c = LoadConformanceCase(GetParam().path);
  ASSERT_TRUE(c.ok()) << c.error();
  if (!c->expected_error.empty()) GTEST_SKIP() << "the case is an IR error, nothing to run";
  Result<std::unique_ptr<Package>> package = ParsePackage(c->ir_text, c->path);
  ASSERT_TRUE(package.ok()) << package.error();
  Status verified = VerifyPackage(**package);
  ASSERT_TRUE(verified.ok()) << verified.error();
  Result<Function*> top = (*package)->ResolveTopFunction(c->top);
  ASSERT_TRUE(top.ok()) << top.error();

  Result<std::unique_ptr<JitFunction>> jit = JitFunction::Create(**top, OptionsFor(GetParam().config));
  ASSERT_TRUE(jit.ok()) << jit.error();
  Result<std::unique_ptr<JitRunner>> runner = (*jit)->CreateRunner();
  ASSERT_TRUE(runner.ok()) << runner.error();

  for (const ConformanceRun& run : c->runs) {
    SCOPED_TRACE(c->path + ":" + std::to_string(run.line) + ": run " + Describe(run.args));
    Result<EvalResult> r = (*runner)->Run(run.args);
    ASSERT_TRUE(r.ok()) << r.error();
    EXPECT_EQ(r->value, run.expected) << "got " << r->value.ToString() << ", expected " << run.expected.ToString();
    EXPECT_EQ(EventTexts(r->events, Event::Kind::kAssert), run.asserts);
    EXPECT_EQ(EventTexts(r->events, Event::Kind::kTrace), run.traces);
    EXPECT_TRUE(CoversMatch(run, r->events)) << "the covers differ from the case's cover: lines";
    Result<EvalResult> oracle = Interpret(**top, run.args);
    ASSERT_TRUE(oracle.ok()) << oracle.error();
    EXPECT_EQ(r->events.log, oracle->events.log);
    EXPECT_EQ(r->events.cover_hits, oracle->events.cover_hits);
  }
}

std::vector<Param> AllParams() {
  std::vector<Param> params;
  for (const std::string& path : ListConformanceCases(kSharedDir))
    for (Config config : {Config::kO0, Config::kO2, Config::kStress}) params.push_back({path, config});
  return params;
}

std::string CaseName(const ::testing::TestParamInfo<Param>& info) {
  std::string name = std::filesystem::path(info.param.path).stem().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name + "_" + ConfigName(info.param.config);
}

INSTANTIATE_TEST_SUITE_P(Cases, JitConformanceTest, ::testing::ValuesIn(AllParams()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(JitConformanceTest);

}  // namespace
}  // namespace xlsaot
