// The printer writes canonical XLS text: canonical input comes back byte for
// byte, and printing is a fixed point of print -> parse.
#include <string>

#include "gtest/gtest.h"
#include "ir/parser.h"
#include "ir/printer.h"

namespace xlsaot {
namespace {

std::unique_ptr<Package> MustParse(const std::string& text) {
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "p.ir");
  EXPECT_TRUE(p.ok()) << p.error();
  return p.ok() ? std::move(*p) : nullptr;
}

std::string Reprint(const std::string& text) {
  std::unique_ptr<Package> p = MustParse(text);
  return p ? PrintPackage(*p) : "";
}

// Canonical text using every op; attributes in table order, optional ones
// only where they carry information, ids everywhere; callees before callers
// in the order the caller first uses them.
constexpr char kCanonicalAllOps[] = R"(package all_ops

file_number 0 "all.x"
file_number 3 "dir/other.x"

fn callee(a: bits[8] id=1, b: bits[8] id=2) -> bits[8] {
  ret add.3: bits[8] = add(a, b, id=3)
}

fn later(e: bits[8] id=96) -> bits[1] {
  ret or_reduce.97: bits[1] = or_reduce(e, id=97)
}

fn body(i: bits[2] id=4, acc: bits[8] id=5, inv: bits[8] id=6) -> bits[8] {
  ret sub.7: bits[8] = sub(acc, inv, id=7)
}

#[non_synth]
#[initiation_interval(12)]
top fn all(x: bits[8] id=10, y: bits[8] id=11, s: bits[1] id=12, t: token id=13, arr: bits[8][4] id=14, idx: bits[2] id=15) -> bits[8] {
  add.20: bits[8] = add(x, y, id=20, pos=[(0,1,2), (3,4,5)])
  sub.21: bits[8] = sub(x, y, id=21)
  neg.22: bits[8] = neg(x, id=22)
  umul.23: bits[8] = umul(x, y, id=23)
  smul.24: bits[16] = smul(x, y, id=24)
  umulp.25: (bits[8], bits[8]) = umulp(x, y, id=25)
  smulp.26: (bits[8], bits[8]) = smulp(x, y, id=26)
  udiv.27: bits[8] = udiv(x, y, id=27)
  sdiv.28: bits[8] = sdiv(x, y, id=28)
  umod.29: bits[8] = umod(x, y, id=29)
  smod.30: bits[8] = smod(x, y, id=30)
  not.31: bits[8] = not(x, id=31)
  and.32: bits[8] = and(x, y, x, id=32)
  or.33: bits[8] = or(x, y, id=33)
  xor.34: bits[8] = xor(x, id=34)
  nand.35: bits[8] = nand(x, y, id=35)
  nor.36: bits[8] = nor(x, y, id=36)
  and_reduce.37: bits[1] = and_reduce(x, id=37)
  or_reduce.38: bits[1] = or_reduce(x, id=38)
  xor_reduce.39: bits[1] = xor_reduce(x, id=39)
  eq.40: bits[1] = eq(x, y, id=40)
  ne.41: bits[1] = ne(x, y, id=41)
  ult.42: bits[1] = ult(x, y, id=42)
  ule.43: bits[1] = ule(x, y, id=43)
  ugt.44: bits[1] = ugt(x, y, id=44)
  uge.45: bits[1] = uge(x, y, id=45)
  slt.46: bits[1] = slt(x, y, id=46)
  sle.47: bits[1] = sle(x, y, id=47)
  sgt.48: bits[1] = sgt(x, y, id=48)
  sge.49: bits[1] = sge(x, y, id=49)
  shll.50: bits[8] = shll(x, y, id=50)
  shrl.51: bits[8] = shrl(x, y, id=51)
  shra.52: bits[8] = shra(x, y, id=52)
  concat.53: bits[16] = concat(x, y, id=53)
  bit_slice.54: bits[3] = bit_slice(x, start=2, width=3, id=54)
  dynamic_bit_slice.55: bits[4] = dynamic_bit_slice(x, y, width=4, id=55)
  bit_slice_update.56: bits[8] = bit_slice_update(x, y, s, id=56)
  reverse.57: bits[8] = reverse(x, id=57)
  zero_ext.58: bits[16] = zero_ext(x, new_bit_count=16, id=58)
  sign_ext.59: bits[12] = sign_ext(x, new_bit_count=12, id=59)
  decode.60: bits[4] = decode(idx, width=4, id=60)
  encode.61: bits[3] = encode(x, id=61)
  one_hot.62: bits[9] = one_hot(x, lsb_prio=true, id=62)
  one_hot.63: bits[9] = one_hot(x, lsb_prio=false, id=63)
  identity.64: bits[8] = identity(x, id=64)
  sel.65: bits[8] = sel(idx, cases=[x, y], default=neg.22, id=65)
  sel.66: bits[8] = sel(s, cases=[x, y], id=66)
  one_hot_sel.67: bits[8] = one_hot_sel(idx, cases=[x, y], id=67)
  priority_sel.68: bits[8] = priority_sel(idx, cases=[x, y], default=sub.21, id=68)
  gate.69: bits[8] = gate(s, x, id=69)
  tuple.70: (bits[8], bits[1]) = tuple(x, s, id=70)
  tuple.71: () = tuple(id=71)
  tuple_index.72: bits[1] = tuple_index(tuple.70, index=1, id=72)
  array.73: bits[8][2] = array(x, y, id=73)
  array_index.74: bits[8] = array_index(arr, indices=[idx, s], assumed_in_bounds=true, id=74)
  array_index.75: bits[8][4] = array_index(arr, indices=[], id=75)
  array_update.76: bits[8][4] = array_update(arr, x, indices=[idx], id=76)
  array_slice.77: bits[8][2] = array_slice(arr, idx, width=2, id=77)
  array_concat.78: bits[8][6] = array_concat(arr, array.73, id=78)
  invoke.79: bits[8] = invoke(x, y, to_apply=callee, id=79)
  map.80: bits[1][4] = map(arr, to_apply=later, id=80)
  counted_for.81: bits[8] = counted_for(x, trip_count=3, stride=2, body=body, invariant_args=[y], id=81)
  counted_for.82: bits[8] = counted_for(x, trip_count=0, stride=1, body=body, id=82)
  dynamic_counted_for.83: bits[8] = dynamic_counted_for(x, idx, s, body=body, invariant_args=[y, x], id=83)
  literal.84: (bits[8], bits[2][2], token, ()) = literal(value=(255, [1, 3], token, ()), id=84)
  literal.85: bits[100] = literal(value=0xf_ffff_ffff_ffff_ffff_ffff_ffff, id=85)
  literal.86: bits[64] = literal(value=18446744073709551615, id=86)
  literal.87: bits[0] = literal(value=0, id=87)
  assert.88: token = assert(t, s, message="m\"q\n\\", label="lab", id=88)
  assert.89: token = assert(assert.88, s, message="no label", id=89)
  trace.90: token = trace(assert.89, s, format="x={} y={}", data_operands=[x, y], verbosity=2, id=90)
  trace.91: token = trace(trace.90, s, format="plain", data_operands=[], id=91)
  cover.92: () = cover(s, label="cov", id=92)
  after_all.93: token = after_all(t, trace.91, id=93)
  min_delay.94: token = min_delay(after_all.93, delay=3, id=94)
  ret identity.95: bits[8] = identity(x, id=95)
}

fn passthrough(p: (bits[8], token) id=98) -> (bits[8], token) {
  ret p: (bits[8], token) = param(name=p, id=98)
}
)";

TEST(PrinterTest, CanonicalTextComesBackByteForByte) {
  EXPECT_EQ(Reprint(kCanonicalAllOps), kCanonicalAllOps);
}

TEST(PrinterTest, NormalizesLayoutOrderAndImpliedIds) {
  const std::string messy = R"(// leading comment
package   foo
file_number 0 "foo.x"
fn bar( x : bits[8] id=1,
        y: bits[8] id=2 ) -> bits[8] {
  add.3 : bits[8] = add( x, y, pos=[(0,1,2)] )   // id implied by the name
  sel.9: bits[8] = sel(x, default=y, cases=[x, y])
  ret sub.4: bits[8] = sub(add.3, sel.9, id=4)
}
)";
  EXPECT_EQ(Reprint(messy), R"(package foo

file_number 0 "foo.x"

fn bar(x: bits[8] id=1, y: bits[8] id=2) -> bits[8] {
  add.3: bits[8] = add(x, y, id=3, pos=[(0,1,2)])
  sel.9: bits[8] = sel(x, cases=[x, y], default=y, id=9)
  ret sub.4: bits[8] = sub(add.3, sel.9, id=4)
}
)");
}

TEST(PrinterTest, AssignedIdsAreWrittenAndStable) {
  const std::string printed = Reprint(R"(package p
top fn main(a: bits[4], b: bits[4]) -> bits[4] {
  sum: bits[4] = add(a, b)
  ret literal.7: bits[4] = literal(value=15)
})");
  EXPECT_EQ(printed, R"(package p

top fn main(a: bits[4] id=8, b: bits[4] id=9) -> bits[4] {
  sum: bits[4] = add(a, b, id=10)
  ret literal.7: bits[4] = literal(value=15, id=7)
}
)");
  EXPECT_EQ(Reprint(printed), printed);
}

TEST(PrinterTest, CalleesArePrintedBeforeTheirCallers) {
  const std::string printed = Reprint(R"(package order
fn b(x: bits[1] id=1) -> bits[1] {
  ret not.2: bits[1] = not(x, id=2)
}
top fn main(x: bits[1] id=3) -> bits[1] {
  ret invoke.4: bits[1] = invoke(x, to_apply=middle, id=4)
}
fn middle(x: bits[1] id=5) -> bits[1] {
  ret invoke.6: bits[1] = invoke(x, to_apply=leaf, id=6)
}
fn leaf(x: bits[1] id=7) -> bits[1] {
  ret identity.8: bits[1] = identity(x, id=8)
}
)");
  // b and main are called by nobody; main's callees come right before it.
  auto at = [&](const std::string& header) { return printed.find(header); };
  ASSERT_NE(at("fn b("), std::string::npos);
  EXPECT_LT(at("fn b("), at("fn leaf("));
  EXPECT_LT(at("fn leaf("), at("fn middle("));
  EXPECT_LT(at("fn middle("), at("top fn main("));
  EXPECT_EQ(Reprint(printed), printed);
}

TEST(PrinterTest, RecursiveFunctionsAreAllPrinted) {
  const std::string printed = Reprint(R"(package rec
fn odd(x: bits[1] id=1) -> bits[1] {
  ret invoke.2: bits[1] = invoke(x, to_apply=even, id=2)
}
fn even(x: bits[1] id=3) -> bits[1] {
  ret invoke.4: bits[1] = invoke(x, to_apply=odd, id=4)
}
)");
  EXPECT_NE(printed.find("fn odd("), std::string::npos);
  EXPECT_NE(printed.find("fn even("), std::string::npos);
  EXPECT_EQ(Reprint(printed), printed);
}

TEST(PrinterTest, EmptyPackage) {
  EXPECT_EQ(Reprint("package empty"), "package empty\n");
}

TEST(PrinterTest, StringsAreReEscaped) {
  EXPECT_EQ(EscapeString("plain {} text"), "plain {} text");
  EXPECT_EQ(EscapeString("q\"b\\n\nt\tr\r'"), "q\\\"b\\\\n\\nt\\tr\\r\\'");
  EXPECT_EQ(EscapeString(std::string("\x01\x7f\xff\0", 4)), "\\001\\177\\377\\000");

  std::unique_ptr<Package> p = MustParse(
      "package p\nfn f(t: token, c: bits[1]) -> token {\n"
      "  ret a: token = assert(t, c, message=\"\"\"two\nlines \"quoted\" \\x41\\101\"\"\", label=\"\\t\")\n}\n");
  ASSERT_NE(p, nullptr);
  const Node& a = *p->functions()[0]->return_node();
  EXPECT_EQ(a.attrs().message, "two\nlines \"quoted\" AA");
  EXPECT_EQ(a.attrs().label, "\t");
  EXPECT_EQ(PrintNode(a),
            "a: token = assert(t, c, message=\"two\\nlines \\\"quoted\\\" AA\", label=\"\\t\", id=3)");
  // Every byte survives print -> parse.
  std::string all_bytes;
  for (int b = 1; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  Function& f = *p->functions()[0];
  f.return_node()->mutable_attrs().message = all_bytes;
  std::unique_ptr<Package> again = MustParse(PrintPackage(*p));
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->functions()[0]->return_node()->attrs().message, all_bytes);
}

TEST(PrinterTest, NodesBuiltThroughTheApi) {
  Package package("api");
  Function* f = package.AddFunction("f");
  Node* x = f->AddParam(Type::Bits(8), "x");
  x->set_id(1);
  Node* lit = f->AddNode(Op::kLiteral, Type::Bits(8), "");
  lit->set_id(2);
  lit->mutable_attrs().value = Value::UBits(200, 8);
  Node* sel = f->AddNode(Op::kSel, Type::Bits(8), "choice");
  sel->set_id(3);
  sel->mutable_operands() = {x, lit, x, lit};  // selector, 2 cases, default
  sel->mutable_attrs().has_default = true;
  f->set_return_node(sel);
  package.set_top_name("f");

  EXPECT_EQ(PrintNode(*lit), "literal.2: bits[8] = literal(value=200, id=2)");
  EXPECT_EQ(PrintNode(*sel), "choice: bits[8] = sel(x, cases=[literal.2, x], default=literal.2, id=3)");
  EXPECT_EQ(PrintNode(*x), "x: bits[8] = param(name=x, id=1)");
  EXPECT_EQ(PrintFunction(*f),
            "top fn f(x: bits[8] id=1) -> bits[8] {\n"
            "  literal.2: bits[8] = literal(value=200, id=2)\n"
            "  ret choice: bits[8] = sel(x, cases=[literal.2, x], default=literal.2, id=3)\n"
            "}\n");
  std::unique_ptr<Package> parsed = MustParse(PrintPackage(package));
  ASSERT_NE(parsed, nullptr);
  EXPECT_EQ(PrintPackage(*parsed), PrintPackage(package));
}

TEST(PrinterTest, TypesAndWideLiterals) {
  const Type* t = *ParseType("((bits[4], bits[24])[2], bits[8], token, ())");
  EXPECT_EQ(PrintType(t), t->ToString());
  EXPECT_EQ(PrintType(t), "((bits[4], bits[24])[2], bits[8], token, ())");
  std::unique_ptr<Package> p = MustParse(
      "package p\nfn f() -> bits[65] {\n  ret l: bits[65] = literal(value=0x1_0000_0000_0000_0000)\n}\n");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(PrintNode(*p->functions()[0]->return_node()),
            "l: bits[65] = literal(value=0x1_0000_0000_0000_0000, id=1)");
}

TEST(PrinterTest, ChannelsFunctionsThenProcsAndNoBlocks) {
  std::unique_ptr<Package> p = MustParse(R"(package m
proc q(s: bits[1], init={0}) {
  next (s)
}
block b(a: bits[1]) {
}
chan c(bits[1], id=0, kind=streaming, ops=send_only)
fn f(x: bits[1] id=1) -> bits[1] {
  ret x: bits[1] = param(name=x, id=1)
}
)");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(PrintPackage(*p),
            "package m\n\nchan c(bits[1], id=0, kind=streaming, ops=send_only)\n\n"
            "fn f(x: bits[1] id=1) -> bits[1] {\n  ret x: bits[1] = param(name=x, id=1)\n}\n\n"
            "proc q(s: bits[1], init={0}) {\n  s: bits[1] = state_read(state_element=s, id=2)\n"
            "  next_value.3: () = next_value(state_element=s, value=s, id=3)\n}\n");
}

}  // namespace
}  // namespace xlsaot
