// The text of the SystemVerilog DPI-C binding (aot/dpi_generator.h): names,
// the arguments of values without bits, what --dpi writes, and goldens
// (tests/aot/golden/NAME_pkg.sv and NAME_dpi.cc; after an intended change
//   XLSAOT_UPDATE_GOLDENS=1 <build>/tests/xlsaot_aot_tests --gtest_filter='*DpiGoldenTest.*'
// rewrites them for review). The values themselves are checked end to end
// under Verilator (tests/dpi).
#include "aot/dpi_generator.h"

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>

#include "aot/compiler.h"
#include "aot/network_artifact.h"
#include "gtest/gtest.h"
#include "tests/aot/aot_test_util.h"

namespace xlsaot {
namespace {

using testing::ParseVerified;
using testing::ReadFileText;
using testing::WriteFileText;

const std::string kGoldenDir = XLSAOT_GOLDEN_DIR;

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no\n" << part << "\nin\n" << text;
}

Result<AotArtifact> CompileWithDpi(const std::string& ir, const std::string& top, const std::string& name) {
  XLSAOT_ASSIGN_OR_RETURN(auto package, ParseVerified(ir, name + ".ir"));
  AotOptions options;
  options.name = name;
  options.dpi = true;
  options.opt_level = 0;
  return CompileAheadOfTime(*package->GetFunction(top), options);
}

TEST(DpiGeneratorTest, SvIdentifiersAvoidKeywordsAndThePackagesNames) {
  EXPECT_EQ(SvIdentifier("crc32", "fn_"), "crc32");
  EXPECT_EQ(SvIdentifier("__main__f.x", "fn_"), "main_f_x");
  EXPECT_EQ(SvIdentifier("module", "arg_"), "arg_module");
  EXPECT_EQ(SvIdentifier("logic", "arg_"), "arg_logic");
  EXPECT_EQ(SvIdentifier("result", "arg_"), "arg_result");
  EXPECT_EQ(SvIdentifier("status", "arg_"), "arg_status");
  EXPECT_EQ(SvIdentifier("7up", "arg_"), "arg_7up");
  EXPECT_EQ(SvIdentifier("..", "arg_"), "arg");
}

TEST(DpiGeneratorTest, ValuesWithoutBitsAreLeftOut) {
  Result<AotArtifact> artifact =
      CompileWithDpi(ReadFileText(kGoldenDir + "/zero_width.ir"), "empties", "zero_width");
  ASSERT_TRUE(artifact.ok()) << artifact.error();
  // Only x (bits[8]) is passed; the result keeps its bits[8] element only.
  EXPECT_TRUE(Contains(artifact->dpi_package, "import \"DPI-C\" function int zero_width_dpi_empties(input empties_x_t x, "
                        "output empties_result_t result);"));
  EXPECT_TRUE(Contains(artifact->dpi_package, "typedef struct packed {  // (bits[0], (), token, bits[8], ()[2])\n"
                                               "    bit [7:0] f3;\n"
                                               "  } empties_tuple"));
  EXPECT_TRUE(Contains(artifact->dpi_source, "extern \"C\" int zero_width_dpi_empties(const svBitVecVal* in_x, svBitVecVal* out_result)"));
  // x is parameter 3 of the entry point.
  EXPECT_TRUE(Contains(artifact->dpi_source, "runner->input(3)"));
  EXPECT_FALSE(Contains(artifact->dpi_source, "runner->input(0)"));
}

TEST(DpiGeneratorTest, AResultWithoutBitsHasNoOutputArgument) {
  Result<AotArtifact> artifact = CompileWithDpi(
      "package p\n\nfn check(tok: token, module: bits[4]) -> token {\n"
      "  limit: bits[4] = literal(value=9)\n"
      "  ok: bits[1] = ult(module, limit)\n"
      "  ret checked: token = assert(tok, ok, message=\"too big\", label=\"limit\")\n}\n",
      "check", "checker");
  ASSERT_TRUE(artifact.ok()) << artifact.error();
  EXPECT_TRUE(Contains(artifact->dpi_package, "function automatic int check(input check_arg_module_t arg_module);"));
  EXPECT_TRUE(Contains(artifact->dpi_source, "extern \"C\" int checker_dpi_check(const svBitVecVal* in_arg_module) {"));
  EXPECT_FALSE(Contains(artifact->dpi_source, "out_result"));
}

TEST(DpiGeneratorTest, OnlyRequestedAndReproducible) {
  const std::string ir = ReadFileText(kGoldenDir + "/nested.ir");
  Result<AotArtifact> first = CompileWithDpi(ir, "nested", "nested");
  Result<AotArtifact> second = CompileWithDpi(ir, "nested", "nested");
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_EQ(first->dpi_package, second->dpi_package);
  EXPECT_EQ(first->dpi_source, second->dpi_source);
  // Arrays of tuples and arrays of arrays become nested packed types.
  EXPECT_TRUE(Contains(first->dpi_package, "nested_tuple"));
  EXPECT_TRUE(Contains(first->dpi_package, "bit [1:0][1:0][15:0] f1;"));

  auto package = ParseVerified(ir, "nested.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  AotOptions plain;
  plain.name = "nested";
  plain.opt_level = 0;
  Result<AotArtifact> without = CompileAheadOfTime(*(*package)->GetFunction("nested"), plain);
  ASSERT_TRUE(without.ok()) << without.error();
  EXPECT_TRUE(without->dpi_package.empty());
  EXPECT_TRUE(without->dpi_source.empty());
  EXPECT_EQ(without->header, first->header);
}

TEST(DpiGeneratorTest, WritesBothFilesBesideTheArtifact) {
  Result<AotArtifact> artifact = CompileWithDpi(ReadFileText(kGoldenDir + "/scalar.ir"), "mac", "scalar");
  ASSERT_TRUE(artifact.ok()) << artifact.error();
  testing::TempDir dir;
  ASSERT_TRUE(WriteArtifactFiles(*artifact, dir.path().string()).ok());
  EXPECT_EQ(ReadFileText(dir.path() / "scalar_pkg.sv"), artifact->dpi_package);
  EXPECT_EQ(ReadFileText(dir.path() / "scalar_dpi.cc"), artifact->dpi_source);
  EXPECT_TRUE(Contains(artifact->dpi_package, "package scalar_pkg;"));
  EXPECT_TRUE(Contains(artifact->dpi_package, "endpackage : scalar_pkg\n"));
}

TEST(DpiGeneratorTest, ProcNetworksAreRefused) {
  auto package = ParseVerified(ReadFileText(std::string(XLSAOT_SOURCE_DIR) + "/examples/pipeline.ir"), "pipeline.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  const Proc* top = (*package)->GetProc((*package)->top_name());
  ASSERT_NE(top, nullptr);
  AotOptions options;
  options.name = "pipeline";
  options.dpi = true;
  Result<AotArtifact> artifact = CompileNetworkAheadOfTime(**package, *top, options);
  ASSERT_FALSE(artifact.ok());
  EXPECT_EQ(artifact.code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(Contains(artifact.error(), "functions only"));
}

struct DpiGolden {
  const char* name;
  const char* top;
};

void PrintTo(const DpiGolden& g, std::ostream* os) { *os << g.name; }

class DpiGoldenTest : public ::testing::TestWithParam<DpiGolden> {};

// The DPI-C text depends on the metadata's types and names only, not on
// the target: the goldens hold on every host.
TEST_P(DpiGoldenTest, GeneratedFilesMatch) {
  const DpiGolden& g = GetParam();
  const std::string base = kGoldenDir + "/" + g.name;
  Result<AotArtifact> artifact = CompileWithDpi(ReadFileText(base + ".ir"), g.top, g.name);
  ASSERT_TRUE(artifact.ok()) << artifact.error();
  if (const char* update = std::getenv("XLSAOT_UPDATE_GOLDENS"); update != nullptr && std::string_view(update) == "1") {
    WriteFileText(base + "_pkg.sv", artifact->dpi_package);
    WriteFileText(base + "_dpi.cc", artifact->dpi_source);
    GTEST_SKIP() << "rewrote the DPI-C goldens of " << g.name;
  }
  EXPECT_EQ(artifact->dpi_package, ReadFileText(base + "_pkg.sv")) << base << "_pkg.sv differs";
  EXPECT_EQ(artifact->dpi_source, ReadFileText(base + "_dpi.cc")) << base << "_dpi.cc differs";
}

// nested: tuples in arrays in tuples, arrays of arrays; wide: bits[257];
// zero_width: parameters and elements without bits; asserts: a token
// parameter and statuses.
INSTANTIATE_TEST_SUITE_P(Goldens, DpiGoldenTest,
                         ::testing::Values(DpiGolden{"nested", "nested"}, DpiGolden{"wide", "wide"},
                                           DpiGolden{"zero_width", "empties"}, DpiGolden{"asserts", "checked"}),
                         [](const ::testing::TestParamInfo<DpiGolden>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace xlsaot
