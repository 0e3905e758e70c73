#include "fuzz/differential.h"

#include <chrono>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verifier.h"

namespace xlsaot {
namespace {

constexpr char kEventfulProgram[] = R"(package eventful

top fn main(x: bits[8] id=1) -> bits[8] {
  after_all.2: token = after_all(id=2)
  literal.3: bits[8] = literal(value=0, id=3)
  eq.4: bits[1] = eq(x, literal.3, id=4)
  assert.5: token = assert(after_all.2, eq.4, message="x is not zero", label="nonzero", id=5)
  literal.6: bits[1] = literal(value=1, id=6)
  trace.7: token = trace(assert.5, literal.6, format="x = {:#x}", data_operands=[x], id=7)
  cover.8: () = cover(eq.4, label="zero", id=8)
  ret add.9: bits[8] = add(x, x, id=9)
}
)";

std::unique_ptr<Package> Parse(const char* text) {
  Result<std::unique_ptr<Package>> package = ParsePackage(text);
  EXPECT_TRUE(package.ok()) << package.error();
  EXPECT_TRUE(VerifyPackage(**package).ok());
  return std::move(package).value();
}

// The interpreter itself, with `tamper` applied to every result: a candidate
// engine with a known defect.
EngineFactory TamperedInterpreter(const std::function<void(EvalResult&)>& tamper) {
  return [tamper](const Function& function) -> Result<EngineRun> {
    const Function* f = &function;
    return EngineRun([f, tamper](std::span<const Value> args) -> Result<EvalResult> {
      XLSAOT_ASSIGN_OR_RETURN(EvalResult result, Interpret(*f, args));
      tamper(result);
      return result;
    });
  };
}

// One candidate engine called "candidate".
std::vector<Engine> Candidate(EngineFactory prepare) { return {Engine{"candidate", std::move(prepare), nullptr}}; }

std::vector<std::vector<Value>> ArgSets() {
  return {{Value::UBits(0, 8)}, {Value::UBits(5, 8)}};
}

TEST(DifferentialTest, IdenticalEnginesAgree) {
  auto package = Parse(kEventfulProgram);
  DifferentialReport report;
  CompareEngines(*package->ResolveTopFunction().value(), ArgSets(),
                 Candidate(TamperedInterpreter([](EvalResult&) {})), 7, report);
  EXPECT_EQ(report.programs, 1);
  EXPECT_EQ(report.evaluations, 2);
  ASSERT_EQ(report.engines.size(), 1u);
  EXPECT_EQ(report.engines[0].name, "candidate");
  EXPECT_EQ(report.engines[0].programs, 1);
  EXPECT_EQ(report.engines[0].evaluations, 2);
  EXPECT_TRUE(report.disagreements.empty());
  EXPECT_EQ(FormatSummary(report),
            "1 programs, 2 evaluations, 0 disagreements (candidate: 1 programs, 2 evaluations)");
}

TEST(DifferentialTest, ReportsAWrongValueWithSeedArgsAndBothOutcomes) {
  auto package = Parse(kEventfulProgram);
  DifferentialReport report;
  CompareEngines(*package->ResolveTopFunction().value(), ArgSets(),
                 Candidate(TamperedInterpreter([](EvalResult& r) { r.value.mutable_bits() ^= 1; })), 7, report);
  ASSERT_EQ(report.disagreements.size(), 2u);
  const Disagreement& d = report.disagreements[1];
  EXPECT_EQ(d.seed, 7u);
  EXPECT_EQ(d.engine, "candidate");
  EXPECT_EQ(d.args, "bits[8]:5");
  EXPECT_EQ(d.expected, "bits[8]:10\nassert: x is not zero [label nonzero]\ntrace: x = 0x5");
  EXPECT_EQ(d.actual, "bits[8]:11\nassert: x is not zero [label nonzero]\ntrace: x = 0x5");
  EXPECT_NE(d.ir_text.find("top fn main"), std::string::npos);
}

TEST(DifferentialTest, ReportsEventDifferences) {
  auto package = Parse(kEventfulProgram);
  const Function& top = *package->ResolveTopFunction().value();
  const std::vector<std::function<void(EvalResult&)>> defects = {
      [](EvalResult& r) { r.events.log.clear(); },
      [](EvalResult& r) {
        for (Event& e : r.events.log) e.label.clear();
      },
      [](EvalResult& r) {
        for (Event& e : r.events.log) e.text += " ";
      },
      [](EvalResult& r) { std::swap(r.events.log.front(), r.events.log.back()); },
      [](EvalResult& r) { ++r.events.cover_hits["zero"]; },
  };
  for (size_t i = 0; i < defects.size(); ++i) {
    DifferentialReport report;
    const std::vector<std::vector<Value>> arg_sets = {{Value::UBits(5, 8)}};
    CompareEngines(top, arg_sets, Candidate(TamperedInterpreter(defects[i])), 1, report);
    EXPECT_EQ(report.disagreements.size(), 1u) << "defect " << i;
  }
}

TEST(DifferentialTest, ReportsCompileAndEvaluationErrors) {
  auto package = Parse(kEventfulProgram);
  const Function& top = *package->ResolveTopFunction().value();
  DifferentialReport report;
  CompareEngines(top, ArgSets(), Candidate([](const Function&) -> Result<EngineRun> {
                   return MakeError(ErrorCode::kUnsupported, "no such op");
                 }),
                 3, report);
  ASSERT_EQ(report.disagreements.size(), 1u);
  EXPECT_EQ(report.disagreements[0].args, "");
  EXPECT_EQ(report.disagreements[0].actual, "compile error: no such op");
  EXPECT_EQ(report.engines.at(0).programs, 1);
  EXPECT_EQ(report.engines.at(0).evaluations, 0);

  DifferentialReport failing;
  CompareEngines(top, ArgSets(), Candidate([](const Function&) -> Result<EngineRun> {
                   return EngineRun([](std::span<const Value>) -> Result<EvalResult> {
                     return MakeError(ErrorCode::kInternal, "boom");
                   });
                 }),
                 3, failing);
  ASSERT_EQ(failing.disagreements.size(), 2u);
  EXPECT_EQ(failing.disagreements[0].actual, "evaluation error: boom");
}

TEST(DifferentialTest, ReproducerIsValidIrWithEverythingInComments) {
  // The trace text contains a line break, which must not escape its comment.
  constexpr char kText[] = R"(package multiline

top fn main(x: bits[8] id=1) -> bits[8] {
  after_all.2: token = after_all(id=2)
  literal.3: bits[1] = literal(value=1, id=3)
  trace.4: token = trace(after_all.2, literal.3, format="first\nsecond {}", data_operands=[x], id=4)
  ret neg.5: bits[8] = neg(x, id=5)
}
)";
  auto package = Parse(kText);
  DifferentialReport report;
  const std::vector<std::vector<Value>> arg_sets = {{Value::UBits(3, 8)}};
  CompareEngines(*package->ResolveTopFunction().value(), arg_sets,
                 Candidate(TamperedInterpreter([](EvalResult& r) { r.events.log.clear(); })), 99, report);
  ASSERT_EQ(report.disagreements.size(), 1u);
  const Disagreement& d = report.disagreements[0];
  EXPECT_EQ(d.expected, "bits[8]:253\ntrace: first\nsecond 3");

  const std::string file = FormatReproducer(d, "--engine jit");
  EXPECT_EQ(file.rfind("// xlsaot fuzz --seed 99 --count 1 --engine jit\n", 0), 0u) << file;
  EXPECT_NE(file.find("// candidate:\n"), std::string::npos) << file;
  EXPECT_NE(file.find("//   trace: first\n//   second 3\n"), std::string::npos) << file;
  Result<std::unique_ptr<Package>> reparsed = ParsePackage(file, "fuzz_99.ir");
  ASSERT_TRUE(reparsed.ok()) << reparsed.error() << "\n" << file;
  EXPECT_EQ(PrintPackage(**reparsed), d.ir_text);
}

TEST(DifferentialTest, RejectsBadOptions) {
  DifferentialOptions options;
  options.opt_level = 4;
  EXPECT_FALSE(RunDifferential(options).ok());
  options.opt_level = 2;
  options.count = -1;
  EXPECT_FALSE(RunDifferential(options).ok());
  options.count = 1;
  options.engines = {"jit", "vhdl"};
  Result<DifferentialReport> unknown = RunDifferential(options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error(), "unknown engine 'vhdl' (known engines: interpreter, jit, aot)");
  options.engines = {};
  EXPECT_FALSE(RunDifferential(options).ok());
}

// An engine that refuses a program by design is tallied as skipped and
// never asked to compile it.
TEST(DifferentialTest, RefusedProgramsAreSkippedNotCompared) {
  auto package = Parse(kEventfulProgram);
  std::vector<Engine> engines = Candidate([](const Function&) -> Result<EngineRun> {
    return MakeError(ErrorCode::kInternal, "must not be compiled");
  });
  engines[0].accepts = [](const Function&) { return false; };
  DifferentialReport report;
  CompareEngines(*package->ResolveTopFunction().value(), ArgSets(), engines, 5, report);
  EXPECT_TRUE(report.disagreements.empty());
  ASSERT_EQ(report.engines.size(), 1u);
  EXPECT_EQ(report.engines[0].skipped, 1);
  EXPECT_EQ(report.engines[0].programs, 0);
  EXPECT_EQ(FormatSummary(report),
            "1 programs, 2 evaluations, 0 disagreements (candidate: 0 programs, 0 evaluations, 1 skipped)");
}

// The ahead-of-time engine refuses exactly the programs whose top reaches
// a trace or cover, and runs the rest through the emitted object.
TEST(DifferentialTest, AotEngineWithEventsTakesTracesAndCoversAndAgrees) {
  auto eventful = Parse(kEventfulProgram);
  const Engine aot = AotEngine({.opt_level = 1});
  EXPECT_EQ(aot.accepts, nullptr);
  const std::vector<Engine> engines = {aot};
  DifferentialReport report;
  const Function& top = *eventful->ResolveTopFunction().value();
  const std::vector<std::vector<Value>> arg_sets = {
      {Value::UBits(0, 8)}, {Value::UBits(1, 8)}, {Value::UBits(5, 8)}, {Value::UBits(200, 8)}};
  CompareEngines(top, arg_sets, engines, 9, report);
  EXPECT_TRUE(report.disagreements.empty()) << report.disagreements[0].expected << "\n---\n" << report.disagreements[0].actual;
  ASSERT_EQ(report.engines.size(), 1u);
  EXPECT_EQ(report.engines[0].evaluations, 4);
  EXPECT_EQ(report.engines[0].skipped, 0);
}

TEST(DifferentialTest, AotEngineWithoutEventsSkipsReachableTracesAndRunsTheRest) {
  auto eventful = Parse(kEventfulProgram);
  const Engine aot = AotEngine({.opt_level = 1, .events = false});
  EXPECT_FALSE(aot.accepts(*eventful->ResolveTopFunction().value()));

  auto plain = Parse(R"(package plain

fn unused(x: bits[8] id=1) -> bits[8] {
  after_all.2: token = after_all(id=2)
  literal.3: bits[1] = literal(value=1, id=3)
  trace.4: token = trace(after_all.2, literal.3, format="never", data_operands=[], id=4)
  ret identity.5: bits[8] = identity(x, id=5)
}

top fn main(x: bits[8] id=6) -> bits[8] {
  after_all.7: token = after_all(id=7)
  literal.8: bits[8] = literal(value=3, id=8)
  ult.9: bits[1] = ult(x, literal.8, id=9)
  assert.10: token = assert(after_all.7, ult.9, message="x >= 3", label="small", id=10)
  ret umul.11: bits[8] = umul(x, x, id=11)
}
)");
  const std::vector<Engine> engines = {aot};
  const std::vector<std::vector<Value>> arg_sets = {{Value::UBits(2, 8)}, {Value::UBits(200, 8)}};
  DifferentialReport report;
  CompareEngines(*plain->ResolveTopFunction().value(), arg_sets, engines, 8, report);
  EXPECT_TRUE(report.disagreements.empty()) << report.disagreements[0].actual;
  ASSERT_EQ(report.engines.size(), 1u);
  EXPECT_EQ(report.engines[0].name, "aot");
  EXPECT_EQ(report.engines[0].evaluations, 2);
  EXPECT_EQ(report.engines[0].skipped, 0);
}

// The compiled engines against the interpreter on a few hundred random
// programs. Every disagreement is printed with what reproduces it.
void ExpectNoDisagreements(uint64_t seed, int count, int opt_level,
                           const GeneratorOptions& generator = GeneratorOptions(), const char* profile = "default") {
  DifferentialOptions options;
  options.seed = seed;
  options.count = count;
  options.opt_level = opt_level;
  options.generator = generator;
  const auto start = std::chrono::steady_clock::now();
  Result<DifferentialReport> report = RunDifferential(options);
  ASSERT_TRUE(report.ok()) << report.error();
  EXPECT_EQ(report->programs, count);
  EXPECT_EQ(report->evaluations, count * generator.arg_sets);
  // Both engines ran: the JIT on every program, the ahead-of-time object on
  // every program without a reachable trace or cover (at least the half
  // generated without them).
  ASSERT_EQ(report->engines.size(), 2u);
  EXPECT_EQ(report->engines[0].programs, count);
  EXPECT_GE(report->engines[1].programs, count / 2);
  EXPECT_EQ(report->engines[1].programs + report->engines[1].skipped, count);
  for (const Disagreement& d : report->disagreements) {
    ADD_FAILURE() << "xlsaot fuzz --seed " << d.seed << " --count 1 --profile " << profile << " -O" << opt_level
                  << "\nargs: " << d.args << "\ninterpreter:\n"
                  << d.expected << "\n" << d.engine << ":\n"
                  << d.actual << "\n"
                  << d.ir_text;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s\n%d %s programs at -O%d: %.1f s\n", FormatSummary(*report).c_str(), count, profile, opt_level,
              seconds);
}

TEST(DifferentialTest, EnginesAgreeWithInterpreterAtO1) { ExpectNoDisagreements(1000, 150, 1); }
TEST(DifferentialTest, EnginesAgreeWithInterpreterAtO2) { ExpectNoDisagreements(2000, 150, 2); }
TEST(DifferentialTest, EnginesAgreeWithInterpreterOnStressPrograms) {
  ExpectNoDisagreements(3000, 60, 1, StressGeneratorOptions(), "stress");
}

}  // namespace
}  // namespace xlsaot
