#include "fuzz/program_generator.h"

#include <array>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "fuzz/differential.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verifier.h"

namespace xlsaot {
namespace {

GeneratedProgram Generate(uint64_t seed, int max_nodes = 40) {
  GeneratorOptions options;
  options.seed = seed;
  options.max_nodes = max_nodes;
  Result<GeneratedProgram> program = GenerateProgram(options);
  EXPECT_TRUE(program.ok()) << program.error();
  if (!program.ok()) return {};
  return std::move(program).value();
}

TEST(ProgramGeneratorTest, SameSeedGivesIdenticalText) {
  for (uint64_t seed : {0ull, 1ull, 42ull, 0xdeadbeefull, ~0ull}) {
    GeneratedProgram a = Generate(seed);
    GeneratedProgram b = Generate(seed);
    ASSERT_NE(a.package, nullptr);
    ASSERT_NE(b.package, nullptr);
    EXPECT_EQ(PrintPackage(*a.package), PrintPackage(*b.package)) << "seed " << seed;
    ASSERT_EQ(a.arg_sets.size(), b.arg_sets.size());
    for (size_t i = 0; i < a.arg_sets.size(); ++i) EXPECT_EQ(a.arg_sets[i], b.arg_sets[i]);
  }
}

TEST(ProgramGeneratorTest, DifferentSeedsGiveDifferentPrograms) {
  GeneratedProgram a = Generate(7);
  GeneratedProgram b = Generate(8);
  ASSERT_NE(a.package, nullptr);
  ASSERT_NE(b.package, nullptr);
  EXPECT_NE(PrintPackage(*a.package), PrintPackage(*b.package));
}

TEST(ProgramGeneratorTest, ProgramsVerifyAndRoundTripThroughText) {
  for (uint64_t seed = 0; seed < 200; ++seed) {
    GeneratedProgram program = Generate(seed);
    ASSERT_NE(program.package, nullptr) << "seed " << seed;
    ASSERT_TRUE(VerifyPackage(*program.package).ok()) << "seed " << seed;
    ASSERT_EQ(program.top, program.package->ResolveTopFunction().value());
    for (const std::vector<Value>& args : program.arg_sets) {
      ASSERT_EQ(args.size(), program.top->params().size());
      for (size_t i = 0; i < args.size(); ++i)
        EXPECT_TRUE(args[i].HasType(program.top->param(i)->type())) << "seed " << seed;
    }

    const std::string text = PrintPackage(*program.package);
    Result<std::unique_ptr<Package>> reparsed = ParsePackage(text, "generated.ir");
    ASSERT_TRUE(reparsed.ok()) << "seed " << seed << ": " << reparsed.error() << "\n" << text;
    Status verified = VerifyPackage(**reparsed);
    ASSERT_TRUE(verified.ok()) << "seed " << seed << ": " << verified.error() << "\n" << text;
    EXPECT_EQ(PrintPackage(**reparsed), text) << "seed " << seed;
  }
}

TEST(ProgramGeneratorTest, ProgramsEvaluateOnTheInterpreter) {
  for (uint64_t seed = 1000; seed < 1100; ++seed) {
    GeneratedProgram program = Generate(seed);
    ASSERT_NE(program.package, nullptr);
    ASSERT_FALSE(program.arg_sets.empty());
    for (const std::vector<Value>& args : program.arg_sets) {
      Result<EvalResult> result = Interpret(*program.top, args);
      ASSERT_TRUE(result.ok()) << "seed " << seed << ": " << result.error();
      EXPECT_TRUE(result->value.HasType(program.top->return_type())) << "seed " << seed;
    }
  }
}

// The outcome of one evaluation as text: the value and every event, or the
// error.
std::string OutcomeText(const Function& top, const std::vector<Value>& args) {
  Result<EvalResult> result = Interpret(top, args);
  if (!result.ok()) return "error: " + result.error();
  return FormatOutcome(*result);
}

// Whether `program` shows at least two distinct outcomes over its argument
// sets: a program whose result ignores its arguments tests only constant
// folding, whatever arguments it is given.
bool OutcomeVaries(const GeneratedProgram& program) {
  std::set<std::string> outcomes;
  for (const std::vector<Value>& args : program.arg_sets) outcomes.insert(OutcomeText(*program.top, args));
  return outcomes.size() >= 2;
}

// Data must flow from the parameters to what the engines are compared on:
// at least 80% of programs give two or more distinct outcomes over their
// argument sets (docs/fuzzing.md has the measured ratio).
void ExpectOutcomesVary(const GeneratorOptions& base, uint64_t first_seed, int count) {
  int varying = 0, dull_despite_arguments = 0;
  std::string dull;
  for (int i = 0; i < count; ++i) {
    GeneratorOptions options = base;
    options.seed = first_seed + static_cast<uint64_t>(i);
    Result<GeneratedProgram> program = GenerateProgram(options);
    ASSERT_TRUE(program.ok()) << program.error();
    if (OutcomeVaries(*program)) {
      ++varying;
      continue;
    }
    std::set<std::string> arguments;
    for (const std::vector<Value>& args : program->arg_sets) arguments.insert(FormatArgs(args));
    if (arguments.size() >= 2) ++dull_despite_arguments;
    if (dull.size() < 200) dull += " " + std::to_string(options.seed);
  }
  std::printf("%d of %d programs from seed %llu vary with their arguments; %d of the others were given different "
              "arguments\n",
              varying, count, static_cast<unsigned long long>(first_seed), dull_despite_arguments);
  EXPECT_GE(varying * 100, count * 80) << varying << " of " << count << " programs vary; some that do not:" << dull;
}

TEST(ProgramGeneratorTest, OutcomesDependOnTheArguments) { ExpectOutcomesVary(GeneratorOptions(), 0, 2000); }

TEST(ProgramGeneratorTest, OutcomesDependOnTheArgumentsWithoutTraces) {
  GeneratorOptions options;
  options.allow_trace = false;
  ExpectOutcomesVary(options, 5000, 300);
}

TEST(ProgramGeneratorTest, StressOutcomesDependOnTheArguments) {
  ExpectOutcomesVary(StressGeneratorOptions(), 9000, 100);
}

TEST(ProgramGeneratorTest, CoversEveryOp) {
  std::array<int64_t, kOpCount> counts{};
  for (uint64_t seed = 0; seed < 500; ++seed) {
    GeneratedProgram program = Generate(seed);
    ASSERT_NE(program.package, nullptr);
    for (const auto& function : program.package->functions())
      for (const auto& node : function->nodes()) ++counts[static_cast<size_t>(node->op())];
  }
  std::string missing;
  // Proc ops cannot appear in the functions generated here.
  for (const OpInfo& info : AllOps())
    if (counts[static_cast<size_t>(info.op)] == 0 && !info.has_flag(kFlagProcOnly)) missing += " " + std::string(info.name);
  EXPECT_EQ(missing, "") << "ops never generated in 500 programs:" << missing;
}

TEST(ProgramGeneratorTest, CoversTheEdgeCasesThatMatter) {
  int sel_with_default = 0, sel_without_default = 0, wide = 0, zero_width = 0, nested_aggregates = 0,
      assert_in_helper = 0, strided_loops = 0, loop_invariants = 0, over_512_bytes = 0, tokens_in_tuples = 0;
  for (uint64_t seed = 0; seed < 300; ++seed) {
    GeneratedProgram program = Generate(seed);
    ASSERT_NE(program.package, nullptr);
    for (const auto& function : program.package->functions()) {
      for (const auto& node : function->nodes()) {
        const Type* t = node->type();
        if (t->IsBits() && t->bit_count() > 128) ++wide;
        if (t->flat_bit_count() > int64_t{512} * 8) ++over_512_bytes;
        if (t->IsTuple())
          for (const Type* e : t->elements()) tokens_in_tuples += e->IsToken();
        if (t->IsBits() && t->bit_count() == 0) ++zero_width;
        if (t->IsArray() && (t->element()->IsArray() || t->element()->IsTuple())) ++nested_aggregates;
        if (node->op() == Op::kSel) ++(node->default_value() ? sel_with_default : sel_without_default);
        if (node->op() == Op::kAssert && function.get() != program.top) ++assert_in_helper;
        if (node->op() == Op::kCountedFor && node->attrs().stride > 1 && node->attrs().trip_count > 1)
          ++strided_loops;
        if (node->op() == Op::kCountedFor && !node->invariant_args().empty()) ++loop_invariants;
      }
    }
  }
  EXPECT_GT(sel_with_default, 0);
  EXPECT_GT(sel_without_default, 0);
  EXPECT_GT(wide, 0);
  EXPECT_GT(zero_width, 0);
  EXPECT_GT(nested_aggregates, 0);
  EXPECT_GT(assert_in_helper, 0);
  EXPECT_GT(strided_loops, 0);
  EXPECT_GT(loop_invariants, 0);
  EXPECT_GT(over_512_bytes, 0);
  EXPECT_GT(tokens_in_tuples, 0);
}

TEST(ProgramGeneratorTest, OptionsRestrictWhatIsGenerated) {
  for (uint64_t seed = 0; seed < 100; ++seed) {
    GeneratorOptions options;
    options.seed = seed;
    options.allow_trace = false;
    options.max_bit_width = 16;
    Result<GeneratedProgram> program = GenerateProgram(options);
    ASSERT_TRUE(program.ok()) << program.error();
    for (const auto& function : program->package->functions()) {
      for (const auto& node : function->nodes()) {
        EXPECT_NE(node->op(), Op::kTrace);
        EXPECT_NE(node->op(), Op::kCover);
        // Literals used as shift amounts and offsets may be wider on purpose;
        // everything else respects the limit.
        if (node->type()->IsBits() && node->op() != Op::kLiteral && node->op() != Op::kOneHot) {
          EXPECT_LE(node->type()->bit_count(), 16) << PrintNode(*node);
        }
      }
    }
  }
}

}  // namespace
}  // namespace xlsaot
