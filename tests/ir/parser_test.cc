// The IR text parser: every op and attribute, error messages with locations,
// skipped procs/blocks, and hostile input.
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/parser.h"
#include "ir/printer.h"

namespace xlsaot {
namespace {

// One function using every op of the table, each attribute set to a value
// that differs from its default.
constexpr char kAllOps[] = R"(package all_ops

file_number 0 "all.x"
file_number 3 "dir/other.x"

fn callee(a: bits[8] id=1, b: bits[8] id=2) -> bits[8] {
  ret add.3: bits[8] = add(a, b, id=3)
}

// Loop body: induction variable, accumulator, invariant.
fn body(i: bits[2] id=4, acc: bits[8] id=5, inv: bits[8] id=6) -> bits[8] {
  ret sub.7: bits[8] = sub(acc, inv, id=7)
}

#[non_synth]
#[initiation_interval(12)]
top fn all(x: bits[8] id=10, y: bits[8] id=11,
           s: bits[1] id=12, t: token id=13,
           arr: bits[8][4] id=14, idx: bits[2] id=15) -> bits[8] {
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
  identity.63: bits[8] = identity(x, id=63)
  sel.64: bits[8] = sel(idx, cases=[x, y], default=neg.22, id=64)
  one_hot_sel.65: bits[8] = one_hot_sel(idx, cases=[x, y], id=65)
  priority_sel.66: bits[8] = priority_sel(idx, cases=[x, y], default=sub.21, id=66)
  gate.67: bits[8] = gate(s, x, id=67)
  tuple.68: (bits[8], bits[1]) = tuple(x, s, id=68)
  tuple_index.69: bits[1] = tuple_index(tuple.68, index=1, id=69)
  array.70: bits[8][2] = array(x, y, id=70)
  array_index.71: bits[8] = array_index(arr, indices=[idx, s], assumed_in_bounds=true, id=71)
  array_update.72: bits[8][4] = array_update(arr, x, indices=[idx], id=72)
  array_slice.73: bits[8][2] = array_slice(arr, idx, width=2, id=73)
  array_concat.74: bits[8][6] = array_concat(arr, array.70, id=74)
  invoke.75: bits[8] = invoke(x, y, to_apply=callee, id=75)
  map.76: bits[1][4] = map(arr, to_apply=later, id=76)
  counted_for.77: bits[8] = counted_for(x, trip_count=3, stride=2, body=body, invariant_args=[y], id=77)
  dynamic_counted_for.78: bits[8] = dynamic_counted_for(x, idx, s, body=body, invariant_args=[y, x], id=78)
  literal.79: (bits[8], bits[2][2], token) = literal(value=(-1, [1, 3], token), id=79)
  assert.80: token = assert(t, s, message="m\"q\n\\", label="lab", id=80)
  trace.81: token = trace(assert.80, s, format="x={} y={}", data_operands=[x, y], verbosity=2, id=81)
  cover.82: () = cover(s, label="cov", id=82)
  after_all.83: token = after_all(t, trace.81, id=83)
  min_delay.84: token = min_delay(after_all.83, delay=3, id=84)
  ret identity.85: bits[8] = identity(x, id=85)
}

fn later(e: bits[8] id=86) -> bits[1] {
  ret or_reduce.87: bits[1] = or_reduce(e, id=87)
}

chan ch(bits[8], id=0, kind=streaming, ops=send_receive)

proc counter(count: bits[8], init={1}) {
  count: bits[8] = state_read(state_element=count, id=88)
  literal.89: token = literal(value=token, id=89)
  receive.90: (token, bits[8], bits[1]) = receive(literal.89, channel=ch, blocking=false, id=90)
  send.91: token = send(literal.89, count, channel=ch, id=91)
  next_value.92: () = next_value(state_element=count, value=count, id=92)
}
)";

std::unique_ptr<Package> MustParse(const std::string& text) {
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "t.ir");
  EXPECT_TRUE(p.ok()) << p.error();
  return p.ok() ? std::move(*p) : nullptr;
}

const Node& NodeNamed(const Function& f, const std::string& name) {
  for (const auto& node : f.nodes())
    if (node->name() == name) return *node;
  ADD_FAILURE() << "no node " << name << " in " << f.name();
  static const Node kMissing(Op::kIdentity, Type::Bits(0), "missing", nullptr);
  return kMissing;
}

std::vector<std::string> OperandNames(const Node& node) {
  std::vector<std::string> names;
  for (const Node* operand : node.operands()) names.push_back(operand->name());
  return names;
}

using Names = std::vector<std::string>;

TEST(ParserTest, EveryOpOfTheTableIsParsed) {
  std::unique_ptr<Package> p = MustParse(kAllOps);
  ASSERT_NE(p, nullptr);
  std::set<Op> seen;
  for (const auto& f : p->functions())
    for (const auto& node : f->nodes()) seen.insert(node->op());
  for (const auto& proc : p->procs())
    for (const auto& node : proc->nodes()) seen.insert(node->op());
  for (const OpInfo& info : AllOps()) EXPECT_TRUE(seen.count(info.op)) << "op not covered: " << info.name;
}

TEST(ParserTest, PackageHeaderFileNumbersTopAndAttributes) {
  std::unique_ptr<Package> p = MustParse(kAllOps);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name(), "all_ops");
  EXPECT_EQ(p->filename(), "t.ir");
  EXPECT_EQ(p->top_name(), "all");
  ASSERT_EQ(p->file_numbers().size(), 2u);
  EXPECT_EQ(p->file_numbers().at(0), "all.x");
  EXPECT_EQ(p->file_numbers().at(3), "dir/other.x");
  ASSERT_EQ(p->functions().size(), 4u);
  const Function* all = p->GetFunction("all");
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(Names(all->outer_attributes().begin(), all->outer_attributes().end()),
            (Names{"non_synth", "initiation_interval(12)"}));
  EXPECT_TRUE(p->GetFunction("callee")->outer_attributes().empty());
  Result<Function*> top = p->ResolveTopFunction();
  ASSERT_TRUE(top.ok()) << top.error();
  EXPECT_EQ(*top, all);
}

TEST(ParserTest, ParamsSignatureAndReturn) {
  std::unique_ptr<Package> p = MustParse(kAllOps);
  ASSERT_NE(p, nullptr);
  const Function& f = *p->GetFunction("all");
  ASSERT_EQ(f.params().size(), 6u);
  EXPECT_EQ(f.param(0)->name(), "x");
  EXPECT_EQ(f.param(0)->op(), Op::kParam);
  EXPECT_EQ(f.param(0)->id(), 10);
  EXPECT_EQ(f.param(4)->type()->ToString(), "bits[8][4]");
  EXPECT_EQ(f.param(3)->type(), Type::Token());
  EXPECT_EQ(f.nodes()[0].get(), f.param(0));  // params come first
  EXPECT_EQ(f.return_type(), Type::Bits(8));
  ASSERT_NE(f.return_node(), nullptr);
  EXPECT_EQ(f.return_node()->name(), "identity.85");
  // Node locations point at the name: line 20 holds "add.20".
  const Node& add = NodeNamed(f, "add.20");
  EXPECT_EQ(add.loc().line, 20);
  EXPECT_EQ(add.loc().column, 3);
  EXPECT_EQ(f.param(2)->loc().line, 18);
  EXPECT_EQ(f.param(2)->loc().column, 12);
}

TEST(ParserTest, ScalarAttributesLandInTheirFields) {
  std::unique_ptr<Package> p = MustParse(kAllOps);
  ASSERT_NE(p, nullptr);
  const Function& f = *p->GetFunction("all");
  const Node& add = NodeNamed(f, "add.20");
  EXPECT_EQ(add.id(), 20);
  ASSERT_EQ(add.pos().size(), 2u);
  EXPECT_EQ(add.pos()[1].file_number, 3);
  EXPECT_EQ(add.pos()[1].line, 4);
  EXPECT_EQ(add.pos()[1].column, 5);
  EXPECT_EQ(OperandNames(add), (Names{"x", "y"}));
  EXPECT_EQ(OperandNames(NodeNamed(f, "and.32")), (Names{"x", "y", "x"}));
  EXPECT_EQ(OperandNames(NodeNamed(f, "xor.34")), (Names{"x"}));

  const Node& slice = NodeNamed(f, "bit_slice.54");
  EXPECT_EQ(slice.attrs().start, 2);
  EXPECT_EQ(slice.attrs().width, 3);
  EXPECT_EQ(NodeNamed(f, "dynamic_bit_slice.55").attrs().width, 4);
  EXPECT_EQ(OperandNames(NodeNamed(f, "bit_slice_update.56")), (Names{"x", "y", "s"}));
  EXPECT_EQ(NodeNamed(f, "zero_ext.58").attrs().new_bit_count, 16);
  EXPECT_EQ(NodeNamed(f, "sign_ext.59").attrs().new_bit_count, 12);
  EXPECT_EQ(NodeNamed(f, "decode.60").attrs().width, 4);
  EXPECT_TRUE(NodeNamed(f, "one_hot.62").attrs().lsb_prio);
  EXPECT_EQ(NodeNamed(f, "tuple_index.69").attrs().index, 1);
  EXPECT_EQ(NodeNamed(f, "array_slice.73").attrs().width, 2);
  EXPECT_EQ(NodeNamed(f, "min_delay.84").attrs().delay, 3);

  const Node& literal = NodeNamed(f, "literal.79");
  EXPECT_EQ(literal.attrs().value,
            Value::Tuple({Value::UBits(255, 8), Value::Array({Value::UBits(1, 2), Value::UBits(3, 2)}),
                          Value::Token()}));
  EXPECT_TRUE(literal.attrs().value.HasType(literal.type()));
  EXPECT_TRUE(literal.operands().empty());
}

TEST(ParserTest, OperandGroupsAreAppendedInAttributeOrder) {
  std::unique_ptr<Package> p = MustParse(kAllOps);
  ASSERT_NE(p, nullptr);
  const Function& f = *p->GetFunction("all");

  const Node& sel = NodeNamed(f, "sel.64");
  EXPECT_EQ(OperandNames(sel), (Names{"idx", "x", "y", "neg.22"}));
  EXPECT_TRUE(sel.attrs().has_default);
  EXPECT_EQ(sel.selector()->name(), "idx");
  ASSERT_EQ(sel.cases().size(), 2u);
  EXPECT_EQ(sel.cases()[1]->name(), "y");
  EXPECT_EQ(sel.default_value()->name(), "neg.22");

  const Node& ohs = NodeNamed(f, "one_hot_sel.65");
  EXPECT_FALSE(ohs.attrs().has_default);
  EXPECT_EQ(ohs.cases().size(), 2u);
  EXPECT_EQ(ohs.default_value(), nullptr);

  const Node& psel = NodeNamed(f, "priority_sel.66");
  EXPECT_TRUE(psel.attrs().has_default);
  EXPECT_EQ(psel.default_value()->name(), "sub.21");
  EXPECT_EQ(psel.cases().size(), 2u);

  const Node& index = NodeNamed(f, "array_index.71");
  EXPECT_EQ(OperandNames(index), (Names{"arr", "idx", "s"}));
  EXPECT_EQ(index.indices().size(), 2u);
  EXPECT_TRUE(index.attrs().assumed_in_bounds);
  const Node& update = NodeNamed(f, "array_update.72");
  EXPECT_EQ(OperandNames(update), (Names{"arr", "x", "idx"}));
  ASSERT_EQ(update.indices().size(), 1u);
  EXPECT_EQ(update.indices()[0]->name(), "idx");
  EXPECT_FALSE(update.attrs().assumed_in_bounds);

  const Node& loop = NodeNamed(f, "counted_for.77");
  EXPECT_EQ(OperandNames(loop), (Names{"x", "y"}));
  EXPECT_EQ(loop.attrs().trip_count, 3);
  EXPECT_EQ(loop.attrs().stride, 2);
  EXPECT_EQ(loop.attrs().callee, p->GetFunction("body"));
  EXPECT_EQ(loop.invariant_args().size(), 1u);
  const Node& dyn = NodeNamed(f, "dynamic_counted_for.78");
  EXPECT_EQ(OperandNames(dyn), (Names{"x", "idx", "s", "y", "x"}));
  EXPECT_EQ(dyn.invariant_args().size(), 2u);
  EXPECT_EQ(dyn.attrs().callee, p->GetFunction("body"));

  const Node& trace = NodeNamed(f, "trace.81");
  EXPECT_EQ(OperandNames(trace), (Names{"assert.80", "s", "x", "y"}));
  EXPECT_EQ(trace.data_operands().size(), 2u);
  EXPECT_EQ(trace.attrs().format, "x={} y={}");
  EXPECT_EQ(trace.attrs().verbosity, 2);
}

TEST(ParserTest, CallsStringsAndSideEffects) {
  std::unique_ptr<Package> p = MustParse(kAllOps);
  ASSERT_NE(p, nullptr);
  const Function& f = *p->GetFunction("all");
  EXPECT_EQ(NodeNamed(f, "invoke.75").attrs().callee, p->GetFunction("callee"));
  // `later` is defined after its use.
  EXPECT_EQ(NodeNamed(f, "map.76").attrs().callee, p->GetFunction("later"));
  const Node& assert_node = NodeNamed(f, "assert.80");
  EXPECT_EQ(assert_node.attrs().message, "m\"q\n\\");
  EXPECT_EQ(assert_node.attrs().label, "lab");
  EXPECT_TRUE(assert_node.attrs().has_label);
  const Node& cover = NodeNamed(f, "cover.82");
  EXPECT_EQ(cover.attrs().label, "cov");
  EXPECT_EQ(OperandNames(cover), (Names{"s"}));
  EXPECT_EQ(OperandNames(NodeNamed(f, "after_all.83")), (Names{"t", "trace.81"}));
}

TEST(ParserTest, OptionalAttributesKeepTheirDefaults) {
  std::unique_ptr<Package> p = MustParse(R"(package p
fn f(t: token, c: bits[1], x: bits[8], a: bits[8][2], i: bits[1]) -> bits[8] {
  a1: token = assert(t, c, message="no label")
  t1: token = trace(a1, c, format="v", data_operands=[])
  l: bits[8] = counted_for(x, trip_count=2, body=f)
  s: bits[8] = sel(c, cases=[x, x])
  ret e: bits[8] = array_index(a, indices=[i])
})");
  ASSERT_NE(p, nullptr);
  const Function& f = *p->functions()[0];
  EXPECT_FALSE(NodeNamed(f, "a1").attrs().has_label);
  EXPECT_EQ(NodeNamed(f, "t1").attrs().verbosity, 0);
  EXPECT_TRUE(NodeNamed(f, "t1").data_operands().empty());
  EXPECT_EQ(NodeNamed(f, "l").attrs().stride, 1);
  EXPECT_TRUE(NodeNamed(f, "l").invariant_args().empty());
  EXPECT_FALSE(NodeNamed(f, "s").attrs().has_default);
  EXPECT_EQ(NodeNamed(f, "s").cases().size(), 2u);
  EXPECT_FALSE(NodeNamed(f, "e").attrs().assumed_in_bounds);
}

TEST(ParserTest, NamesAndIds) {
  std::unique_ptr<Package> p = MustParse(R"(package p
fn f(x: bits[8] id=7, y: bits[8]) -> bits[8] {
  add.40: bits[8] = add(x, y)
  sum : bits[8] = add(add.40, y)
  sub.41: bits[8] = sub(sum, x, id=41)
  my.1 : token = after_all()
  foo.3: bits[8] = identity(x)
  ret result: bits[8] = identity(sub.41, id=9)
})");
  ASSERT_NE(p, nullptr);
  const Function& f = *p->functions()[0];
  EXPECT_EQ(f.param(0)->id(), 7);
  EXPECT_EQ(NodeNamed(f, "add.40").id(), 40);  // implied by the name
  EXPECT_EQ(NodeNamed(f, "sub.41").id(), 41);
  EXPECT_EQ(NodeNamed(f, "result").id(), 9);
  // Unnumbered nodes get fresh ids above the largest one, in order; a
  // dotted name whose prefix is no op name is a plain name.
  EXPECT_EQ(f.param(1)->id(), 42);
  EXPECT_EQ(NodeNamed(f, "sum").id(), 43);
  EXPECT_EQ(NodeNamed(f, "my.1").id(), 44);
  EXPECT_EQ(NodeNamed(f, "foo.3").id(), 45);
  std::set<int64_t> ids;
  for (const auto& node : f.nodes()) ids.insert(node->id());
  EXPECT_EQ(ids.size(), f.node_count());
}

TEST(ParserTest, ParamLinesNameExistingParams) {
  std::unique_ptr<Package> p = MustParse(R"(package p
fn id(x: bits[8] id=1) -> bits[8] {
  ret x: bits[8] = param(name=x, id=1)
}
fn g(a: (bits[8], bits[8]) id=2, b: bits[4]) -> bits[4] {
  a: (bits[8], bits[8]) = param(name=a, id=2)
  alias: bits[4] = param(name=b)
  ret n: bits[4] = not(alias)
})");
  ASSERT_NE(p, nullptr);
  const Function& id = *p->GetFunction("id");
  EXPECT_EQ(id.node_count(), 1u);
  EXPECT_EQ(id.return_node(), id.param(0));
  const Function& g = *p->GetFunction("g");
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(NodeNamed(g, "n").operand(0), g.param(1));
}

TEST(ParserTest, CommentsWhitespaceAndLayout) {
  std::unique_ptr<Package> p = MustParse(
      "//! top: f\n// RUN: something\npackage   p // trailing\n\n\tfn f(\n  x: bits[8] id=1,\n  y: bits[8] id=2\n)"
      " -> bits[8] {\n  // a comment line\n  ret   r : bits[8]=add( x ,y ,id=3 )// done\n}\n// end");
  ASSERT_NE(p, nullptr);
  const Function& f = *p->functions()[0];
  EXPECT_EQ(f.params().size(), 2u);
  EXPECT_EQ(f.return_node()->id(), 3);
}

TEST(ParserTest, KeywordsMayBeNames) {
  std::unique_ptr<Package> p = MustParse(R"(package fn
fn top(token: token, bits: bits[8]) -> bits[8] {
  ret: bits[8] = not(bits)
  ret ret.1: bits[8] = neg(ret)
}
top fn fn(x: bits[8]) -> bits[8] {
  ret top: bits[8] = invoke(x, to_apply=top)
})");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name(), "fn");
  EXPECT_EQ(p->top_name(), "fn");
  const Function& top = *p->GetFunction("top");
  EXPECT_EQ(top.param(0)->name(), "token");
  EXPECT_EQ(top.return_node()->name(), "ret.1");
  EXPECT_EQ(top.return_node()->operand(0)->name(), "ret");
  EXPECT_EQ(p->GetFunction("fn")->return_node()->attrs().callee, &top);
}

TEST(ParserTest, ByteOrderMarkAndCrLfLineEndings) {
  std::unique_ptr<Package> p =
      MustParse("\xef\xbb\xbfpackage p\r\n\r\nfn f(x: bits[1] id=1) -> bits[1] {\r\n  ret n: bits[1] = not(x)\r\n}\r\n");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->functions()[0]->return_node()->loc().line, 4);
  EXPECT_EQ(p->functions()[0]->return_node()->loc().column, 7);
}

TEST(ParserTest, EmptyPackage) {
  std::unique_ptr<Package> p = MustParse("package empty\n");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name(), "empty");
  EXPECT_TRUE(p->functions().empty());
  Result<Function*> top = p->ResolveTopFunction();
  EXPECT_FALSE(top.ok());
  EXPECT_EQ(top.code(), ErrorCode::kNotFound);
}

TEST(ParserTest, MultiLineFfiAttributeIsKeptVerbatim) {
  const std::string attribute =
      "ffi_proto(\"\"\"code_template: \"verilog_module {fn} (\\n.in({a})\\n);\"\n\"\"\")";
  std::unique_ptr<Package> p = MustParse("package test\n\n#[" + attribute +
                                         "]\nfn fun(a: bits[23] id=3) -> bits[42] {\n"
                                         "  ret umul.1: bits[42] = umul(a, a, id=1)\n}\n");
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->functions()[0]->outer_attributes().size(), 1u);
  EXPECT_EQ(p->functions()[0]->outer_attributes()[0], attribute);
}

TEST(ParserTest, ScheduledFunctionStagesAreFlattened) {
  std::unique_ptr<Package> p = MustParse(R"(package s
scheduled_fn f(x: bits[8] id=1) -> bits[8] {
  stage {
    a: bits[8] = not(x, id=2)
  }
  stage {
    ret b: bits[8] = neg(a, id=3)
  }
})");
  ASSERT_NE(p, nullptr);
  const Function& f = *p->functions()[0];
  EXPECT_EQ(f.node_count(), 3u);
  EXPECT_EQ(f.return_node()->name(), "b");
}

TEST(ParserTest, ProcsAndChannelsAreReadAndBlocksSkipped) {
  std::unique_ptr<Package> p = MustParse(R"(package mixed

chan c(bits[32], id=0, kind=streaming, ops=send_receive, flow_control=ready_valid, metadata="""a { } ( """)

fn helper(x: bits[32] id=1) -> bits[32] {
  ret identity.2: bits[32] = identity(x, id=2)
}

#[signature("""weird } text""")]
top proc counter(st: bits[32], init={0}) {
  tok: token = after_all()
  rcv: (token, bits[32]) = receive(tok, channel=c)
  s: token = send(tok, st, channel=c)
  next (st)
}

block blk(a: bits[8], out: bits[8]) {
  #![reset(port="rst", asynchronous=false, active_low=false)]
  reg r(bits[8], reset_value=0)
  instantiation inst(block=other, kind=block)
  a: bits[8] = input_port(name=a)
  out: () = output_port(a, name=out)
}

fn after(y: bits[8] id=3) -> bits[8] {
  ret y: bits[8] = param(name=y, id=3)
}
)");
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->functions().size(), 2u);
  EXPECT_EQ(p->functions()[0]->name(), "helper");
  EXPECT_EQ(p->functions()[1]->name(), "after");
  ASSERT_EQ(p->channels().size(), 1u);
  EXPECT_EQ(p->channels()[0].name, "c");
  ASSERT_EQ(p->channels()[0].other_attributes.size(), 2u);
  EXPECT_EQ(p->channels()[0].other_attributes[1].text, "\"\"\"a { } ( \"\"\"");
  ASSERT_EQ(p->procs().size(), 1u);
  const Proc& counter = *p->procs()[0];
  EXPECT_EQ(counter.name(), "counter");
  EXPECT_EQ(counter.loc().line, 10);
  EXPECT_EQ(counter.loc().column, 10);
  ASSERT_EQ(counter.state_elements().size(), 1u);
  EXPECT_EQ(counter.state_elements()[0].name, "st");
  // The header's state element gets its state_read, the legacy `next` line
  // its next_value.
  ASSERT_EQ(counter.node_count(), 5u);
  EXPECT_EQ(counter.nodes()[0]->op(), Op::kStateRead);
  EXPECT_EQ(counter.nodes()[0]->name(), "st");
  EXPECT_EQ(counter.nodes()[4]->op(), Op::kNextValue);
  EXPECT_EQ(counter.nodes()[4]->name(), "next_value." + std::to_string(counter.nodes()[4]->id()));
  ASSERT_EQ(p->non_functions().size(), 1u);
  EXPECT_EQ(p->non_functions()[0].kind, NonFunctionEntity::Kind::kBlock);
  EXPECT_EQ(p->non_functions()[0].name, "blk");
  EXPECT_EQ(p->top_name(), "counter");

  Result<Function*> top = p->ResolveTopFunction();
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.code(), ErrorCode::kUnsupported);
  EXPECT_EQ(top.error(), "t.ir:10:10: 'counter' is a proc; run it with eval-proc");
  Result<Function*> block = p->ResolveTopFunction("blk");
  ASSERT_FALSE(block.ok());
  EXPECT_NE(block.error().find("is a block"), std::string::npos);
  Result<Function*> helper = p->ResolveTopFunction("helper");
  ASSERT_TRUE(helper.ok());
  EXPECT_EQ((*helper)->name(), "helper");
}

// --- Errors. ---

// line:col of the first occurrence of `marker` in `text`.
std::string LocationOf(const std::string& text, const std::string& marker) {
  const size_t at = text.find(marker);
  EXPECT_NE(at, std::string::npos) << "marker '" << marker << "' not in text";
  int line = 1, column = 1;
  for (size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

// `code`: kParse for malformed text, kResourceExhausted for text beyond one
// of the parser's limits.
void ExpectParseError(const std::string& text, const std::string& marker, const std::string& message,
                      ErrorCode code = ErrorCode::kParse) {
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "t.ir");
  ASSERT_FALSE(p.ok()) << "parsed:\n" << text;
  EXPECT_EQ(p.code(), code) << p.error();
  EXPECT_EQ(p.error(), "t.ir:" + LocationOf(text, marker) + ": " + message) << text;
}

std::string InFunction(const std::string& body) {
  return "package p\n\nfn f(x: bits[8] id=1, y: bits[8] id=2, t: token id=3) -> bits[8] {\n" + body + "\n}\n";
}

TEST(ParserErrorTest, NodeLineErrors) {
  struct Case {
    std::string body, marker, message;
  };
  const Case cases[] = {
      {"  ret a: bits[8] = foo(x, y)", "foo", "unknown operation 'foo'"},
      {"  ret a: bits[8] = add(x, y, colour=3)", "colour", "unknown attribute 'colour'"},
      {"  ret a: bits[8] = add(x, y, width=3)", "width", "operation 'add' does not accept attribute 'width'"},
      {"  ret a: bits[3] = bit_slice(x, start=1, start=2, width=3)", "start=2", "duplicate attribute 'start'"},
      {"  ret a: bits[8] = add(x, y, id=4, id=4)", "id=4)", "duplicate attribute 'id'"},
      {"  ret a: bits[3] = bit_slice(x, start=1)", "bit_slice", "operation 'bit_slice' requires attribute 'width'"},
      {"  ret a: bits[8] = sel(x, default=y)", "sel", "operation 'sel' requires attribute 'cases'"},
      {"  ret a: bits[8] = add(x)", "add", "operation 'add' takes 2 positional operands, got 1"},
      {"  ret a: bits[8] = literal(x, value=1)", "literal", "operation 'literal' takes 0 positional operands, got 1"},
      {"  ret a: bits[8] = add(x, z)", "z)", "undefined name 'z'"},
      {"  ret a: bits[8] = sel(x, cases=[y, w])", "w]", "undefined name 'w'"},
      {"  a: bits[8] = add(x, y)\n  ret a: bits[8] = sub(x, y)", "a: bits[8] = sub",
       "name 'a' is already defined at t.ir:4:3"},
      {"  ret x: bits[8] = add(x, y)", "x: bits[8] = add", "name 'x' is already defined at t.ir:3:6"},
      {"  ret a: bits[8] = add(x, y)\n  ret b: bits[8] = sub(x, y)", "ret b",
       "function 'f' has more than one 'ret' (first is 'a')"},
      {"  a: bits[8] = add(x, y)", "}", "function 'f' has no 'ret' node"},
      {"  ret a: bits[8] = literal(value=256)", "256", "value '256' does not fit in bits[8]"},
      {"  ret a: bits[8][2] = literal(value=[1])", "[1]", "array value has 1 elements, type bits[8][2] has 2"},
      {"  ret a: (bits[8]) = literal(value=(1, 2))", "2))", "too many elements for tuple type (bits[8]) (expects 1)"},
      {"  ret a: bits[8] = invoke(x, to_apply=nope)", "nope", "unknown function 'nope'"},
      {"  ret a: token = assert(t, x, message=\"bad \\q\")", "\"bad", "invalid escape sequence in string"},
      {"  ret a: token = assert(t, x, message=\"oops)", "\"oops", "unterminated string"},
      {"  ret a: bits[3] = bit_slice(x, start=-1, width=3)", "-1", "attribute 'start' must not be negative, got -1"},
      {"  ret a: bits[3] = bit_slice(x, start=100000000000000000000000000000, width=3)", "1000",
       "integer '100000000000000000000000000000' does not fit in int64"},
      {"  ret a: bits[8] = add(x, y, id=0)", "0)", "node id 0 must be positive"},
      {"  ret add.5: bits[8] = add(x, y, id=6)", "6)", "id=6 differs from the id in node name 'add.5'"},
      {"  ret sub.5: bits[8] = add(x, y)", "sub.5", "node name 'sub.5' names operation 'sub' but the node is 'add'"},
      {"  ret a: bits[8] = add(x, id=4, y)", "y)", "operand 'y' follows keyword attributes"},
      {"  ret a: bits[8] = add(x, 5)", "5)", "expected identifier naming an operand, found '5'"},
      {"  ret q: bits[8] = param(name=q)", "q)", "'q' is not a parameter of function 'f'"},
      {"  ret a: bits[9] = one_hot(x, lsb_prio=maybe)", "maybe",
       "expected true or false for attribute 'lsb_prio', found 'maybe'"},
      {"  ret a: bits[8] = add(x, y", "}", "expected ')' to close the arguments of 'add', found '}'"},
      {"  ret a: bits[8] = add(x, y) $", "$", "invalid character '$'"},
      {"  ret a: bits[8] = add(x,\x7f y)", "\x7f", "invalid character '\\x7f'"},
      {"  ret a: bits[8] add(x, y)", "add", "expected '=' after the node type, found 'add'"},
      {"  ret a = add(x, y)", "= add", "expected ':' after the node name, found '='"},
      {"  ret a: bits[8] = add(x, y, pos=[(1, 2)])", ")])", "expected ',' in a source position, found ')'"},
      {"  ret a: bits[8] = counted_for(x, trip_count=1, body=7)", "7)",
       "expected identifier for attribute 'body', found '7'"},
      {"  ret a: bits[8] = literal(value=1, value=2)", "value=2", "duplicate attribute 'value'"},
      {"  ret a: bits[-3] = literal(value=0)", "-3", "bit count -3 is negative"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    ExpectParseError(InFunction(c.body), c.marker, c.message);
  }
  // Declared types that contradict their nodes are typing errors.
  ExpectParseError(InFunction("  ret a: bits[9] = zero_ext(x, new_bit_count=9)"), "a:",
                   "return node 'a' has type bits[9] but function 'f' returns bits[8]", ErrorCode::kVerify);
  ExpectParseError(InFunction("  ret x: bits[9] = param(name=x)"), "x: bits[9]",
                   "parameter 'x' has type bits[8], not bits[9]", ErrorCode::kVerify);
  ExpectParseError(InFunction("  ret a: bits[1000000000] = literal(value=0)"), "1000000000",
                   "bit count 1000000000 exceeds the limit of 16777216 bits", ErrorCode::kResourceExhausted);
}

TEST(ParserErrorTest, NulByteIsRejected) {
  std::string text = InFunction("  ret a: bits[8] = add(x, y)");
  text.insert(text.find("add(") + 4, std::string(1, '\0'));
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "t.ir");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error(), "t.ir:4:24: invalid character '\\x00'");
}

TEST(ParserErrorTest, PackageLevelErrors) {
  struct Case {
    std::string text, marker, message;
  };
  const std::string fn = "fn f() -> bits[1] {\n  ret l: bits[1] = literal(value=0)\n}\n";
  const Case cases[] = {
      {"", "", "expected 'package' at the start of the IR, found end of input"},
      {"fn f() -> bits[1] {}", "fn", "expected 'package' at the start of the IR, found 'fn'"},
      {"package p\nfoo", "foo", "expected 'fn', 'proc', 'block', 'chan', 'file_number' or an attribute, found 'foo'"},
      {"package p\npackage q", "package q",
       "expected 'fn', 'proc', 'block', 'chan', 'file_number' or an attribute, found 'package'"},
      {"package p\ntop chan c(bits[1])", "chan", "expected 'fn', 'proc' or 'block' after 'top', found 'chan'"},
      {"package p\ntop " + fn + "top fn g() -> bits[1] {\n  ret l: bits[1] = literal(value=0)\n}\n", "top fn g",
       "top declared more than once (first at t.ir:2:1)"},
      {"package p\n" + fn + "fn f () -> bits[1] {}", "f ()",
       "function 'f' is defined more than once (first at t.ir:2:4)"},
      {"package p\n#[non_synth]\n", "#", "attribute is not followed by a function"},
      {"package p\n#[non_synth(\n", "#", "attribute is not terminated"},
      {"package p\n#![non_synth]\n" + fn, "!", "inner attributes '#![...]' are not allowed here"},
      {"package p\nfn f(", "", "expected a parameter name, found end of input"},
      {"package p\nfn f(x: bits[8] di=3) -> bits[8] {}", "di", "unknown parameter attribute 'di' (only id=)"},
      {"package p\nfn f(x: bits[8], x: bits[8]) -> bits[8] {}", "x: bits[8])",
       "parameter 'x' is declared more than once"},
      {"package p\nfn f() -> bits[1] {\n  l: bits[1] = literal(value=0)\n", "",
       "expected '}' to close function 'f' (opened at t.ir:2:19), found end of input"},
      {"package p\nproc q(x: bits[1], init={0}) {\n  a: bits[1] = identity(x)\n", "",
       "expected '}' to close proc 'q' (opened at t.ir:2:30), found end of input"},
      {"package p\nproc q() { ) }", ") }", "expected a node name, found ')'"},
      {"package p\nchan c(bits[1]", "", "expected ')' to close channel 'c', found end of input"},
      {"package p\n#[non_synth]\nfile_number 0 \"x\"", "file_number",
       "attributes are not allowed on file_number declarations"},
      {"package p\nfile_number 99999999999 \"x\"", "999", "file number 99999999999 is out of range"},
      {"package p\nfile_number 1 x", "x", "expected string for the file path, found 'x'"},
      {"package p\nfn f() -> bits[1] {\n  ret l: bits[1] = literal(value=0)\n}\n// tail \"\n\"unterminated",
       "\"unterminated", "unterminated string"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Result<std::unique_ptr<Package>> p = ParsePackage(c.text, "t.ir");
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.code(), ErrorCode::kParse);
    // An empty marker means "at the end of the input".
    const std::string loc = c.marker.empty() ? LocationOf(c.text + "\x01", "\x01") : LocationOf(c.text, c.marker);
    EXPECT_EQ(p.error(), "t.ir:" + loc + ": " + c.message);
  }
}

// --- Hostile input. ---

// Every error is one line and starts with the file name and a location.
void ExpectErrorIsWellFormed(const Result<std::unique_ptr<Package>>& p) {
  EXPECT_TRUE(p.code() == ErrorCode::kParse || p.code() == ErrorCode::kResourceExhausted) << p.error();
  EXPECT_EQ(p.error().rfind("h.ir:", 0), 0u) << p.error();
  EXPECT_EQ(p.error().find('\n'), std::string::npos) << p.error();
}

// For text that is not IR: it must be rejected, with a well-formed error.
void ExpectWellFormedError(const std::string& text) {
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "h.ir");
  ASSERT_FALSE(p.ok()) << "accepted invalid IR of " << text.size() << " bytes starting "
                       << text.substr(0, 60);
  ExpectErrorIsWellFormed(p);
}

// For random text that may happen to be valid IR: accepted, or rejected
// with a well-formed error.
void ExpectAcceptedOrWellFormedError(const std::string& text) {
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "h.ir");
  if (!p.ok()) ExpectErrorIsWellFormed(p);
}

TEST(ParserHostileTest, EveryTruncationFailsCleanly) {
  const std::string text = kAllOps;
  for (size_t n = 0; n < text.size(); ++n) {
    const std::string prefix = text.substr(0, n);
    Result<std::unique_ptr<Package>> p = ParsePackage(prefix, "h.ir");
    // Only a prefix that ends right after a complete function (or the
    // package line) can be a valid package.
    if (p.ok()) {
      std::string trimmed = prefix;  // without comments (kAllOps has no "//" in strings)
      for (size_t c = trimmed.find("//"); c != std::string::npos; c = trimmed.find("//", c))
        trimmed.erase(c, trimmed.find('\n', c) == std::string::npos ? std::string::npos : trimmed.find('\n', c) - c);
      const size_t last = trimmed.find_last_not_of(" \n");
      // ... or right after a complete channel declaration.
      const size_t line_start = trimmed.rfind('\n', last) + 1;
      const bool after_channel = last != std::string::npos && trimmed[last] == ')' &&
                                 trimmed.compare(line_start, 5, "chan ") == 0;
      EXPECT_TRUE(trimmed.find("fn ") == std::string::npos || (last != std::string::npos && trimmed[last] == '}') ||
                  after_channel)
          << "prefix of " << n << " bytes parsed";
    } else {
      ExpectWellFormedError(prefix);
    }
  }
}

TEST(ParserHostileTest, RandomBytes) {
  std::mt19937 rng(1234);
  for (int i = 0; i < 3000; ++i) {
    std::string text = i % 2 ? "package p\n" : "";
    const size_t length = rng() % 200;
    for (size_t k = 0; k < length; ++k) text.push_back(static_cast<char>(rng() % 256));
    ExpectAcceptedOrWellFormedError(text);
  }
}

TEST(ParserHostileTest, RandomTokenSoup) {
  const char* const vocabulary[] = {
      "package", "p", "fn", "f", "g", "(", ")", "{", "}", "[", "]", ":", "=", ",", "->", "bits", "token", "ret",
      "top", "proc", "block", "chan", "#", "!", "add", "literal", "value", "id", "x", "y", "8", "-1", "0x1f",
      "\"s\"", "\"\"\"m\"\"\"", "sel", "cases", "default", "param", "name", "invoke", "to_apply", "counted_for",
      "body", "trip_count", "pos", "tuple", "array_index", "indices", "file_number", "\n", "//c\n", "99999999999999999999"};
  std::mt19937 rng(99);
  for (int i = 0; i < 5000; ++i) {
    std::string text = "package p\n";
    const size_t length = rng() % 60;
    for (size_t k = 0; k < length; ++k) {
      text += vocabulary[rng() % std::size(vocabulary)];
      text += ' ';
    }
    ExpectAcceptedOrWellFormedError(text);
  }
}

TEST(ParserHostileTest, MutatedValidInput) {
  const std::string base = kAllOps;
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text.erase(at, 1 + rng() % 8); break;
        case 1: text.insert(at, text.substr(rng() % text.size(), 1 + rng() % 8)); break;
        default: text[at] = "()[]{},:=#\"0x-_a. \n"[rng() % 19]; break;
      }
      if (text.empty()) text = "p";
    }
    ExpectAcceptedOrWellFormedError(text);
  }
}

TEST(ParserHostileTest, DeepNestingEverywhere) {
  const std::string open(200000, '('), close(200000, ')');
  const std::string head = "package p\nfn f() -> bits[1] {\n  ret a: ";
  Result<std::unique_ptr<Package>> p = ParsePackage(head + open + "bits[1]" + close + " = literal(value=0)\n}", "h.ir");
  ASSERT_FALSE(p.ok());
  // Reported where the limit is crossed: the 102nd '(' (line 3, column 10 + 101).
  EXPECT_EQ(p.error(), "h.ir:3:111: type is nested too deeply (limit 100)");
  EXPECT_EQ(p.code(), ErrorCode::kResourceExhausted);
  p = ParsePackage(head + "(bits[1]) = literal(value=" + open + "0" + close + ")\n}", "h.ir");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("expected a number for a bits[1] value, found '('"), std::string::npos) << p.error();
  std::string deep_type = "bits[1]";
  for (int i = 0; i < 150; ++i) deep_type = "(" + deep_type + ")";
  p = ParsePackage(head + deep_type + " = literal(value=0)\n}", "h.ir");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("nested too deeply"), std::string::npos) << p.error();
  // Skipped constructs and attributes are scanned without recursion.
  ExpectWellFormedError("package p\nproc q() " + std::string(200000, '{'));
  ExpectWellFormedError("package p\n#[a" + open);
  ExpectWellFormedError("package p\nchan c" + open + close + "\nfn");
  ExpectWellFormedError(head + "bits[1] = sel(x, cases=" + std::string(200000, '[') + ")\n}");
}

TEST(ParserHostileTest, HugeNumbersAndSizes) {
  const std::string head = "package p\nfn f(x: bits[8]) -> bits[8] {\n  ret a: ";
  ExpectParseError("package p\nfn f(x: bits[1000000000]) -> bits[1] {}", "1000000000",
                   "bit count 1000000000 exceeds the limit of 16777216 bits", ErrorCode::kResourceExhausted);
  ExpectParseError(head + "bits[8] = literal(value=1000000000000000000000000000000)\n}", "1000",
                   "value '1000000000000000000000000000000' does not fit in bits[8]");
  ExpectParseError(head + "bits[8] = counted_for(x, trip_count=1000000000000000000000000000000, body=f)\n}",
                   "1000", "integer '1000000000000000000000000000000' does not fit in int64");
  ExpectParseError(head + "bits[8][4611686018427387904] = literal(value=[])\n}", "4611686018427387904",
                   "array type bits[8][4611686018427387904] is too large (limit 16777216 bits)",
                   ErrorCode::kResourceExhausted);
  ExpectParseError(head + "bits[8] = add(x, x, id=9223372036854775808)\n}", "9223372036854775808",
                   "integer '9223372036854775808' does not fit in int64");
  // The largest id is fine, but then no fresh id is left for unnumbered nodes.
  ExpectParseError(head + "bits[8] = add(x, x, id=9223372036854775807)\n}", "x: bits[8]",
                   "no id left for node 'x' (the largest id is in use)");
  // A huge hex literal is refused before it is converted.
  Result<std::unique_ptr<Package>> p =
      // NOLINTNEXTLINE(bugprone-string-constructor): a 10 MB literal is the hostile input under test
      ParsePackage(head + "bits[8] = literal(value=0x" + std::string(10000000, 'f') + ")\n}", "h.ir");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().find("number is too large"), std::string::npos) << p.error();
  EXPECT_EQ(p.code(), ErrorCode::kResourceExhausted);
}

}  // namespace
}  // namespace xlsaot
