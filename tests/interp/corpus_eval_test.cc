// Every function of the real-world XLS IR corpus evaluates on all-zero
// arguments to a value of its declared return type, deterministically.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

TEST(CorpusEvalTest, EveryFunctionEvaluatesOnZeroArguments) {
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
      std::vector<Value> args;
      for (const Node* param : f->params()) args.push_back(Value::Zero(param->type()));
      Result<EvalResult> first = Interpret(*f, args);
      ASSERT_TRUE(first.ok()) << f->name() << ": " << first.error();
      EXPECT_TRUE(first->value.HasType(f->return_type()))
          << f->name() << " returned " << first->value.ToString() << ", declared "
          << f->return_type()->ToString();
      Result<EvalResult> second = Interpret(*f, args);
      ASSERT_TRUE(second.ok()) << second.error();
      EXPECT_EQ(first->value, second->value) << f->name();
      EXPECT_EQ(first->events.log, second->events.log) << f->name();
      ++functions;
    }
  }
  EXPECT_GT(functions, 0);
}

}  // namespace
}  // namespace xlsaot
