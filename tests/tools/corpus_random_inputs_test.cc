// `xlsaot eval --random-inputs N --compare interpreter,jit,aot` on every
// function of the real-world XLS IR corpus (shared/corpus), in-process
// through the driver the command line uses: the JIT and the ahead-of-time
// object (compiled with events) must agree with the interpreter on values,
// assertions, traces and covers for every random argument tuple.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "tests/support/shared_data.h"
#include "tools/random_comparison.h"

namespace xlsaot {
namespace {

// The functions of the corpus (shared/corpus/README.md: 471 functions in 257
// files; one file has none). Checked so that a corpus that shrank, or files
// that stopped being read, fail instead of passing with less.
constexpr int kCorpusFunctionCount = 471;
// Random argument tuples per function, and their seed (docs/fuzzing.md).
constexpr int64_t kTuplesPerFunction = 200;
constexpr uint64_t kSeed = 1;

std::vector<std::filesystem::path> CorpusFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".ir") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // a stable order for the report
  return files;
}

TEST(CorpusRandomInputsTest, EnginesAgreeOnEveryFunction) {
  const std::filesystem::path dir = std::filesystem::path(test::SharedDir()) / "corpus" / "xls-ir";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) XLSAOT_SHARED_DATA_MISSING("no IR corpus at " << dir);
  RandomComparisonOptions options;
  options.count = kTuplesPerFunction;
  options.seed = kSeed;
  options.engines = {"interpreter", "jit", "aot"};
  options.events = true;
  int functions = 0;
  int64_t evaluated = 0;
  for (const std::filesystem::path& file : CorpusFiles(dir)) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Result<std::unique_ptr<Package>> package = ParsePackage(text.str(), file.string());
    ASSERT_TRUE(package.ok()) << package.error();
    ASSERT_TRUE(VerifyPackage(**package).ok()) << file;
    for (const auto& function : (*package)->functions()) {
      ++functions;
      // What reproduces a failure from the command line.
      const std::string command = "xlsaot eval " + file.string() + " --top " + function->name() +
                                  " --events --random-inputs " + std::to_string(options.count) +
                                  " --seed " + std::to_string(options.seed) +
                                  " --compare interpreter,jit,aot";
      Result<RandomComparisonReport> report = CompareOnRandomInputs(*function, options);
      if (!report.ok()) {
        ADD_FAILURE() << command << "\n" << report.error();
        continue;
      }
      EXPECT_FALSE(report->disagreement.has_value())
          << command << "\n" << DescribeDisagreement(*report->disagreement, options);
      evaluated += report->evaluated;
    }
  }
  EXPECT_EQ(functions, kCorpusFunctionCount);
  EXPECT_EQ(evaluated, int64_t{kCorpusFunctionCount} * kTuplesPerFunction);
}

}  // namespace
}  // namespace xlsaot
