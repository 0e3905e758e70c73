// Every function-level op at the edge widths (0, 1, 7, 8, 63, 64, 65, 127,
// 128, 129, 257, 1000, 8192), on edge-case inputs, JIT against the
// interpreter.
#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/jit/differential_check.h"
#include "tests/jit/ir_text.h"

namespace xlsaot {
namespace {

using test::BitsType;
using test::ExpectJitMatchesInterpreter;
using test::FnText;

std::string Package(const std::string& body) { return "package edge\n\n" + body; }

class OpEdgeTest : public ::testing::TestWithParam<int64_t> {
 protected:
  int64_t w() const { return GetParam(); }
  std::string T() const { return BitsType(w()); }
  // Both optimisation levels for the narrower widths; -O2 only for the
  // widest, whose code is slow to build without optimisation.
  // An expression giving `value` (of bits[from]) as bits[w].
  std::string Resize(const std::string& value, int64_t from) const {
    if (w() >= from) return "zero_ext(" + value + ", new_bit_count=" + std::to_string(w()) + ")";
    return "bit_slice(" + value + ", start=0, width=" + std::to_string(w()) + ")";
  }
  void Check(const std::string& ir) {
    ExpectJitMatchesInterpreter(ir, 2);
    if (w() <= 257) ExpectJitMatchesInterpreter(ir, 0);
  }
};

TEST_P(OpEdgeTest, BinaryArithmeticLogicAndComparisons) {
  FnText f("f");
  const std::string x = f.Param(T());
  const std::string y = f.Param(T());
  std::vector<std::string> out;
  for (const char* op : {"add", "sub", "udiv", "sdiv", "umod", "smod", "and", "or", "xor", "nand", "nor"})
    out.push_back(f.Node(T(), std::string(op) + "(" + x + ", " + y + ")"));
  for (const char* op : {"and", "or", "xor", "nand", "nor"})
    out.push_back(f.Node(T(), std::string(op) + "(" + x + ", " + y + ", " + x + ")"));
  out.push_back(f.Node(T(), "and(" + x + ")"));
  for (const char* op : {"eq", "ne", "ult", "ule", "ugt", "uge", "slt", "sle", "sgt", "sge"})
    out.push_back(f.Node("bits[1]", std::string(op) + "(" + x + ", " + y + ")"));
  Check(Package(f.Text(out, true)));
}

TEST_P(OpEdgeTest, UnaryOps) {
  FnText f("f");
  const std::string x = f.Param(T());
  std::vector<std::string> out;
  for (const char* op : {"neg", "not", "reverse", "identity"}) out.push_back(f.Node(T(), std::string(op) + "(" + x + ")"));
  for (const char* op : {"and_reduce", "or_reduce", "xor_reduce"})
    out.push_back(f.Node("bits[1]", std::string(op) + "(" + x + ")"));
  int64_t log2 = 0;
  while ((int64_t{1} << log2) < w()) ++log2;
  out.push_back(f.Node(BitsType(log2), "encode(" + x + ")"));
  out.push_back(f.Node(BitsType(w() + 1), "one_hot(" + x + ", lsb_prio=true)"));
  out.push_back(f.Node(BitsType(w() + 1), "one_hot(" + x + ", lsb_prio=false)"));
  out.push_back(f.Node(BitsType(w() + 3), "zero_ext(" + x + ", new_bit_count=" + std::to_string(w() + 3) + ")"));
  out.push_back(f.Node(T(), "zero_ext(" + x + ", new_bit_count=" + std::to_string(w()) + ")"));
  if (w() > 0) {
    out.push_back(f.Node(BitsType(w() + 3), "sign_ext(" + x + ", new_bit_count=" + std::to_string(w() + 3) + ")"));
    out.push_back(f.Node(BitsType(2 * w()), "sign_ext(" + x + ", new_bit_count=" + std::to_string(2 * w()) + ")"));
    out.push_back(f.Node(T(), "sign_ext(" + x + ", new_bit_count=" + std::to_string(w()) + ")"));
  }
  Check(Package(f.Text(out, true)));
}

TEST_P(OpEdgeTest, Multiplies) {
  FnText f("f");
  const std::string x = f.Param(T());
  const std::string y = f.Param(T());
  const std::string z = f.Param(BitsType(w() / 2 + 1));
  std::vector<std::string> out;
  for (const char* op : {"umul", "smul"}) {
    for (int64_t r : {w(), 2 * w(), w() / 2, w() + 1}) {
      out.push_back(f.Node(BitsType(r), std::string(op) + "(" + x + ", " + y + ")"));
      out.push_back(f.Node(BitsType(r), std::string(op) + "(" + x + ", " + z + ")"));
      out.push_back(f.Node(BitsType(r), std::string(op) + "(" + z + ", " + x + ")"));
    }
  }
  const std::string pair = "(" + T() + ", " + T() + ")";
  for (const char* op : {"umulp", "smulp"}) {
    out.push_back(f.Node(pair, std::string(op) + "(" + x + ", " + y + ")"));
    out.push_back(f.Node(pair, std::string(op) + "(" + x + ", " + z + ")"));
  }
  Check(Package(f.Text(out, true)));
}

TEST_P(OpEdgeTest, Shifts) {
  for (int64_t amount_width : {w(), int64_t{1}, int64_t{3}, int64_t{8}, int64_t{70}}) {
    FnText f("f");
    const std::string x = f.Param(T());
    const std::string s = f.Param(BitsType(amount_width));
    std::vector<std::string> out;
    for (const char* op : {"shll", "shrl", "shra"})
      out.push_back(f.Node(T(), std::string(op) + "(" + x + ", " + s + ")"));
    Check(Package(f.Text(out, true)));
  }
}

TEST_P(OpEdgeTest, BitManipulation) {
  FnText f("f");
  const std::string x = f.Param(T());
  const std::string y = f.Param(BitsType(w() / 2 + 1));
  const std::string s8 = f.Param("bits[8]");
  const std::string s70 = f.Param("bits[70]");
  std::vector<std::string> out;
  out.push_back(f.Node(BitsType(2 * w() + w() / 2 + 1), "concat(" + x + ", " + y + ", " + x + ")"));
  out.push_back(f.Node(T(), "concat(" + x + ")"));
  const int64_t start = w() / 3;
  const int64_t width = w() / 2;
  out.push_back(f.Node(BitsType(width), "bit_slice(" + x + ", start=" + std::to_string(start) +
                                            ", width=" + std::to_string(width) + ")"));
  out.push_back(f.Node(T(), "bit_slice(" + x + ", start=0, width=" + std::to_string(w()) + ")"));
  if (w() > 0) out.push_back(f.Node("bits[1]", "bit_slice(" + x + ", start=" + std::to_string(w() - 1) + ", width=1)"));
  for (const std::string& s : {s8, s70, x}) {
    out.push_back(f.Node(BitsType(width), "dynamic_bit_slice(" + x + ", " + s + ", width=" + std::to_string(width) + ")"));
    out.push_back(f.Node(T(), "dynamic_bit_slice(" + x + ", " + s + ", width=" + std::to_string(w()) + ")"));
    out.push_back(f.Node(T(), "bit_slice_update(" + x + ", " + s + ", " + y + ")"));
  }
  const std::string wide = f.Node(BitsType(w() + 5), "zero_ext(" + y + ", new_bit_count=" + std::to_string(w() + 5) + ")");
  out.push_back(f.Node(T(), "bit_slice_update(" + x + ", " + s8 + ", " + wide + ")"));
  const int64_t decoded = std::min<int64_t>(w(), 256);
  out.push_back(f.Node(BitsType(decoded), "decode(" + s8 + ", width=" + std::to_string(decoded) + ")"));
  if (w() > 0) out.push_back(f.Node(T(), "decode(" + x + ", width=" + std::to_string(w()) + ")"));
  out.push_back(f.Node("bits[5]", "decode(" + s70 + ", width=5)"));
  Check(Package(f.Text(out, true)));
}

TEST_P(OpEdgeTest, Selects) {
  FnText f("f");
  const std::string x = f.Param(T());
  const std::string y = f.Param(T());
  const std::string z = f.Param(T());
  const std::string s2 = f.Param("bits[2]");
  const std::string s3 = f.Param("bits[3]");
  const std::string c = f.Param("bits[1]");
  std::vector<std::string> out;
  out.push_back(f.Node(T(), "sel(" + s2 + ", cases=[" + x + ", " + y + ", " + z + "], default=" + x + ")"));
  out.push_back(f.Node(T(), "sel(" + s2 + ", cases=[" + x + ", " + y + ", " + z + ", " + y + "])"));
  out.push_back(f.Node(T(), "sel(" + c + ", cases=[" + x + ", " + y + "])"));
  out.push_back(f.Node(T(), "sel(" + s3 + ", cases=[" + z + "], default=" + y + ")"));
  out.push_back(f.Node(T(), "one_hot_sel(" + s3 + ", cases=[" + x + ", " + y + ", " + z + "])"));
  out.push_back(f.Node(T(), "priority_sel(" + s3 + ", cases=[" + x + ", " + y + ", " + z + "], default=" + y + ")"));
  out.push_back(f.Node(T(), "gate(" + c + ", " + x + ")"));
  Check(Package(f.Text(out, true)));
}

TEST_P(OpEdgeTest, AggregatesOfBits) {
  FnText f("f");
  const std::string x = f.Param(T());
  const std::string a = f.Param(T() + "[3]");
  const std::string m = f.Param(T() + "[2][3]");
  const std::string i2 = f.Param("bits[2]");
  const std::string i70 = f.Param("bits[70]");
  const std::string c = f.Param("bits[1]");
  std::vector<std::string> out;
  const std::string tuple_type = "(" + T() + ", bits[1], " + T() + "[3])";
  const std::string t = f.Node(tuple_type, "tuple(" + x + ", " + c + ", " + a + ")");
  out.push_back(t);
  out.push_back(f.Node(T(), "tuple_index(" + t + ", index=0)"));
  out.push_back(f.Node(T() + "[3]", "tuple_index(" + t + ", index=2)"));
  out.push_back(f.Node(T() + "[4]", "array(" + x + ", " + x + ", " + x + ", " + x + ")"));
  for (const std::string& i : {i2, i70}) {
    out.push_back(f.Node(T(), "array_index(" + a + ", indices=[" + i + "])"));
    out.push_back(f.Node(T() + "[2]", "array_index(" + m + ", indices=[" + i + "])"));
    out.push_back(f.Node(T(), "array_index(" + m + ", indices=[" + i + ", " + c + "])"));
    out.push_back(f.Node(T() + "[3]", "array_update(" + a + ", " + x + ", indices=[" + i + "])"));
    out.push_back(f.Node(T() + "[2][3]", "array_update(" + m + ", " + x + ", indices=[" + i + ", " + c + "])"));
    out.push_back(f.Node(T() + "[2]", "array_slice(" + a + ", " + i + ", width=2)"));
    out.push_back(f.Node(T() + "[5]", "array_slice(" + a + ", " + i + ", width=5)"));
  }
  out.push_back(f.Node(T() + "[3]", "array_update(" + a + ", " + f.Node(T() + "[3]", "array(" + x + ", " + x + ", " + x + ")") + ", indices=[])"));
  out.push_back(f.Node(T() + "[6]", "array_concat(" + a + ", " + a + ")"));
  const std::string b = f.Node(T() + "[3]", "array_update(" + a + ", " + x + ", indices=[" + i2 + "])");
  out.push_back(f.Node("bits[1]", "eq(" + a + ", " + b + ")"));
  out.push_back(f.Node("bits[1]", "ne(" + a + ", " + b + ")"));
  const std::string t2 = f.Node(tuple_type, "tuple(" + x + ", " + c + ", " + b + ")");
  out.push_back(f.Node("bits[1]", "eq(" + t + ", " + t2 + ")"));
  out.push_back(f.Node(tuple_type, "sel(" + c + ", cases=[" + t + ", " + t2 + "])"));
  out.push_back(f.Node(tuple_type, "one_hot_sel(" + i2 + ", cases=[" + t + ", " + t2 + "])"));
  out.push_back(f.Node(tuple_type, "priority_sel(" + i2 + ", cases=[" + t + ", " + t2 + "], default=" + t + ")"));
  out.push_back(f.Node(T() + "[2][3]", "gate(" + c + ", " + m + ")"));
  Check(Package(f.Text(out, true)));
}

TEST_P(OpEdgeTest, CallsAndLoops) {
  const std::string t = T();
  FnText body("body");
  const std::string i = body.Param("bits[8]");
  const std::string acc = body.Param(t);
  const std::string inv = body.Param(t);
  const std::string ie = body.Node(t, Resize(i, 8));
  const std::string sum = body.Node(t, "add(" + acc + ", " + ie + ")");
  const std::string mixed = body.Node(t, "xor(" + sum + ", " + inv + ")");
  FnText tbody("tuple_body");
  const std::string ti = tbody.Param("bits[8]");
  const std::string ts = tbody.Param("(" + t + ", " + t + "[2])");
  const std::string t0 = tbody.Node(t, "tuple_index(" + ts + ", index=0)");
  const std::string t1 = tbody.Node(t + "[2]", "tuple_index(" + ts + ", index=1)");
  const std::string tie = tbody.Node(t, Resize(ti, 8));
  const std::string tsum = tbody.Node(t, "sub(" + t0 + ", " + tie + ")");
  const std::string tupd = tbody.Node(t + "[2]", "array_update(" + t1 + ", " + tsum + ", indices=[" + ti + "])");
  FnText g("g");
  const std::string ge = g.Param(t);
  const std::string gr = g.Node("(" + t + ", bits[1])", "tuple(" + g.Node(t, "not(" + ge + ")") + ", " +
                                                          g.Node("bits[1]", "or_reduce(" + ge + ")") + ")");
  FnText f("f");
  const std::string x = f.Param(t);
  const std::string a = f.Param(t + "[3]");
  const std::string trip = f.Param("bits[3]");
  const std::string stride = f.Param("bits[3]");
  std::vector<std::string> out;
  out.push_back(f.Node(t, "counted_for(" + x + ", trip_count=5, stride=3, body=body, invariant_args=[" + x + "])"));
  out.push_back(f.Node(t, "counted_for(" + x + ", trip_count=0, body=body, invariant_args=[" + x + "])"));
  out.push_back(f.Node(t, "dynamic_counted_for(" + x + ", " + trip + ", " + stride + ", body=body, invariant_args=[" + x + "])"));
  const std::string init = f.Node("(" + t + ", " + t + "[2])", "tuple(" + x + ", " + f.Node(t + "[2]", "array(" + x + ", " + x + ")") + ")");
  out.push_back(f.Node("(" + t + ", " + t + "[2])", "counted_for(" + init + ", trip_count=3, body=tuple_body)"));
  out.push_back(f.Node("(" + t + ", bits[1])[3]", "map(" + a + ", to_apply=g)"));
  out.push_back(f.Node("(" + t + ", bits[1])", "invoke(" + x + ", to_apply=g)"));
  Check(Package(body.Text({mixed}) + tbody.Text({t0, tupd}) + g.Text({gr}) + f.Text(out, true)));
}

TEST_P(OpEdgeTest, AssertTraceCover) {
  FnText f("f");
  const std::string x = f.Param(T());
  const std::string c = f.Param("bits[1]");
  const std::string tok = f.Node("token", "after_all()");
  const std::string a = f.Node("token", "assert(" + tok + ", " + c + ", message=\"failed on x\", label=\"x_label\")");
  const std::string tr = f.Node("token", "trace(" + a + ", " + c + ", format=\"x = {} {:x} {:#b} {:d}\", data_operands=[" +
                                             x + ", " + x + ", " + x + ", " + x + "])");
  const std::string cv = f.Node("()", "cover(" + c + ", label=\"seen\")");
  f.Node("token", "assert(" + tr + ", " + f.Node("bits[1]", "not(" + c + ")") + ", message=\"second\")");
  const std::string arr = f.Node(T() + "[2]", "array(" + x + ", " + x + ")");
  f.Node("token", "trace(" + tr + ", " + c + ", format=\"arr {}\", data_operands=[" + arr + "])");
  Check(Package(f.Text({x, cv}, true)));
}

INSTANTIATE_TEST_SUITE_P(Widths, OpEdgeTest,
                         ::testing::Values(0, 1, 7, 8, 63, 64, 65, 127, 128, 129, 257, 1000, 8192),
                         [](const ::testing::TestParamInfo<int64_t>& info) {
                           return "bits" + std::to_string(info.param);
                         });

}  // namespace
}  // namespace xlsaot
