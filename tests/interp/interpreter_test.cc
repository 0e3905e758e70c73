// The interpreter on functions built through the Function API: the edge
// cases of XLS's semantics, events, argument checking, concurrency and size.
// Expected values are derived from docs_src/ir_semantics.md by hand.
#include "interp/interpreter.h"

#include <cstdint>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "llvm/ADT/StringRef.h"
#include "tests/interp/ir_builder.h"
#include "ir/package.h"
#include "ir/verifier.h"

namespace xlsaot {
namespace {

using test_ir::B;
using test_ir::BitsT;
using test_ir::FunctionBuilder;

class InterpreterTest : public ::testing::Test {
 protected:
  FunctionBuilder Builder(const std::string& name) { return FunctionBuilder(&package_, name); }

  // Verifies the hand-built function (so the test exercises valid IR only)
  // and interprets it.
  EvalResult Run(const Function* f, const std::vector<Value>& args) {
    Status verified = VerifyFunction(*f);
    EXPECT_TRUE(verified.ok()) << verified.error();
    Result<EvalResult> r = Interpret(*f, args);
    EXPECT_TRUE(r.ok()) << r.error();
    if (!r.ok()) return EvalResult{};
    return std::move(r).value();
  }
  Value Eval(const Function* f, const std::vector<Value>& args) { return Run(f, args).value; }

  // fn f(a: bits[wa], b: bits[wb]) -> bits[wr] { ret op(a, b) }
  Function* Binary(Op op, int64_t wa, int64_t wb, int64_t wr) {
    FunctionBuilder fb = Builder(std::string(OpName(op)) + "_" + std::to_string(counter_++));
    Node* a = fb.Param("a", BitsT(wa));
    Node* b = fb.Param("b", BitsT(wb));
    return fb.Return(fb.Op(op, BitsT(wr), {a, b}));
  }

  Package package_{"test"};
  int counter_ = 0;
};

TEST_F(InterpreterTest, DivisionAndModulusByZero) {
  Function* udiv = Binary(Op::kUDiv, 8, 8, 8);
  Function* sdiv = Binary(Op::kSDiv, 8, 8, 8);
  Function* umod = Binary(Op::kUMod, 8, 8, 8);
  Function* smod = Binary(Op::kSMod, 8, 8, 8);
  EXPECT_EQ(Eval(udiv, {B(8, 42), B(8, 0)}), B(8, 0xff));
  EXPECT_EQ(Eval(sdiv, {B(8, 42), B(8, 0)}), B(8, 0x7f));
  EXPECT_EQ(Eval(sdiv, {B(8, 0xd6), B(8, 0)}), B(8, 0x80));  // -42 / 0
  EXPECT_EQ(Eval(sdiv, {B(8, 0x80), B(8, 0xff)}), B(8, 0x80));  // INT_MIN / -1
  EXPECT_EQ(Eval(sdiv, {B(8, 0xf9), B(8, 2)}), B(8, 0xfd));  // -7 / 2 = -3
  EXPECT_EQ(Eval(umod, {B(8, 42), B(8, 0)}), B(8, 0));
  EXPECT_EQ(Eval(smod, {B(8, 0xd6), B(8, 0)}), B(8, 0));
  EXPECT_EQ(Eval(smod, {B(8, 0xf9), B(8, 2)}), B(8, 0xff));  // -7 % 2 = -1
  EXPECT_EQ(Eval(smod, {B(8, 0x80), B(8, 0xff)}), B(8, 0));
}

TEST_F(InterpreterTest, ShiftsByAnyAmount) {
  Function* shll = Binary(Op::kShll, 8, 3, 8);
  Function* shrl = Binary(Op::kShrl, 8, 80, 8);
  Function* shra = Binary(Op::kShra, 8, 4, 8);
  EXPECT_EQ(Eval(shll, {B(8, 0x81), B(3, 7)}), B(8, 0x80));
  EXPECT_EQ(Eval(shrl, {B(8, 0xff), Value::Bits(llvm::APInt::getOneBitSet(80, 70))}), B(8, 0));
  EXPECT_EQ(Eval(shrl, {B(8, 0xf0), B(80, 4)}), B(8, 0x0f));
  EXPECT_EQ(Eval(shra, {B(8, 0x80), B(4, 8)}), B(8, 0xff));
  EXPECT_EQ(Eval(shra, {B(8, 0x80), B(4, 15)}), B(8, 0xff));
  EXPECT_EQ(Eval(shra, {B(8, 0x7f), B(4, 15)}), B(8, 0x00));
  EXPECT_EQ(Eval(shra, {B(8, 0x80), B(4, 3)}), B(8, 0xf0));
}

TEST_F(InterpreterTest, MixedWidthMultiplies) {
  EXPECT_EQ(Eval(Binary(Op::kUMul, 7, 10, 9), {B(7, 3), B(10, 5)}), B(9, 15));
  EXPECT_EQ(Eval(Binary(Op::kUMul, 8, 8, 4), {B(8, 0xff), B(8, 0xff)}), B(4, 1));
  EXPECT_EQ(Eval(Binary(Op::kUMul, 4, 4, 12), {B(4, 15), B(4, 15)}), B(12, 225));
  EXPECT_EQ(Eval(Binary(Op::kSMul, 4, 4, 12), {B(4, 15), B(4, 15)}), B(12, 1));      // -1 * -1
  EXPECT_EQ(Eval(Binary(Op::kSMul, 4, 3, 12), {B(4, 15), B(3, 3)}), B(12, 0xffd));   // -1 * 3
  EXPECT_EQ(Eval(Binary(Op::kSMul, 4, 4, 3), {B(4, 7), B(4, 3)}), B(3, 21 & 7));
}

TEST_F(InterpreterTest, PartialProductsSumToTheProductWithXlsSplit) {
  for (Op op : {Op::kUMulp, Op::kSMulp}) {
    FunctionBuilder fb = Builder(std::string(OpName(op)));
    Node* a = fb.Param("a", BitsT(7));
    Node* b = fb.Param("b", BitsT(10));
    const Type* pair_elems[] = {BitsT(9), BitsT(9)};
    Function* f = fb.Return(fb.Op(op, Type::Tuple(pair_elems), {a, b}));
    // 3 * 5 = 15; XLS's interpreter returns (offset, 15 - offset) with
    // offset = 0b01_0011111 for 9 bits.
    Value r = Eval(f, {B(7, 3), B(10, 5)});
    ASSERT_TRUE(r.IsTuple());
    const uint64_t offset = 0b010011111;
    EXPECT_EQ(r, Value::Tuple({B(9, offset), B(9, (15 - offset) & 0x1ff)}));
  }
  // Signed: -1 (7 bits) * 5 = -5 in 9 bits.
  FunctionBuilder fb = Builder("smulp_neg");
  Node* a = fb.Param("a", BitsT(7));
  Node* b = fb.Param("b", BitsT(10));
  const Type* pair_elems[] = {BitsT(9), BitsT(9)};
  Function* f = fb.Return(fb.Op(Op::kSMulp, Type::Tuple(pair_elems), {a, b}));
  Value r = Eval(f, {B(7, 0x7f), B(10, 5)});
  const uint64_t sum = (r.element(0).bits().getZExtValue() + r.element(1).bits().getZExtValue()) & 0x1ff;
  EXPECT_EQ(sum, (0x200u - 5) & 0x1ff);
}

TEST_F(InterpreterTest, SelectOps) {
  // sel with default: selector 2 bits, 3 cases.
  FunctionBuilder fb = Builder("sel");
  Node* s = fb.Param("s", BitsT(2));
  Node* c0 = fb.Literal(8, 10);
  Node* c1 = fb.Literal(8, 11);
  Node* c2 = fb.Literal(8, 12);
  Node* d = fb.Literal(8, 99);
  Node* sel = fb.Op(Op::kSel, BitsT(8), {s, c0, c1, c2, d});
  sel->mutable_attrs().has_default = true;
  Function* f = fb.Return(sel);
  EXPECT_EQ(Eval(f, {B(2, 0)}), B(8, 10));
  EXPECT_EQ(Eval(f, {B(2, 2)}), B(8, 12));
  EXPECT_EQ(Eval(f, {B(2, 3)}), B(8, 99));

  // one_hot_sel ORs every selected case, also inside aggregates.
  FunctionBuilder oh = Builder("one_hot_sel");
  Node* sel_bits = oh.Param("s", BitsT(3));
  const Type* elems[] = {BitsT(4), BitsT(8)};
  const Type* tt = Type::Tuple(elems);
  Node* x = oh.Literal(Value::Tuple({B(4, 0b0001), B(8, 0x10)}), tt);
  Node* y = oh.Literal(Value::Tuple({B(4, 0b0010), B(8, 0x20)}), tt);
  Node* z = oh.Literal(Value::Tuple({B(4, 0b1000), B(8, 0x01)}), tt);
  Function* ohf = oh.Return(oh.Op(Op::kOneHotSel, tt, {sel_bits, x, y, z}));
  EXPECT_EQ(Eval(ohf, {B(3, 0b000)}), Value::Tuple({B(4, 0), B(8, 0)}));
  EXPECT_EQ(Eval(ohf, {B(3, 0b010)}), Value::Tuple({B(4, 0b0010), B(8, 0x20)}));
  EXPECT_EQ(Eval(ohf, {B(3, 0b101)}), Value::Tuple({B(4, 0b1001), B(8, 0x11)}));

  // priority_sel: the lowest set bit wins; default when none is set.
  FunctionBuilder ps = Builder("priority_sel");
  Node* p = ps.Param("p", BitsT(3));
  Node* pc0 = ps.Literal(8, 1);
  Node* pc1 = ps.Literal(8, 2);
  Node* pc2 = ps.Literal(8, 3);
  Node* pd = ps.Literal(8, 77);
  Node* psel = ps.Op(Op::kPrioritySel, BitsT(8), {p, pc0, pc1, pc2, pd});
  psel->mutable_attrs().has_default = true;
  Function* psf = ps.Return(psel);
  EXPECT_EQ(Eval(psf, {B(3, 0b000)}), B(8, 77));
  EXPECT_EQ(Eval(psf, {B(3, 0b110)}), B(8, 2));
  EXPECT_EQ(Eval(psf, {B(3, 0b111)}), B(8, 1));
  EXPECT_EQ(Eval(psf, {B(3, 0b100)}), B(8, 3));

  // gate passes the data or the zero value of its type.
  FunctionBuilder g = Builder("gate");
  Node* cond = g.Param("c", BitsT(1));
  Node* data = g.Literal(Value::Tuple({B(4, 5), B(8, 6)}), tt);
  Function* gf = g.Return(g.Op(Op::kGate, tt, {cond, data}));
  EXPECT_EQ(Eval(gf, {B(1, 1)}), Value::Tuple({B(4, 5), B(8, 6)}));
  EXPECT_EQ(Eval(gf, {B(1, 0)}), Value::Tuple({B(4, 0), B(8, 0)}));
}

TEST_F(InterpreterTest, ArrayIndexClampsPerDimension) {
  // a: bits[8][3][2]  (2 rows of 3)
  const Type* row = Type::Array(BitsT(8), 3);
  const Type* mat = Type::Array(row, 2);
  FunctionBuilder fb = Builder("array_index");
  Node* a = fb.Param("a", mat);
  Node* i = fb.Param("i", BitsT(4));
  Node* j = fb.Param("j", BitsT(70));
  Function* f = fb.Return(fb.Op(Op::kArrayIndex, BitsT(8), {a, i, j}));
  Value m = Value::Array({Value::Array({B(8, 1), B(8, 2), B(8, 3)}),
                          Value::Array({B(8, 4), B(8, 5), B(8, 6)})});
  EXPECT_EQ(Eval(f, {m, B(4, 1), B(70, 0)}), B(8, 4));
  EXPECT_EQ(Eval(f, {m, B(4, 9), B(70, 1)}), B(8, 5));   // row clamps to 1
  EXPECT_EQ(Eval(f, {m, B(4, 0), B(70, 3)}), B(8, 3));   // column clamps to 2
  EXPECT_EQ(Eval(f, {m, B(4, 15), Value::Bits(llvm::APInt::getAllOnes(70))}), B(8, 6));

  // No indices: the whole array.
  FunctionBuilder whole = Builder("array_index_nil");
  Node* w = whole.Param("a", mat);
  Function* wf = whole.Return(whole.Op(Op::kArrayIndex, mat, {w}));
  EXPECT_EQ(Eval(wf, {m}), m);
}

TEST_F(InterpreterTest, ArrayUpdateOutOfBoundsIsANoOp) {
  const Type* row = Type::Array(BitsT(8), 3);
  const Type* mat = Type::Array(row, 2);
  FunctionBuilder fb = Builder("array_update");
  Node* a = fb.Param("a", mat);
  Node* v = fb.Param("v", BitsT(8));
  Node* i = fb.Param("i", BitsT(4));
  Node* j = fb.Param("j", BitsT(4));
  Function* f = fb.Return(fb.Op(Op::kArrayUpdate, mat, {a, v, i, j}));
  Value m = Value::Array({Value::Array({B(8, 1), B(8, 2), B(8, 3)}),
                          Value::Array({B(8, 4), B(8, 5), B(8, 6)})});
  EXPECT_EQ(Eval(f, {m, B(8, 9), B(4, 1), B(4, 2)}),
            Value::Array({Value::Array({B(8, 1), B(8, 2), B(8, 3)}),
                          Value::Array({B(8, 4), B(8, 5), B(8, 9)})}));
  EXPECT_EQ(Eval(f, {m, B(8, 9), B(4, 2), B(4, 0)}), m);
  EXPECT_EQ(Eval(f, {m, B(8, 9), B(4, 0), B(4, 3)}), m);
}

TEST_F(InterpreterTest, ArraySliceRepeatsTheLastElement) {
  const Type* arr = Type::Array(BitsT(8), 4);
  FunctionBuilder fb = Builder("array_slice");
  Node* a = fb.Param("a", arr);
  Node* s = fb.Param("s", BitsT(8));
  Node* slice = fb.Op(Op::kArraySlice, Type::Array(BitsT(8), 3), {a, s});
  slice->mutable_attrs().width = 3;
  Function* f = fb.Return(slice);
  Value in = Value::Array({B(8, 10), B(8, 11), B(8, 12), B(8, 13)});
  EXPECT_EQ(Eval(f, {in, B(8, 0)}), Value::Array({B(8, 10), B(8, 11), B(8, 12)}));
  EXPECT_EQ(Eval(f, {in, B(8, 2)}), Value::Array({B(8, 12), B(8, 13), B(8, 13)}));
  EXPECT_EQ(Eval(f, {in, B(8, 200)}), Value::Array({B(8, 13), B(8, 13), B(8, 13)}));
}

TEST_F(InterpreterTest, BitVectorOps) {
  FunctionBuilder fb = Builder("bit_ops");
  Node* x = fb.Param("x", BitsT(16));
  Node* s = fb.Param("s", BitsT(8));
  Node* dyn = fb.Op(Op::kDynamicBitSlice, BitsT(8), {x, s});
  dyn->mutable_attrs().width = 8;
  Node* upd = fb.Op(Op::kBitSliceUpdate, BitsT(16), {x, s, fb.Literal(8, 0xff)});
  Node* oh = fb.Op(Op::kOneHot, BitsT(9), {dyn});
  oh->mutable_attrs().lsb_prio = false;
  Node* enc = fb.Op(Op::kEncode, BitsT(3), {dyn});
  Node* dec = fb.Op(Op::kDecode, BitsT(5), {s});
  dec->mutable_attrs().width = 5;
  Node* zero = fb.Literal(0, 0);
  Node* cat = fb.Op(Op::kConcat, BitsT(16), {zero, dyn, zero, dyn});
  const Type* elems[] = {BitsT(8), BitsT(16), BitsT(9), BitsT(3), BitsT(5), BitsT(16)};
  Function* f = fb.Return(fb.Op(Op::kTuple, Type::Tuple(elems), {dyn, upd, oh, enc, dec, cat}));
  // x = 0xabcd, s = 12: slice 0x0a; writing 0xff at 12 keeps only its low
  // four bits -> 0xfbcd; one_hot msb of 0x0a -> bit 3; encode(0x0a) = 1 | 3;
  // decode(12) in 5 bits = 0; concat = 0x0a0a.
  EXPECT_EQ(Eval(f, {B(16, 0xabcd), B(8, 12)}),
            Value::Tuple({B(8, 0x0a), B(16, 0xfbcd), B(9, 0b1000), B(3, 3), B(5, 0), B(16, 0x0a0a)}));
  // s = 2: slice 0xf3; 0xff written over bits 2..9 -> 0xabcd | 0x3fc; one_hot
  // msb of 0xf3 -> bit 7; encode = 0|1|4|5|6|7 = 7; decode(2) = 0b00100.
  EXPECT_EQ(Eval(f, {B(16, 0xabcd), B(8, 2)}),
            Value::Tuple({B(8, 0xf3), B(16, 0xabfd), B(9, 0x80), B(3, 7), B(5, 0b00100), B(16, 0xf3f3)}));
  // s = 0x40 (out of range): slice 0; update no-op; one_hot of 0 -> bit 8;
  // decode(64) in 5 bits = 0.
  EXPECT_EQ(Eval(f, {B(16, 0x1234), B(8, 0x40)}),
            Value::Tuple({B(8, 0), B(16, 0x1234), B(9, 0x100), B(3, 0), B(5, 0), B(16, 0)}));
}

TEST_F(InterpreterTest, ZeroWidthBitsEverywhere) {
  FunctionBuilder fb = Builder("zero_width");
  Node* z = fb.Param("z", BitsT(0));
  Node* sum = fb.Op(Op::kAdd, BitsT(0), {z, z});
  Node* neg = fb.Op(Op::kNeg, BitsT(0), {sum});
  Node* div = fb.Op(Op::kSDiv, BitsT(0), {neg, z});
  Node* notz = fb.Op(Op::kNot, BitsT(0), {div});
  Node* andr = fb.Op(Op::kAndReduce, BitsT(1), {notz});
  Node* orr = fb.Op(Op::kOrReduce, BitsT(1), {notz});
  Node* lt = fb.Op(Op::kSLt, BitsT(1), {z, notz});
  Node* eq = fb.Op(Op::kEq, BitsT(1), {z, notz});
  Node* ext = fb.Op(Op::kZeroExt, BitsT(4), {notz});
  ext->mutable_attrs().new_bit_count = 4;
  Node* cat = fb.Op(Op::kConcat, BitsT(4), {z, ext, z});
  Node* oh = fb.Op(Op::kOneHot, BitsT(1), {z});
  oh->mutable_attrs().lsb_prio = true;
  const Type* elems[] = {BitsT(1), BitsT(1), BitsT(1), BitsT(1), BitsT(4), BitsT(1)};
  Function* f = fb.Return(fb.Op(Op::kTuple, Type::Tuple(elems), {andr, orr, lt, eq, cat, oh}));
  EXPECT_EQ(Eval(f, {B(0, 0)}),
            Value::Tuple({B(1, 1), B(1, 0), B(1, 0), B(1, 1), B(4, 0), B(1, 1)}));
}

TEST_F(InterpreterTest, CountedForPassesIndexStateAndInvariants) {
  // body(i: bits[8], acc: bits[16], k: bits[16]) = acc + zext(i) * k
  FunctionBuilder body = Builder("body");
  Node* i = body.Param("i", BitsT(8));
  Node* acc = body.Param("acc", BitsT(16));
  Node* k = body.Param("k", BitsT(16));
  Node* iz = body.Op(Op::kZeroExt, BitsT(16), {i});
  iz->mutable_attrs().new_bit_count = 16;
  Node* prod = body.Op(Op::kUMul, BitsT(16), {iz, k});
  Function* bodyf = body.Return(body.Op(Op::kAdd, BitsT(16), {acc, prod}));

  FunctionBuilder fb = Builder("main");
  Node* init = fb.Param("init", BitsT(16));
  Node* kk = fb.Param("k", BitsT(16));
  Node* loop = fb.Op(Op::kCountedFor, BitsT(16), {init, kk});
  loop->mutable_attrs().trip_count = 4;
  loop->mutable_attrs().stride = 3;
  loop->mutable_attrs().callee = bodyf;
  Function* f = fb.Return(loop);
  // indices 0, 3, 6, 9: init + (0+3+6+9) * k
  EXPECT_EQ(Eval(f, {B(16, 100), B(16, 2)}), B(16, 100 + 18 * 2));
}

// The index is i * stride modulo the index width, however large the
// product: an index wider than 64 bits with trip_count * stride beyond 2^63.
TEST_F(InterpreterTest, CountedForIndexWrapsInItsOwnWidth) {
  // body(i: bits[100], acc: bits[100]) = acc * i + i
  FunctionBuilder body = Builder("wide_body");
  Node* i = body.Param("i", BitsT(100));
  Node* acc = body.Param("acc", BitsT(100));
  Node* prod = body.Op(Op::kUMul, BitsT(100), {acc, i});
  Function* bodyf = body.Return(body.Op(Op::kAdd, BitsT(100), {prod, i}));
  FunctionBuilder fb = Builder("main");
  Node* init = fb.Param("init", BitsT(100));
  Node* loop = fb.Op(Op::kCountedFor, BitsT(100), {init});
  loop->mutable_attrs().trip_count = 5;
  loop->mutable_attrs().stride = 0x7000000000000001;
  loop->mutable_attrs().callee = bodyf;
  Function* f = fb.Return(loop);
  // Computed with unbounded integers: indices i * 0x7000000000000001 mod
  // 2^100 for i = 0..4, folded by acc * i + i from 0.
  const Value expected =
      Value::Bits(llvm::APInt(100, llvm::StringRef("55c000000000000040"), 16));
  EXPECT_EQ(Eval(f, {Value::Bits(llvm::APInt(100, 0))}), expected);
}

TEST_F(InterpreterTest, DynamicCountedForUsesSignedStride) {
  // body(i: bits[8], acc: bits[16]) = acc + sext(i)
  FunctionBuilder body = Builder("dyn_body");
  Node* i = body.Param("i", BitsT(8));
  Node* acc = body.Param("acc", BitsT(16));
  Node* is = body.Op(Op::kSignExt, BitsT(16), {i});
  is->mutable_attrs().new_bit_count = 16;
  Function* bodyf = body.Return(body.Op(Op::kAdd, BitsT(16), {acc, is}));

  FunctionBuilder fb = Builder("dyn_main");
  Node* init = fb.Param("init", BitsT(16));
  Node* trip = fb.Param("trip", BitsT(4));
  Node* stride = fb.Param("stride", BitsT(4));
  Node* loop = fb.Op(Op::kDynamicCountedFor, BitsT(16), {init, trip, stride});
  loop->mutable_attrs().callee = bodyf;
  Function* f = fb.Return(loop);
  // trip 4, stride -2: indices 0, -2, -4, -6 -> sum -12.
  EXPECT_EQ(Eval(f, {B(16, 100), B(4, 4), B(4, 0xe)}), B(16, 100 - 12));
  // trip 15 (unsigned), stride 3: 0 + 3 + ... + 42 = 315.
  EXPECT_EQ(Eval(f, {B(16, 0), B(4, 15), B(4, 3)}), B(16, 315));
  // Zero trips, and a zero stride (XLS stops at once: index == limit == 0).
  EXPECT_EQ(Eval(f, {B(16, 7), B(4, 0), B(4, 3)}), B(16, 7));
  EXPECT_EQ(Eval(f, {B(16, 7), B(4, 5), B(4, 0)}), B(16, 7));
  // trip 15 * stride -8 = -120 still fits bits[8]; 15 * 7 = 105 too.
  EXPECT_EQ(Eval(f, {B(16, 0), B(4, 15), B(4, 7)}), B(16, uint64_t{7} * 105));
}

TEST_F(InterpreterTest, DynamicCountedForThatNeverEndsIsAnError) {
  FunctionBuilder body = Builder("nt_body");
  body.Param("i", BitsT(4));
  Node* acc = body.Param("acc", BitsT(8));
  Function* bodyf = body.Return(acc);
  FunctionBuilder fb = Builder("nt_main");
  Node* init = fb.Param("init", BitsT(8));
  Node* trip = fb.Param("trip", BitsT(3));
  Node* stride = fb.Param("stride", BitsT(4));
  Node* loop = fb.Op(Op::kDynamicCountedFor, BitsT(8), {init, trip, stride});
  loop->mutable_attrs().callee = bodyf;
  Function* f = fb.Return(loop);
  ASSERT_TRUE(VerifyFunction(*f).ok());
  // 7 * 7 = 49 never equals a 4-bit signed index.
  Result<EvalResult> r = Interpret(*f, std::vector<Value>{B(8, 0), B(3, 7), B(4, 7)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), ErrorCode::kUnsupported);
  EXPECT_NE(r.error().find("never terminates"), std::string::npos) << r.error();
}

TEST_F(InterpreterTest, MapAndInvoke) {
  FunctionBuilder dbl = Builder("double");
  Node* x = dbl.Param("x", BitsT(8));
  Function* dblf = dbl.Return(dbl.Op(Op::kAdd, BitsT(8), {x, x}));
  const Type* arr = Type::Array(BitsT(8), 3);
  FunctionBuilder fb = Builder("map_main");
  Node* a = fb.Param("a", arr);
  Node* m = fb.Op(Op::kMap, arr, {a});
  m->mutable_attrs().callee = dblf;
  Node* first = fb.Op(Op::kArrayIndex, BitsT(8), {m, fb.Literal(2, 0)});
  Node* inv = fb.Op(Op::kInvoke, BitsT(8), {first});
  inv->mutable_attrs().callee = dblf;
  const Type* elems[] = {arr, BitsT(8)};
  Function* f = fb.Return(fb.Op(Op::kTuple, Type::Tuple(elems), {m, inv}));
  EXPECT_EQ(Eval(f, {Value::Array({B(8, 1), B(8, 2), B(8, 200)})}),
            Value::Tuple({Value::Array({B(8, 2), B(8, 4), B(8, 144)}), B(8, 4)}));
}

TEST_F(InterpreterTest, EventsAreRecordedInExecutionOrderAcrossCalls) {
  // callee(t, c) = trace(t, c, "inner {}", [c]) then assert(c) with a label.
  FunctionBuilder inner = Builder("inner");
  Node* it = inner.Param("t", Type::Token());
  Node* ic = inner.Param("c", BitsT(1));
  Node* tr = inner.Op(Op::kTrace, Type::Token(), {it, ic, ic});
  tr->mutable_attrs().format = "inner {}";
  Node* as = inner.Op(Op::kAssert, Type::Token(), {tr, ic});
  as->mutable_attrs().message = "inner failed";
  as->mutable_attrs().label = "inner_label";
  as->mutable_attrs().has_label = true;
  Function* innerf = inner.Return(as);

  FunctionBuilder fb = Builder("outer");
  Node* t = fb.Param("t", Type::Token());
  Node* c = fb.Param("c", BitsT(1));
  Node* nc = fb.Op(Op::kNot, BitsT(1), {c});
  Node* a1 = fb.Op(Op::kAssert, Type::Token(), {t, c});
  a1->mutable_attrs().message = "first";
  Node* call = fb.Op(Op::kInvoke, Type::Token(), {a1, nc});
  call->mutable_attrs().callee = innerf;
  Node* t2 = fb.Op(Op::kTrace, Type::Token(), {call, nc});
  t2->mutable_attrs().format = "after {{call}}";
  Node* cov = fb.Op(Op::kCover, Type::EmptyTuple(), {nc});
  cov->mutable_attrs().label = "not_c";
  Node* cov2 = fb.Op(Op::kCover, Type::EmptyTuple(), {c});
  cov2->mutable_attrs().label = "c";
  Node* done = fb.Op(Op::kAfterAll, Type::Token(), {t2});
  const Type* elems[] = {Type::Token(), Type::EmptyTuple(), Type::EmptyTuple()};
  Function* f = fb.Return(fb.Op(Op::kTuple, Type::Tuple(elems), {done, cov, cov2}));

  EvalResult failing = Run(f, {Value::Token(), B(1, 0)});
  EXPECT_EQ(failing.value, Value::Tuple({Value::Token(), Value::Tuple({}), Value::Tuple({})}));
  // c = 0: the outer assert fails first; inner traces (its condition is 1)
  // and its assert holds; then the outer trace.
  const std::vector<Event> expected = {
      Event{Event::Kind::kAssert, "first", ""},
      Event{Event::Kind::kTrace, "inner 1", ""},
      Event{Event::Kind::kTrace, "after {call}", ""},
  };
  EXPECT_EQ(failing.events.log, expected);
  EXPECT_EQ(failing.events.assertion_count(), 1);
  EXPECT_EQ(failing.events.cover_hits, (std::map<std::string, int64_t>{{"not_c", 1}}));

  EvalResult passing = Run(f, {Value::Token(), B(1, 1)});
  const std::vector<Event> expected_passing = {
      Event{Event::Kind::kAssert, "inner failed", "inner_label"},
  };
  EXPECT_EQ(passing.events.log, expected_passing);
  EXPECT_EQ(passing.events.cover_hits, (std::map<std::string, int64_t>{{"c", 1}}));
}

TEST_F(InterpreterTest, CoverCountsEveryHitInsideLoops) {
  FunctionBuilder body = Builder("cover_body");
  Node* i = body.Param("i", BitsT(4));
  Node* acc = body.Param("acc", BitsT(4));
  Node* odd = body.Op(Op::kBitSlice, BitsT(1), {i});
  odd->mutable_attrs().start = 0;
  odd->mutable_attrs().width = 1;
  Node* cov = body.Op(Op::kCover, Type::EmptyTuple(), {odd});
  cov->mutable_attrs().label = "odd";
  Node* odd4 = body.Op(Op::kZeroExt, BitsT(4), {odd});
  odd4->mutable_attrs().new_bit_count = 4;
  Function* bodyf = body.Return(body.Op(Op::kAdd, BitsT(4), {acc, odd4}));

  FunctionBuilder fb = Builder("cover_main");
  Node* init = fb.Param("init", BitsT(4));
  Node* loop = fb.Op(Op::kCountedFor, BitsT(4), {init});
  loop->mutable_attrs().trip_count = 7;
  loop->mutable_attrs().callee = bodyf;
  Function* f = fb.Return(loop);
  EvalResult r = Run(f, {B(4, 0)});
  EXPECT_EQ(r.value, B(4, 3));  // indices 1, 3, 5 are odd
  EXPECT_EQ(r.events.cover_hits, (std::map<std::string, int64_t>{{"odd", 3}}));
}

TEST_F(InterpreterTest, ArgumentErrorsNameTheParameter) {
  Function* f = Binary(Op::kAdd, 8, 8, 8);
  Result<EvalResult> too_few = Interpret(*f, std::vector<Value>{B(8, 1)});
  ASSERT_FALSE(too_few.ok());
  EXPECT_EQ(too_few.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(too_few.error().find("takes 2 arguments, got 1"), std::string::npos) << too_few.error();

  Result<EvalResult> wrong = Interpret(*f, std::vector<Value>{B(8, 1), B(16, 2)});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(wrong.error().find("'b'"), std::string::npos) << wrong.error();
  EXPECT_NE(wrong.error().find("bits[16]"), std::string::npos) << wrong.error();

  Result<EvalResult> kind = Interpret(*f, std::vector<Value>{Value::Token(), B(8, 2)});
  ASSERT_FALSE(kind.ok());
  EXPECT_NE(kind.error().find("'a'"), std::string::npos) << kind.error();
}

TEST_F(InterpreterTest, EqualityComparesAggregates) {
  const Type* elems[] = {BitsT(4), Type::Array(BitsT(2), 2)};
  const Type* tt = Type::Tuple(elems);
  FunctionBuilder fb = Builder("eq_tuple");
  Node* a = fb.Param("a", tt);
  Node* b = fb.Param("b", tt);
  Node* eq = fb.Op(Op::kEq, BitsT(1), {a, b});
  Node* ne = fb.Op(Op::kNe, BitsT(1), {a, b});
  Function* f = fb.Return(fb.Op(Op::kConcat, BitsT(2), {eq, ne}));
  Value x = Value::Tuple({B(4, 3), Value::Array({B(2, 1), B(2, 2)})});
  Value y = Value::Tuple({B(4, 3), Value::Array({B(2, 1), B(2, 3)})});
  EXPECT_EQ(Eval(f, {x, x}), B(2, 0b10));
  EXPECT_EQ(Eval(f, {x, y}), B(2, 0b01));
}

// A long chain of 32-bit operations (100,000 nodes), checked against the
// same computation done directly with uint32_t.
TEST_F(InterpreterTest, HundredThousandNodeFunction) {
  constexpr int kNodes = 100000;
  FunctionBuilder fb = Builder("big");
  Node* x = fb.Param("x", BitsT(32));
  Node* y = fb.Param("y", BitsT(32));
  std::vector<Node*> recent = {x, y};
  Node* last = y;
  while (fb.function()->node_count() < kNodes) {
    const size_t n = fb.function()->node_count();
    Node* a = recent[recent.size() - 1];
    Node* b = recent[recent.size() - 2];
    static constexpr Op kOps[] = {Op::kAdd, Op::kXor, Op::kSub, Op::kUMul, Op::kOr, Op::kAnd};
    // cppcheck-suppress AssignmentIntegerToAddress ; FunctionBuilder::Op returns Node*, cppcheck mistakes it for the enum Op
    last = fb.Op(kOps[n % 6], BitsT(32), {a, b});
    recent.push_back(last);
  }
  Function* f = fb.Return(last);
  ASSERT_EQ(f->node_count(), static_cast<size_t>(kNodes));

  auto reference = [&](uint32_t xv, uint32_t yv) {
    std::vector<uint32_t> v = {xv, yv};
    for (size_t n = 2; n < static_cast<size_t>(kNodes); ++n) {
      const uint32_t a = v[v.size() - 1], b = v[v.size() - 2];
      uint32_t r = 0;
      switch (n % 6) {
        case 0: r = a + b; break;
        case 1: r = a ^ b; break;
        case 2: r = a - b; break;
        case 3: r = a * b; break;
        case 4: r = a | b; break;
        default: r = a & b; break;  // 5
      }
      v.push_back(r);
    }
    return v.back();
  };
  for (auto [xv, yv] : {std::pair<uint32_t, uint32_t>{3, 5}, {0xdeadbeef, 0x12345678}}) {
    Result<EvalResult> r = Interpret(*f, std::vector<Value>{B(32, xv), B(32, yv)});
    ASSERT_TRUE(r.ok()) << r.error();
    EXPECT_EQ(r->value, B(32, reference(xv, yv)));
  }
}

TEST_F(InterpreterTest, ConcurrentEvaluationOfOneFunction) {
  FunctionBuilder body = Builder("cc_body");
  Node* i = body.Param("i", BitsT(16));
  Node* acc = body.Param("acc", BitsT(32));
  Node* iz = body.Op(Op::kZeroExt, BitsT(32), {i});
  iz->mutable_attrs().new_bit_count = 32;
  Function* bodyf = body.Return(body.Op(Op::kAdd, BitsT(32), {acc, iz}));
  FunctionBuilder fb = Builder("cc_main");
  Node* init = fb.Param("init", BitsT(32));
  Node* loop = fb.Op(Op::kCountedFor, BitsT(32), {init});
  loop->mutable_attrs().trip_count = 100;
  loop->mutable_attrs().callee = bodyf;
  Function* f = fb.Return(loop);
  ASSERT_TRUE(VerifyFunction(*f).ok());

  std::vector<std::thread> threads;
  threads.reserve(4);
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (uint32_t k = 0; k < 200; ++k) {
        Result<EvalResult> r = Interpret(*f, std::vector<Value>{B(32, k * 7 + t)});
        if (!r.ok() || r->value != B(32, k * 7 + t + 4950)) ++failures[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST_F(InterpreterTest, PlanFollowsFunctionEdits) {
  FunctionBuilder fb = Builder("edited");
  Node* x = fb.Param("x", BitsT(8));
  Node* one = fb.Literal(8, 1);
  Function* f = fb.Return(fb.Op(Op::kAdd, BitsT(8), {x, one}));
  EXPECT_EQ(Eval(f, {B(8, 4)}), B(8, 5));
  Node* more = fb.Op(Op::kAdd, BitsT(8), {f->return_node(), one});
  fb.Return(more);
  EXPECT_EQ(Eval(f, {B(8, 4)}), B(8, 6));
}

}  // namespace
}  // namespace xlsaot
