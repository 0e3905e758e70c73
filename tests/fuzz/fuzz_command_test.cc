// End-to-end tests of `xlsaot fuzz` through the built binary.
#include <string>

#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"

namespace xlsaot {
namespace {

using cli_test::CliRun;
using cli_test::RunXlsaot;
using cli_test::ScratchDir;

TEST(FuzzCommandTest, PrintsTheSummaryAndSucceedsWhenTheEnginesAgree) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  CliRun run = RunXlsaot({"fuzz", "--seed", "11", "--count", "4", "--dump-dir", (dir.path() / "dump").string()},
                         dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out, "4 programs, 24 evaluations, 0 disagreements\n");
  EXPECT_EQ(run.err, "");
  // Nothing disagreed, so nothing was dumped.
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "dump"));
}

TEST(FuzzCommandTest, AcceptsOptimisationLevelAndNodeBudget) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  for (const char* level : {"-O0", "-O3"}) {
    CliRun run = RunXlsaot({"fuzz", "--seed", "5", "--count", "3", level, "--max-nodes", "8"}, dir.path());
    EXPECT_EQ(run.exit_code, 0) << level << ": " << run.out << run.err;
    EXPECT_EQ(run.out, "3 programs, 18 evaluations, 0 disagreements\n") << level;
  }
}

TEST(FuzzCommandTest, UsageErrorsExitWithTwo) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::vector<std::vector<std::string>> bad = {
      {"fuzz", "--count", "3"},                      // no seed
      {"fuzz", "--seed", "1"},                       // no count
      {"fuzz", "--seed", "1", "--count", "-1"},      // negative count
      {"fuzz", "--seed", "1", "--count", "1", "-O", "4"},
      {"fuzz", "--seed", "x", "--count", "1"},
      {"fuzz", "--seed", "1", "--count", "1", "--max-nodes", "0"},
  };
  for (const auto& args : bad) {
    CliRun run = RunXlsaot(args, dir.path());
    std::string joined;
    for (const std::string& a : args) joined += a + " ";
    EXPECT_EQ(run.exit_code, 2) << joined << run.out << run.err;
    EXPECT_NE(run.err.find("xlsaot: error:"), std::string::npos) << joined << run.err;
  }
}

}  // namespace
}  // namespace xlsaot
