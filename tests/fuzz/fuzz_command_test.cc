// End-to-end tests of `xlsaot fuzz` through the built binary.
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"

namespace xlsaot {
namespace {

using cli_test::CliRun;
using cli_test::RunXlsaot;
using cli_test::ScratchDir;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

TEST(FuzzCommandTest, PrintsTheSummaryAndSucceedsWhenTheEnginesAgree) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  CliRun run = RunXlsaot({"fuzz", "--seed", "11", "--count", "4", "--dump-dir", (dir.path() / "dump").string()},
                         dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  // Both engines by default: the JIT on every program, the ahead-of-time
  // object on those without a reachable trace or cover (seeds 11 and 13 at
  // least, which are generated without).
  EXPECT_THAT(run.out, MatchesRegex("4 programs, 24 evaluations, 0 disagreements \\(jit: 4 programs, 24 "
                                    "evaluations; aot: [234] programs, (12|18|24) evaluations(, [12] skipped)?\\)\n"));
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
    EXPECT_THAT(run.out, StartsWith("3 programs, 18 evaluations, 0 disagreements (jit: 3 programs")) << level;
  }
}

TEST(FuzzCommandTest, EngineAndProfileOptions) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  CliRun jit = RunXlsaot({"fuzz", "--seed", "20", "--count", "2", "--engine", "jit"}, dir.path());
  EXPECT_EQ(jit.exit_code, 0) << jit.out << jit.err;
  EXPECT_EQ(jit.out, "2 programs, 12 evaluations, 0 disagreements (jit: 2 programs, 12 evaluations)\n");
  // An odd seed is generated without traces whenever aot takes part, so
  // the ahead-of-time object runs it.
  CliRun aot = RunXlsaot({"fuzz", "--seed", "21", "--count", "1", "--engine", "aot", "--profile", "stress"},
                         dir.path());
  EXPECT_EQ(aot.exit_code, 0) << aot.out << aot.err;
  EXPECT_EQ(aot.out, "1 programs, 6 evaluations, 0 disagreements (aot: 1 programs, 6 evaluations)\n");
  CliRun both = RunXlsaot({"fuzz", "--seed", "21", "--count", "1", "--engine", "aot,jit", "-O1"}, dir.path());
  EXPECT_EQ(both.exit_code, 0) << both.out << both.err;
  EXPECT_EQ(both.out,
            "1 programs, 6 evaluations, 0 disagreements (aot: 1 programs, 6 evaluations; jit: 1 programs, 6 "
            "evaluations)\n");
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
      {"fuzz", "--seed", "1", "--count", "1", "--engine", "vhdl"},
      {"fuzz", "--seed", "1", "--count", "1", "--profile", "gentle"},
  };
  for (const auto& args : bad) {
    CliRun run = RunXlsaot(args, dir.path());
    std::string joined;
    for (const std::string& a : args) joined += a + " ";
    EXPECT_EQ(run.exit_code, 2) << joined << run.out << run.err;  // kExitUsage
    EXPECT_NE(run.err.find("xlsaot: error:"), std::string::npos) << joined << run.err;
  }
}

// End to end through a command line that also has the "faulty" engine (the
// JIT with every result changed, tests/fuzz/faulty_engine/main.cc): every
// evaluation disagrees, each is reported with what reproduces it, the
// programs are dumped, and the exit status is 1.
TEST(FuzzCommandTest, AWrongEngineIsReportedAndExitsWithOne) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::filesystem::path dump = dir.path() / "dump";
  CliRun run = cli_test::RunCliBinary(
      XLSAOT_FAULTY_CLI_PATH, {"fuzz", "--seed", "11", "--count", "2", "--engine", "faulty", "--dump-dir", dump.string()},
      dir.path());
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  for (const char* seed : {"11", "12"}) {
    EXPECT_THAT(run.out, HasSubstr(std::string("disagreement: seed ") + seed + ", engine faulty (reproduce: xlsaot fuzz --seed " +
                                   seed + " --count 1 --profile default --engine faulty -O2)\n"));
    const std::filesystem::path program = dump / (std::string("fuzz_") + seed + ".ir");
    EXPECT_TRUE(std::filesystem::exists(program)) << program;
    // The dumped reproducer is a valid IR file.
    CliRun parse = RunXlsaot({"parse", program.string()}, dir.path());
    EXPECT_EQ(parse.exit_code, 0) << parse.err;
  }
  EXPECT_THAT(run.out, HasSubstr("\n  faulty:\n"));
  EXPECT_THAT(run.out, EndsWith("2 programs, 12 evaluations, 12 disagreements (faulty: 2 programs, 12 evaluations)\n"));

  // The same binary with a correct engine agrees: the failure above is the
  // engine's, not the program's.
  CliRun jit = cli_test::RunCliBinary(XLSAOT_FAULTY_CLI_PATH, {"fuzz", "--seed", "11", "--count", "2", "--engine", "jit"},
                                      dir.path());
  EXPECT_EQ(jit.exit_code, 0) << jit.out << jit.err;
  // The shipped command line has no such engine.
  CliRun shipped = RunXlsaot({"fuzz", "--seed", "11", "--count", "1", "--engine", "faulty"}, dir.path());
  EXPECT_EQ(shipped.exit_code, 2) << shipped.out << shipped.err;
}

TEST(FuzzCommandTest, ProcNetworksAgreeOnTheInterpreter) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  CliRun run = RunXlsaot({"fuzz", "--procs", "--engine", "interpreter", "--seed", "3", "--count", "5", "--ticks", "6"},
                         dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, MatchesRegex("5 networks, [0-9]+ ticks, 0 disagreements \\(interpreter: 5 networks, [0-9]+ "
                                    "ticks\\)\n"));
  EXPECT_EQ(run.err, "");
}

TEST(FuzzCommandTest, ProcUsageErrorsExitWithTwo) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::vector<std::vector<std::string>> bad = {
      {"fuzz", "--seed", "1", "--count", "1", "--ticks", "5"},  // --ticks without --procs
      {"fuzz", "--procs", "--engine", "interpreter", "--seed", "1", "--count", "1", "--ticks", "0"},
  };
  for (const auto& args : bad) {
    CliRun run = RunXlsaot(args, dir.path());
    EXPECT_EQ(run.exit_code, 2) << args[5] << run.out << run.err;
    EXPECT_THAT(run.err, HasSubstr("xlsaot: error:"));
  }
  // An engine without proc networks ("faulty" runs functions only).
  CliRun run = cli_test::RunCliBinary(XLSAOT_FAULTY_CLI_PATH,
                                      {"fuzz", "--procs", "--engine", "faulty", "--seed", "1", "--count", "1"},
                                      dir.path());
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_EQ(run.err, "xlsaot: error: engine 'faulty' does not run proc networks (it has no prepare_network)\n");
}

// The "faulty_procs" engine changes the second value sent on every output:
// the run stops at the first network where that shows, reports the tick
// and the item, and dumps a network and an input script that `xlsaot
// eval-proc` runs to the interpreter's side of the difference.
TEST(FuzzCommandTest, AWrongProcNetworkIsReportedAndExitsWithOne) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::filesystem::path dump = dir.path() / "dump";
  CliRun run = cli_test::RunCliBinary(
      XLSAOT_FAULTY_CLI_PATH,
      {"fuzz", "--procs", "--seed", "0", "--count", "30", "--engine", "faulty_procs", "--dump-dir", dump.string()},
      dir.path());
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(run.out, m,
                                std::regex("disagreement: seed ([0-9]+), engine faulty_procs \\(reproduce: xlsaot fuzz "
                                           "--seed \\1 --count 1 --procs --ticks 10 --profile default --engine "
                                           "faulty_procs -O2\\)\n  first difference: tick ([0-9]+), output "
                                           "([a-z_0-9]+) #1\n  interpreter:\n    ([^\n]+)\n  faulty_procs:\n")))
      << run.out;
  const std::string seed = m[1], channel = m[3], expected = m[4];
  // Networks 0 .. seed ran: the run stopped at the disagreeing one.
  EXPECT_THAT(run.out, HasSubstr(", 1 disagreements (faulty_procs: " + std::to_string(std::stoi(seed) + 1) +
                                 " networks, "));
  const std::filesystem::path program = dump / ("fuzz_" + seed + ".ir");
  const std::filesystem::path script = dump / ("fuzz_" + seed + ".script");
  ASSERT_TRUE(std::filesystem::exists(program));
  ASSERT_TRUE(std::filesystem::exists(script));
  CliRun replay = RunXlsaot({"eval-proc", program.string(), "--script", script.string()}, dir.path());
  EXPECT_THAT(replay.out, HasSubstr(channel + ": " + expected + "\n")) << replay.out << replay.err;

  // Without a dump directory the network and its inputs are printed.
  CliRun printed = cli_test::RunCliBinary(
      XLSAOT_FAULTY_CLI_PATH, {"fuzz", "--procs", "--seed", seed, "--count", "1", "--engine", "faulty_procs"},
      dir.path());
  EXPECT_EQ(printed.exit_code, 1);
  EXPECT_THAT(printed.out, HasSubstr("  inputs (xlsaot eval-proc --script):\n    "));
  EXPECT_THAT(printed.out, HasSubstr("  program:\n    package fuzz_" + seed + "\n"));
}

// `xlsaot eval --random-inputs` stops at the first disagreement, prints the
// inputs and every engine's outcome, and exits with 1.
TEST(FuzzCommandTest, RandomInputsReportTheFirstDisagreement) {
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const std::filesystem::path ir = dir.path() / "add.ir";
  std::ofstream(ir) << "package p\n\ntop fn f(x: bits[8] id=1, y: bits[8] id=2) -> bits[8] {\n"
                       "  ret add.3: bits[8] = add(x, y, id=3)\n}\n";
  CliRun run = cli_test::RunCliBinary(
      XLSAOT_FAULTY_CLI_PATH, {"eval", ir.string(), "--random-inputs", "50", "--compare", "interpreter,faulty"},
      dir.path());
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.out, MatchesRegex("disagreement on random input 1 \\(seed 0\\): bits\\[8\\]:[0-9]+; "
                                    "bits\\[8\\]:[0-9]+\n  interpreter:\n    bits\\[8\\]:[0-9]+\n"
                                    "  faulty:\n    bits\\[8\\]:[0-9]+\n"));
}

}  // namespace
}  // namespace xlsaot
