// Arrays updated in place and loop state kept in one buffer: every case
// where the old contents are still observable must see them unchanged.
#include <string>

#include "gtest/gtest.h"
#include "tests/jit/differential_check.h"

namespace xlsaot {
namespace {

void Check(const std::string& ir) {
  for (int level : {0, 2}) {
    test::ExpectJitMatchesInterpreter(ir, level);
    CodegenOptions split;
    split.partition_nodes = 2;
    test::ExpectJitMatchesInterpreter(ir, level, {}, split);
  }
}

TEST(InPlaceTest, ReadsBeforeTheUpdateKeepTheirValues) {
  // The schedule step of SHA-256, reduced: elements are read, the array is
  // updated, and the values read are used after the update (`d` for the
  // first time only then).
  Check(R"(package p

fn step(i: bits[3], w: bits[8][8]) -> bits[8][8] {
  one: bits[3] = literal(value=1)
  j: bits[3] = add(i, one)
  a: bits[8] = array_index(w, indices=[i])
  b: bits[8] = array_index(w, indices=[j])
  s: bits[8] = add(a, b)
  d: bits[8] = array_index(w, indices=[j])
  u: bits[8][8] = array_update(w, s, indices=[j])
  c: bits[8] = array_index(u, indices=[i])
  e: bits[8] = xor(c, a)
  t: bits[8] = add(e, d)
  ret v: bits[8][8] = array_update(u, t, indices=[i])
}

top fn f(w: bits[8][8]) -> bits[8][8] {
  ret r: bits[8][8] = counted_for(w, trip_count=8, body=step)
}
)");
}

// Found by `xlsaot fuzz --seed 1048523 --count 1 --engine jit --engine aot
// -O0`: an element read before the update reached the result through an
// identity, which pointed into the array too and saw the new contents.
TEST(InPlaceTest, ChainedAliasesOfAReadKeepTheOldValue) {
  Check(R"(package p

top fn f(x: bits[1], y: bits[1], tail: bits[1][3]) -> (bits[1], bits[1], bits[1][5]) {
  pair: bits[1][2] = array(x, y)
  whole: bits[1][5] = array_concat(pair, tail)
  zero: bits[1] = literal(value=0)
  first: bits[1] = array_index(whole, indices=[zero])
  same: bits[1] = identity(first)
  chosen: bits[1] = sel(y, cases=[same, first])
  u: bits[1][5] = array_update(whole, zero, indices=[zero])
  ret r: (bits[1], bits[1], bits[1][5]) = tuple(same, chosen, u)
}
)");
}

TEST(InPlaceTest, AggregateViewsOfTheOldArrayStayIntact) {
  Check(R"(package p

fn step(i: bits[2], m: bits[4][3][3]) -> bits[4][3][3] {
  row: bits[4][3] = array_index(m, indices=[i])
  zero: bits[4][3] = literal(value=[0, 0, 0])
  u: bits[4][3][3] = array_update(m, zero, indices=[i])
  one: bits[2] = literal(value=1)
  k: bits[2] = add(i, one)
  ret v: bits[4][3][3] = array_update(u, row, indices=[k])
}

top fn f(m: bits[4][3][3]) -> bits[4][3][3] {
  ret r: bits[4][3][3] = counted_for(m, trip_count=3, body=step)
}
)");
}

TEST(InPlaceTest, TwoUpdatesOfOneArrayAreIndependent) {
  Check(R"(package p

top fn f(a: bits[16][4], x: bits[16], i: bits[2], j: bits[2]) -> (bits[16][4], bits[16][4], bits[16][4]) {
  b: bits[16][4] = array_update(a, x, indices=[i])
  c: bits[16][4] = array_update(b, x, indices=[j])
  d: bits[16][4] = array_update(b, a, indices=[])
  e: bits[16][4] = array_update(c, x, indices=[i])
  ret r: (bits[16][4], bits[16][4], bits[16][4]) = tuple(b, d, e)
}
)");
}

TEST(InPlaceTest, BodiesReturningTheirStateOrCalledElsewhere) {
  Check(R"(package p

fn keep(i: bits[4], s: (bits[8], bits[8][2])) -> (bits[8], bits[8][2]) {
  ret r: (bits[8], bits[8][2]) = identity(s)
}

fn bump(i: bits[4], s: (bits[8], bits[8][2])) -> (bits[8], bits[8][2]) {
  x: bits[8] = tuple_index(s, index=0)
  a: bits[8][2] = tuple_index(s, index=1)
  k: bits[8] = zero_ext(i, new_bit_count=8)
  y: bits[8] = add(x, k)
  b: bits[8][2] = array_update(a, y, indices=[i])
  ret r: (bits[8], bits[8][2]) = tuple(y, b)
}

top fn f(s: (bits[8], bits[8][2])) -> ((bits[8], bits[8][2]), (bits[8], bits[8][2]), (bits[8], bits[8][2]), (bits[8], bits[8][2])) {
  a: (bits[8], bits[8][2]) = counted_for(s, trip_count=3, body=keep)
  b: (bits[8], bits[8][2]) = counted_for(s, trip_count=3, body=bump)
  z: bits[4] = literal(value=1)
  c: (bits[8], bits[8][2]) = invoke(z, s, to_apply=bump)
  d: (bits[8], bits[8][2]) = counted_for(c, trip_count=2, body=bump)
  ret r: ((bits[8], bits[8][2]), (bits[8], bits[8][2]), (bits[8], bits[8][2]), (bits[8], bits[8][2])) = tuple(a, b, s, d)
}
)");
}

TEST(InPlaceTest, DynamicLoopsWithArrayState) {
  Check(R"(package p

fn step(i: bits[8], w: bits[32][5], k: bits[32]) -> bits[32][5] {
  e: bits[32] = array_index(w, indices=[i])
  s: bits[32] = add(e, k)
  ret u: bits[32][5] = array_update(w, s, indices=[i])
}

top fn f(w: bits[32][5], trip: bits[3], stride: bits[2], k: bits[32]) -> (bits[32][5], bits[32][5]) {
  r: bits[32][5] = dynamic_counted_for(w, trip, stride, body=step, invariant_args=[k])
  ret t: (bits[32][5], bits[32][5]) = tuple(r, w)
}
)");
}

}  // namespace
}  // namespace xlsaot
