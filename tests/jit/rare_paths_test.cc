// Path specialisation (codegen/rare_paths.h) changes how compiled code gets
// to its results, never the results: every path, common and rare, against
// the interpreter, values and events alike.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "codegen/rare_paths.h"
#include "gtest/gtest.h"
#include "tests/codegen/parsed_ir.h"
#include "tests/codegen/work_chain.h"
#include "tests/jit/differential_check.h"

namespace xlsaot::test {
namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream file(std::string(XLSAOT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Every pair of these encodings: both zeros, subnormals, the smallest and
// largest normals, infinities, quiet and signalling NaNs of both signs,
// ordinary numbers, exact negations (a zero sum) and near-cancelling pairs.
std::vector<std::vector<Value>> Fp32Pairs() {
  const uint32_t floats[] = {
      0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff,
      0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001, 0x3f800000, 0xbf800000, 0x34000000,
      0x3f800001, 0xbf7fffff, 0x4b000000, 0xcb000001, 0x7f000000, 0x00ffffff, 0x40490fdb, 0xc0490fdb,
  };
  std::vector<std::vector<Value>> pairs;
  for (uint32_t a : floats)
    for (uint32_t b : floats) pairs.push_back({Value::UBits(a, 32), Value::UBits(b, 32)});
  return pairs;
}

// The kernel that motivated the specialisation: it must still branch on its
// special cases (otherwise this test would test nothing), and agree with the
// interpreter on every pair of special and ordinary operands.
TEST(RarePathsJitTest, Fp32AddAgreesOnEverySpecialCase) {
  const std::string ir = ReadSource("bench/kernels/fp32_add.ir");
  ASSERT_FALSE(ir.empty()) << "bench/kernels/fp32_add.ir is missing";
  Parsed p = Parse(ir);
  ASSERT_NE(p.top, nullptr);
  const std::vector<codegen::RareCondition> conditions = codegen::ChooseRareConditions(*p.top, {});
  EXPECT_GE(conditions.size(), 3u);
  std::vector<std::vector<Value>> pairs = Fp32Pairs();
  EXPECT_EQ(ExpectJitMatchesInterpreter(ir, 2, pairs), static_cast<int>(pairs.size()));
  EXPECT_EQ(ExpectJitMatchesInterpreter(ir, 3, pairs), static_cast<int>(pairs.size()));
}

// Traces, an assertion and a cover before and after the conditions, some
// conditional on them: each path reports what the dataflow reports.
const std::string kEventsIr = R"(package p

top fn f(x: bits[16], y: bits[16]) -> bits[16] {
  tok: token = after_all()
  zero: bits[16] = literal(value=0)
  ones: bits[16] = literal(value=65535)
  seven: bits[16] = literal(value=7)
  x_zero: bits[1] = eq(x, zero)
  y_not_ones: bits[1] = ne(y, ones)
  y_ones: bits[1] = not(y_not_ones)
  t0: token = trace(tok, x_zero, format="x is zero, y = {}", data_operands=[y])
)" + WorkChain("s", 16, "y", "y", 9) + R"(  not_seven: bits[1] = ne(y, seven)
  a1: token = assert(t0, not_seven, message="y is 7", label="y_is_7")
  c1: () = cover(x_zero, label="zero_x")
  t1: token = trace(a1, y_ones, format="y all ones, x = {:#x}", data_operands=[x])
)" + WorkChain("u", 16, "x", "x", 9) + R"(  c2: () = cover(y_ones, label="ones_y")
  common: bits[16] = add(x, y)
  r1: bits[16] = sel(x_zero, cases=[common, s9])
  ret r: bits[16] = sel(y_not_ones, cases=[u9, r1])
}
)";

TEST(RarePathsJitTest, EventsAreTheSameOnEveryPath) {
  Parsed p = Parse(kEventsIr);
  ASSERT_NE(p.top, nullptr);
  EXPECT_GE(codegen::ChooseRareConditions(*p.top, {}).size(), 2u);
  std::vector<std::vector<Value>> args;
  for (uint64_t x : {0x0000, 0x0001, 0x8000, 0xffff, 0x1234})
    for (uint64_t y : {0x0000, 0x0007, 0xffff, 0x4321}) args.push_back({Value::UBits(x, 16), Value::UBits(y, 16)});
  EXPECT_GT(ExpectJitMatchesInterpreter(kEventsIr, 2, args), 0);
}

}  // namespace
}  // namespace xlsaot::test
