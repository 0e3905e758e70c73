// Loops the lowering asks LLVM to unroll completely compute exactly what the
// interpreter computes, whether unrolled or not: trip counts 0, 1 and 2,
// wrapping and wide indices, array state indexed by the loop index, nested
// loops and zero-width state.
#include <string>

#include "gtest/gtest.h"
#include "tests/jit/differential_check.h"

namespace xlsaot {
namespace {

void Check(const std::string& ir) {
  for (int64_t budget : {int64_t{0}, CodegenOptions{}.full_unroll_nodes, int64_t{1} << 20}) {
    SCOPED_TRACE("full_unroll_nodes = " + std::to_string(budget));
    CodegenOptions options;
    options.full_unroll_nodes = budget;
    test::ExpectJitMatchesInterpreter(ir, 2, {}, options);
  }
}

TEST(LoopUnrollingTest, TripCountsZeroOneAndTwo) {
  Check(R"(package p

fn body(i: bits[4], acc: bits[16], k: bits[16]) -> bits[16] {
  wide: bits[16] = zero_ext(i, new_bit_count=16)
  s: bits[16] = add(acc, wide)
  ret r: bits[16] = xor(s, k)
}

top fn f(x: bits[16], k: bits[16]) -> (bits[16], bits[16], bits[16]) {
  t0: bits[16] = counted_for(x, trip_count=0, body=body, invariant_args=[k])
  t1: bits[16] = counted_for(x, trip_count=1, body=body, invariant_args=[k])
  t2: bits[16] = counted_for(x, trip_count=2, stride=5, body=body, invariant_args=[k])
  ret r: (bits[16], bits[16], bits[16]) = tuple(t0, t1, t2)
}
)");
}

TEST(LoopUnrollingTest, OutOfBoundsAndWideIndices) {
  // The bits[5] index runs past the end of the 4-element array (reads clamp,
  // updates do nothing); the bits[100] index does not fit a machine word.
  Check(R"(package p

fn narrow(i: bits[5], acc: bits[8][4]) -> bits[8][4] {
  e: bits[8] = array_index(acc, indices=[i])
  wide: bits[8] = zero_ext(i, new_bit_count=8)
  s: bits[8] = add(e, wide)
  ret u: bits[8][4] = array_update(acc, s, indices=[i])
}

fn wide(i: bits[100], acc: bits[100]) -> bits[100] {
  m: bits[100] = umul(acc, i)
  ret r: bits[100] = add(m, i)
}

top fn f(a: bits[8][4], x: bits[100]) -> (bits[8][4], bits[100]) {
  n: bits[8][4] = counted_for(a, trip_count=7, stride=3, body=narrow)
  w: bits[100] = counted_for(x, trip_count=5, stride=0x1000000000000001, body=wide)
  ret r: (bits[8][4], bits[100]) = tuple(n, w)
}
)");
}

TEST(LoopUnrollingTest, ArrayStateIndexedByTheLoop) {
  // The SHA-256 message schedule, reduced: reads behind the index, a write
  // ahead of it, and a read through a data-dependent index.
  Check(R"(package p

fn step(i: bits[5], w: bits[32][24], sel: bits[5]) -> bits[32][24] {
  eight: bits[5] = literal(value=8)
  two: bits[5] = literal(value=2)
  t: bits[5] = add(i, eight)
  t2: bits[5] = sub(t, two)
  a: bits[32] = array_index(w, indices=[i])
  b: bits[32] = array_index(w, indices=[t2])
  c: bits[32] = array_index(w, indices=[sel])
  lo: bits[7] = bit_slice(b, start=0, width=7)
  hi: bits[25] = bit_slice(b, start=7, width=25)
  rot: bits[32] = concat(lo, hi)
  s: bits[32] = add(a, rot)
  v: bits[32] = xor(s, c)
  ret u: bits[32][24] = array_update(w, v, indices=[t])
}

top fn f(w: bits[32][24], sel: bits[5]) -> bits[32][24] {
  ret r: bits[32][24] = counted_for(w, trip_count=16, body=step, invariant_args=[sel])
}
)");
}

TEST(LoopUnrollingTest, NestedLoopsAndZeroWidthState) {
  Check(R"(package p

fn inner(j: bits[3], crc: bits[32]) -> bits[32] {
  one: bits[32] = literal(value=1)
  lsb: bits[32] = and(crc, one)
  zero: bits[32] = literal(value=0)
  poly: bits[32] = literal(value=0xedb88320)
  mask: bits[32] = sub(zero, lsb)
  shifted: bits[32] = shrl(crc, one)
  m: bits[32] = and(mask, poly)
  ret r: bits[32] = xor(shifted, m)
}

fn outer(i: bits[4], crc: bits[32], data: bits[8][16]) -> bits[32] {
  byte: bits[8] = array_index(data, indices=[i])
  wide: bits[32] = zero_ext(byte, new_bit_count=32)
  mixed: bits[32] = xor(crc, wide)
  ret r: bits[32] = counted_for(mixed, trip_count=8, body=inner)
}

fn nothing(i: bits[3], s: bits[0]) -> bits[0] {
  ret r: bits[0] = identity(s)
}

top fn f(crc: bits[32], data: bits[8][16], z: bits[0]) -> (bits[32], bits[0]) {
  c: bits[32] = counted_for(crc, trip_count=16, body=outer, invariant_args=[data])
  n: bits[0] = counted_for(z, trip_count=6, body=nothing)
  ret r: (bits[32], bits[0]) = tuple(c, n)
}
)");
}

}  // namespace
}  // namespace xlsaot
