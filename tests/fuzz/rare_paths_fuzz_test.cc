// Path specialisation on random programs: with every eq or ne against a
// constant taken as rare and any saving worth a branch, the generator's programs
// branch on many shapes of conditions (wide values, tuples and arrays after
// the split, traces and asserts on either side), and the JIT must still
// agree with the interpreter on each.
#include <cstdio>
#include <string>

#include "codegen/lowering.h"
#include "codegen/rare_paths.h"
#include "fuzz/program_generator.h"
#include "gtest/gtest.h"
#include "ir/printer.h"
#include "tests/jit/differential_check.h"

namespace xlsaot {
namespace {

TEST(RarePathsFuzzTest, RandomProgramsAgreeWhenEveryEqualityIsRare) {
  CodegenOptions options;
  options.rare_paths.min_bits = 1;
  options.rare_paths.min_gain_nodes = 1;
  options.rare_paths.min_gain_64ths = 0;
  constexpr uint64_t kPrograms = 4000;
  int specialised = 0;
  for (uint64_t seed = 0; seed < kPrograms; ++seed) {
    GeneratorOptions generator;
    generator.seed = 0x5eed0000 + seed;
    generator.max_nodes = 60;
    Result<GeneratedProgram> program = GenerateProgram(generator);
    ASSERT_TRUE(program.ok()) << program.error();
    // Any function of the program: loop bodies and callees are lowered
    // (and specialised) like the top.
    bool branches = false;
    for (const auto& f : program->package->functions())
      branches = branches || !codegen::ChooseRareConditions(*f, options.rare_paths).empty();
    if (!branches) continue;
    ++specialised;
    SCOPED_TRACE(testing::Message() << "seed " << generator.seed);
    test::ExpectJitMatchesInterpreter(PrintPackage(*program->package), 2, program->arg_sets, options);
    if (HasFailure()) break;
  }
  std::printf("%d of %d programs branch on rare conditions\n", specialised, static_cast<int>(kPrograms));
  // Enough programs branch for the comparison to mean something.
  EXPECT_GE(specialised, 20);
}

}  // namespace
}  // namespace xlsaot
