// Every function of the real-world XLS IR corpus, compiled by the JIT at
// -O0 and -O2, against the interpreter on zero arguments and edge-case
// arguments.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/jit/differential_check.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

void CheckCorpus(int opt_level) {
  const std::filesystem::path dir = std::filesystem::path(test::SharedDir()) / "corpus" / "xls-ir";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) XLSAOT_SHARED_DATA_MISSING("no IR corpus at " << dir);
  int functions = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".ir") continue;
    SCOPED_TRACE(entry.path().string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Result<std::unique_ptr<Package>> package = ParsePackage(text.str(), entry.path().string());
    ASSERT_TRUE(package.ok()) << package.error();
    ASSERT_TRUE(VerifyPackage(**package).ok());
    for (const auto& f : (*package)->functions()) {
      SCOPED_TRACE("function " + f->name());
      CodegenOptions options;
      options.opt_level = opt_level;
      Result<std::unique_ptr<JitFunction>> jit = JitFunction::Create(*f, options);
      ASSERT_TRUE(jit.ok()) << jit.error();
      std::vector<std::vector<Value>> arg_sets = test::ArgSets(*f, 8, /*seed=*/functions);
      std::vector<Value> zeros;
      for (const Node* p : f->params()) zeros.push_back(Value::Zero(p->type()));
      arg_sets.push_back(zeros);
      for (const std::vector<Value>& args : arg_sets) {
        Result<EvalResult> expected = Interpret(*f, args);
        Result<EvalResult> got = (*jit)->Run(args);
        ASSERT_EQ(got.ok(), expected.ok()) << test::DescribeArgs(args);
        if (!got.ok()) continue;
        EXPECT_EQ(got->value, expected->value) << test::DescribeArgs(args);
        EXPECT_EQ(got->events.log, expected->events.log) << test::DescribeArgs(args);
        EXPECT_EQ(got->events.cover_hits, expected->events.cover_hits) << test::DescribeArgs(args);
      }
      ++functions;
    }
  }
  EXPECT_GT(functions, 0);
}

TEST(JitCorpusTest, EveryFunctionMatchesTheInterpreterAtO0) { CheckCorpus(0); }
TEST(JitCorpusTest, EveryFunctionMatchesTheInterpreterAtO2) { CheckCorpus(2); }

}  // namespace
}  // namespace xlsaot
