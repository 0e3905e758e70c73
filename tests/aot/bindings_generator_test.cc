// The C API and Python module generators on the edge cases of their naming
// and mapping that the goldens (golden_test.cc) and the end-to-end programs
// (tests/bindings) do not show: nothing to pass, nothing returned, names
// that are keywords of C or Python or clash with the generated ones.
#include <string>

#include "aot/compiler.h"
#include "aot/python_generator.h"
#include "gtest/gtest.h"
#include "tests/aot/aot_test_util.h"

namespace xlsaot {
namespace {

using testing::ParseVerified;

AotArtifact CompileWithBindings(const std::string& ir, const std::string& top, const std::string& name) {
  auto package = ParseVerified(ir, "test.ir");
  EXPECT_TRUE(package.ok()) << package.error();
  if (!package.ok()) return {};
  AotOptions options;
  options.name = name;
  options.python = true;
  Result<AotArtifact> artifact = CompileAheadOfTime(*(*package)->GetFunction(top), options);
  EXPECT_TRUE(artifact.ok()) << artifact.error();
  return artifact.ok() ? *artifact : AotArtifact{};
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CApiGeneratorTest, NoParameterAndNoResultWithStorage) {
  const AotArtifact a = CompileWithBindings(R"(package p
fn f(t: token, e: ()) -> (token, ()) {
  ret r: (token, ()) = tuple(t, e)
}
)", "f", "nothing");
  EXPECT_TRUE(Contains(a.c_header, "xlsaot_error_code nothing_run(nothing_runner* runner);\n")) << a.c_header;
  EXPECT_FALSE(Contains(a.c_header, "typedef struct nothing_tuple")) << a.c_header;
  EXPECT_FALSE(Contains(a.c_glue, "out")) << a.c_glue;
  EXPECT_FALSE(Contains(a.c_glue, "input(")) << a.c_glue;
  // Python still takes (and checks) every parameter; trailing ones without
  // storage have defaults.
  EXPECT_TRUE(Contains(a.python_module, "def f(t=None, e=()):\n")) << a.python_module;
}

TEST(CApiGeneratorTest, ParameterNamesStayClearOfKeywordsAndGeneratedNames) {
  const AotArtifact a = CompileWithBindings(R"(package p
fn f(restrict: bits[8], clash_run: bits[8], CLASH_BITS65_BYTES: bits[8], lambda: bits[8], self: bits[8], out: bits[8]) -> bits[8] {
  s1: bits[8] = add(restrict, clash_run)
  s2: bits[8] = add(s1, CLASH_BITS65_BYTES)
  s3: bits[8] = add(s2, lambda)
  s4: bits[8] = add(s3, self)
  ret s5: bits[8] = add(s4, out)
}
)", "f", "clash");
  EXPECT_TRUE(Contains(a.c_header,
                       "clash_run(clash_runner* runner, uint8_t arg_restrict, uint8_t arg_clash_run, "
                       "uint8_t arg_CLASH_BITS65_BYTES, uint8_t lambda, uint8_t self, uint8_t arg_out, "
                       "uint8_t* out);"))
      << a.c_header;
  EXPECT_TRUE(Contains(a.python_module,
                       "def f(restrict, clash_run, CLASH_BITS65_BYTES, arg_lambda, arg_self, arg_out):\n"))
      << a.python_module;
}

TEST(CApiGeneratorTest, ArraysOfArraysAreNotConstSoCallersNeedNoCast) {
  const AotArtifact a = CompileWithBindings(R"(package p
fn f(row: bits[8][3], grid: bits[8][3][2], wide: bits[70], wides: bits[70][2]) -> bits[8] {
  ret r: bits[8] = literal(value=1)
}
)", "f", "arrays");
  EXPECT_TRUE(Contains(a.c_header,
                       "const uint8_t row[3], uint8_t grid[2][3], const uint8_t wide[ARRAYS_BITS70_BYTES], "
                       "uint8_t wides[2][ARRAYS_BITS70_BYTES], uint8_t* out);"))
      << a.c_header;
  EXPECT_TRUE(Contains(a.c_header, "#define ARRAYS_BITS70_BYTES 9\n")) << a.c_header;
}

TEST(PythonGeneratorTest, FunctionNamesArePublicIdentifiers) {
  EXPECT_EQ(PythonFunctionName("adder"), "adder");
  EXPECT_EQ(PythonFunctionName("class"), "class_");
  EXPECT_EQ(PythonFunctionName("Runner"), "Runner_");
  EXPECT_EQ(PythonFunctionName("__itok__f"), "itok__f");
  EXPECT_EQ(PythonFunctionName("2x"), "fn_2x");
  EXPECT_EQ(PythonFunctionName("a.b-c"), "a_b_c");
  EXPECT_EQ(PythonFunctionName("__"), "run");
}

TEST(PythonGeneratorTest, ModuleTextIsPlainAsciiWithTheXlsNamesEscaped) {
  const AotArtifact a = CompileWithBindings(R"(package p
fn f(x: bits[8]) -> bits[8] {
  ret r: bits[8] = identity(x)
}
)", "f", "plain");
  for (char c : a.python_module) {
    EXPECT_TRUE(c == '\n' || (c >= 0x20 && c < 0x7f)) << static_cast<int>(c);
  }
  EXPECT_TRUE(Contains(a.python_module, "_LIBRARY_FILE = \"libplain.so\"\n")) << a.python_module;
  EXPECT_TRUE(Contains(a.python_module, "    [(\"x\", 0)],\n")) << a.python_module;
}

}  // namespace
}  // namespace xlsaot
