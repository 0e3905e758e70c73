#include "fuzz/proc_differential.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fuzz/generated_network.h"
#include "ir/parser.h"
#include "tests/fuzz/faulty_engine/faulty_network.h"

namespace xlsaot {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

Engine WrongEngine(faulty::NetworkFault fault) {
  Engine engine = InterpreterEngine();
  engine.name = "wrong";
  engine.prepare_network = faulty::FaultyNetworkFactory(fault);
  return engine;
}

// The sum of the `ticks: N` lines of a script.
int64_t ScriptTicks(const std::string& script) {
  int64_t ticks = 0;
  size_t at = 0;
  while ((at = script.find("ticks: ", at)) != std::string::npos) {
    at += 7;
    ticks += std::stoll(script.substr(at));
  }
  return ticks;
}

TEST(ProcDifferentialTest, TheInterpreterAgreesWithItself) {
  const std::vector<Engine> engines = {InterpreterEngine()};
  DifferentialReport report;
  report.proc_networks = true;
  for (uint64_t seed = 0; seed < 100; ++seed) {
    GeneratedNetwork network = GenerateNetwork(seed);
    ASSERT_TRUE(CompareNetworks(network, engines, seed, report).ok()) << seed;
  }
  EXPECT_TRUE(report.disagreements.empty()) << report.disagreements.front().where;
  EXPECT_EQ(report.programs, 100);
  // Runs end at their first failing tick, so there are fewer than 1000.
  EXPECT_GT(report.evaluations, 800);
  EXPECT_LE(report.evaluations, 1000);
  ASSERT_EQ(report.engines.size(), 1u);
  EXPECT_EQ(report.engines[0].evaluations, report.evaluations);
  EXPECT_THAT(FormatSummary(report),
              MatchesRegex("100 networks, [0-9]+ ticks, 0 disagreements \\(interpreter: 100 networks, [0-9]+ ticks\\)"));
}

// Each kind of wrong observation is caught at the tick it first shows, and
// the disagreement carries what reproduces it.
TEST(ProcDifferentialTest, EachKindOfDifferenceIsCaughtWhereItShows) {
  struct Case {
    faulty::NetworkFault fault;
    const char* where;  // regex
  };
  const std::vector<Case> cases = {
      {faulty::NetworkFault::kOutput, "tick [0-9]+, output [a-z_0-9]+ #1"},
      {faulty::NetworkFault::kState, "tick 3, state of [a-z_0-9:]+ st[0-9]"},
      {faulty::NetworkFault::kEvent, "tick 3, event #[0-9]+"},
      {faulty::NetworkFault::kStatus, "tick 4, status"},
  };
  for (const Case& c : cases) {
    const std::vector<Engine> engines = {WrongEngine(c.fault)};
    DifferentialReport report;
    uint64_t seed = 0;
    for (; seed < 50 && report.disagreements.empty(); ++seed) {
      GeneratedNetwork network = GenerateNetwork(seed);
      ASSERT_TRUE(CompareNetworks(network, engines, seed, report).ok());
    }
    ASSERT_EQ(report.disagreements.size(), 1u) << c.where;
    const Disagreement& d = report.disagreements[0];
    EXPECT_EQ(d.seed, seed - 1);
    EXPECT_EQ(d.engine, "wrong");
    EXPECT_TRUE(d.proc_network);
    EXPECT_THAT(d.where, MatchesRegex(c.where));
    EXPECT_NE(d.expected, d.actual);
    // The script runs up to the differing tick.
    const int64_t tick = std::stoll(d.where.substr(5));
    EXPECT_EQ(ScriptTicks(d.args), tick) << d.args;
    // The reproducer is an IR file that parses.
    const std::string reproducer = FormatReproducer(d, "--procs");
    EXPECT_THAT(reproducer, StartsWith("// xlsaot fuzz --seed " + std::to_string(d.seed) + " --count 1 --procs\n"));
    EXPECT_THAT(reproducer, HasSubstr("// first difference:\n//   " + d.where + "\n"));
    Result<std::unique_ptr<Package>> parsed = ParsePackage(reproducer, "reproducer.ir");
    EXPECT_TRUE(parsed.ok()) << parsed.error();
  }
}

TEST(ProcDifferentialTest, ARunStopsAtTheFirstDisagreeingNetwork) {
  ProcDifferentialOptions options;
  options.seed = 0;
  options.count = 50;
  options.engines = {"interpreter"};
  Result<DifferentialReport> agreeing = RunProcDifferential(options);
  ASSERT_TRUE(agreeing.ok()) << agreeing.error();
  EXPECT_EQ(agreeing->programs, 50);
  EXPECT_TRUE(agreeing->disagreements.empty());
  EXPECT_TRUE(agreeing->proc_networks);

  RegisterEngine("wrong_state", "tests", [](const EngineOptions&) { return WrongEngine(faulty::NetworkFault::kState); });
  options.engines = {"interpreter", "wrong_state"};
  Result<DifferentialReport> report = RunProcDifferential(options);
  ASSERT_TRUE(report.ok()) << report.error();
  ASSERT_EQ(report->disagreements.size(), 1u);
  EXPECT_EQ(report->programs, static_cast<int>(report->disagreements[0].seed) + 1);
}

TEST(ProcDifferentialTest, EnginesWithoutProcNetworksAndBadOptionsAreRefused) {
  RegisterEngine("functions_only", "tests", [](const EngineOptions&) {
    Engine engine = InterpreterEngine();
    engine.prepare_network = nullptr;
    return engine;
  });
  ProcDifferentialOptions options;
  options.count = 1;
  options.engines = {"functions_only"};
  Result<DifferentialReport> report = RunProcDifferential(options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(report.error(), HasSubstr("engine 'functions_only' does not run proc networks"));

  options.engines = {"interpreter"};
  options.ticks = 0;
  EXPECT_EQ(RunProcDifferential(options).code(), ErrorCode::kInvalidArgument);
  options.ticks = 1;
  options.count = -1;
  EXPECT_EQ(RunProcDifferential(options).code(), ErrorCode::kInvalidArgument);
}

TEST(ProcDifferentialTest, ScriptsGroupValuesByChannelAndCountQuietTicks) {
  const std::vector<std::vector<ProcInput>> inputs = {
      {{"a", Value::UBits(1, 8)}, {"b", Value::UBits(2, 4)}, {"a", Value::UBits(3, 8)}},
      {},
      {},
      {{"b", Value::Tuple({Value::UBits(0, 1), Value::UBits(5, 3)})}},
      {},
  };
  EXPECT_EQ(FormatProcScript(inputs, 5),
            "input: a: bits[8]:1; bits[8]:3\n"
            "input: b: bits[4]:2\n"
            "ticks: 3\n"
            "input: b: (bits[1]:0, bits[3]:5)\n"
            "ticks: 2\n");
  EXPECT_EQ(FormatProcScript(inputs, 2), "input: a: bits[8]:1; bits[8]:3\ninput: b: bits[4]:2\nticks: 2\n");
}

}  // namespace
}  // namespace xlsaot
