// The verifier against IR text: a table of malformed snippets, each with the
// error it must produce, and well-formed snippets (every op at least once)
// that must pass. Rules the parser already enforces in text (a missing
// priority_sel default, recursion, duplicate names, ...) are exercised on
// functions built through the API.
#include "ir/verifier.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/parser.h"

namespace xlsaot {
namespace {

struct BadCase {
  const char* name;   // also the file name in the message: <name>.ir
  const char* ir;     // functions of a package named p
  const char* error;  // substring the verifier error must contain
};

// clang-format off
const BadCase kBadCases[] = {
  // --- arithmetic ---
  {"add_operand_width", R"(
fn f(x: bits[8], y: bits[7]) -> bits[8] {
  ret add.3: bits[8] = add(x, y)
})", "node 'add.3': expected bits[8] for operand 1 of add, got bits[7] from 'y'"},
  {"add_result_not_bits", R"(
fn f(x: bits[8], y: bits[8]) -> (bits[8]) {
  ret add.3: (bits[8]) = add(x, y)
})", "expected a bits result type for add, got (bits[8])"},
  {"sub_tuple_operand", R"(
fn f(x: (bits[8]), y: bits[8]) -> bits[8] {
  ret sub.3: bits[8] = sub(x, y)
})", "expected bits[8] for operand 0 of sub, got (bits[8]) from 'x'"},
  {"udiv_result_width", R"(
fn f(x: bits[8], y: bits[8]) -> bits[16] {
  ret udiv.3: bits[16] = udiv(x, y)
})", "expected bits[16] for operand 0 of udiv, got bits[8]"},
  {"sdiv_operand_width", R"(
fn f(x: bits[8], y: bits[9]) -> bits[8] {
  ret sdiv.3: bits[8] = sdiv(x, y)
})", "expected bits[8] for operand 1 of sdiv, got bits[9]"},
  {"umod_operand_width", R"(
fn f(x: bits[8], y: bits[4]) -> bits[8] {
  ret umod.3: bits[8] = umod(x, y)
})", "expected bits[8] for operand 1 of umod, got bits[4]"},
  {"smod_token", R"(
fn f(x: token, y: token) -> token {
  ret smod.3: token = smod(x, y)
})", "expected a bits result type for smod, got token"},
  {"neg_width", R"(
fn f(x: bits[8]) -> bits[4] {
  ret neg.2: bits[4] = neg(x)
})", "expected bits[4] for operand 0 of neg, got bits[8]"},
  {"umul_tuple_operand", R"(
fn f(x: bits[8], y: (bits[8])) -> bits[16] {
  ret umul.3: bits[16] = umul(x, y)
})", "expected a bits type for operand 1 of umul, got (bits[8]) from 'y'"},
  {"smul_array_result", R"(
fn f(x: bits[8], y: bits[8]) -> bits[8][2] {
  ret smul.3: bits[8][2] = smul(x, y)
})", "expected a bits result type for smul, got bits[8][2]"},
  {"umulp_bits_result", R"(
fn f(x: bits[8], y: bits[8]) -> bits[8] {
  ret umulp.3: bits[8] = umulp(x, y)
})", "expected result type (bits[N], bits[N]) for umulp, got bits[8]"},
  {"smulp_mixed_tuple", R"(
fn f(x: bits[8], y: bits[8]) -> (bits[8], bits[9]) {
  ret smulp.3: (bits[8], bits[9]) = smulp(x, y)
})", "expected result type (bits[N], bits[N]) for smulp, got (bits[8], bits[9])"},
  {"smulp_three_elements", R"(
fn f(x: bits[8], y: bits[8]) -> (bits[8], bits[8], bits[8]) {
  ret smulp.3: (bits[8], bits[8], bits[8]) = smulp(x, y)
})", "for smulp, got (bits[8], bits[8], bits[8])"},
  // --- bitwise logic ---
  {"not_token", R"(
fn f(x: token) -> token {
  ret not.2: token = not(x)
})", "expected a bits result type for not, got token"},
  {"and_no_operands", R"(
fn f() -> bits[8] {
  ret and.1: bits[8] = and()
})", "expected at least 1 operand for and, got 0"},
  {"or_no_operands", R"(
fn f() -> bits[8] {
  ret or.1: bits[8] = or()
})", "expected at least 1 operand for or, got 0"},
  {"xor_operand_width", R"(
fn f(x: bits[8], y: bits[8], z: bits[2]) -> bits[8] {
  ret xor.4: bits[8] = xor(x, y, z)
})", "expected bits[8] for operand 2 of xor, got bits[2] from 'z'"},
  {"nand_no_operands", R"(
fn f() -> bits[1] {
  ret nand.1: bits[1] = nand()
})", "expected at least 1 operand for nand, got 0"},
  {"nor_operand_width", R"(
fn f(x: bits[8], y: bits[7]) -> bits[8] {
  ret nor.3: bits[8] = nor(x, y)
})", "expected bits[8] for operand 1 of nor, got bits[7]"},
  {"and_reduce_tuple", R"(
fn f(x: (bits[8])) -> bits[1] {
  ret and_reduce.2: bits[1] = and_reduce(x)
})", "expected a bits type for operand 0 of and_reduce, got (bits[8])"},
  {"or_reduce_result", R"(
fn f(x: bits[8]) -> bits[8] {
  ret or_reduce.2: bits[8] = or_reduce(x)
})", "expected result type bits[1] for or_reduce, got bits[8]"},
  {"xor_reduce_result", R"(
fn f(x: bits[8]) -> bits[2] {
  ret xor_reduce.2: bits[2] = xor_reduce(x)
})", "expected result type bits[1] for xor_reduce, got bits[2]"},
  // --- comparisons ---
  {"eq_result", R"(
fn f(x: bits[8], y: bits[8]) -> bits[8] {
  ret eq.3: bits[8] = eq(x, y)
})", "expected result type bits[1] for eq, got bits[8]"},
  {"ne_mismatched_aggregates", R"(
fn f(x: (bits[8], bits[4]), y: (bits[8], bits[5])) -> bits[1] {
  ret ne.3: bits[1] = ne(x, y)
})", "expected (bits[8], bits[4]) for operand 1 of ne, got (bits[8], bits[5])"},
  {"eq_tokens", R"(
fn f(x: token, y: token) -> bits[1] {
  ret eq.3: bits[1] = eq(x, y)
})", "operand 0 of eq must not be a token"},
  {"ult_tuples", R"(
fn f(x: (bits[8]), y: (bits[8])) -> bits[1] {
  ret ult.3: bits[1] = ult(x, y)
})", "expected a bits type for operand 0 of ult, got (bits[8])"},
  {"sge_width", R"(
fn f(x: bits[8], y: bits[16]) -> bits[1] {
  ret sge.3: bits[1] = sge(x, y)
})", "expected bits[8] for operand 1 of sge, got bits[16]"},
  {"ugt_result", R"(
fn f(x: bits[8], y: bits[8]) -> bits[0] {
  ret ugt.3: bits[0] = ugt(x, y)
})", "expected result type bits[1] for ugt, got bits[0]"},
  // --- shifts ---
  {"shll_result_width", R"(
fn f(x: bits[8], y: bits[3]) -> bits[4] {
  ret shll.3: bits[4] = shll(x, y)
})", "expected bits[4] for operand 0 of shll, got bits[8]"},
  {"shra_amount_tuple", R"(
fn f(x: bits[8], y: (bits[3])) -> bits[8] {
  ret shra.3: bits[8] = shra(x, y)
})", "expected a bits type for the shift amount of shra, got (bits[3])"},
  {"shrl_result_tuple", R"(
fn f(x: bits[8], y: bits[3]) -> (bits[8]) {
  ret shrl.3: (bits[8]) = shrl(x, y)
})", "expected a bits result type for shrl"},
  // --- bit manipulation ---
  {"concat_width", R"(
fn f(x: bits[8], y: bits[4]) -> bits[13] {
  ret concat.3: bits[13] = concat(x, y)
})", "expected result type bits[12] for concat, got bits[13]"},
  {"concat_token", R"(
fn f(x: bits[8], t: token) -> bits[8] {
  ret concat.3: bits[8] = concat(x, t)
})", "expected a bits type for operand 1 of concat, got token from 't'"},
  {"bit_slice_past_end", R"(
fn f(x: bits[8]) -> bits[8] {
  ret bit_slice.2: bits[8] = bit_slice(x, start=4, width=8)
})", "bit_slice start=4 width=8 reaches past the 8-bit operand"},
  {"bit_slice_result", R"(
fn f(x: bits[8]) -> bits[4] {
  ret bit_slice.2: bits[4] = bit_slice(x, start=0, width=3)
})", "expected result type bits[3] for bit_slice, got bits[4]"},
  {"dynamic_bit_slice_too_wide", R"(
fn f(x: bits[8], s: bits[3]) -> bits[9] {
  ret dynamic_bit_slice.3: bits[9] = dynamic_bit_slice(x, s, width=9)
})", "dynamic_bit_slice width=9 is wider than the 8-bit operand"},
  {"dynamic_bit_slice_start", R"(
fn f(x: bits[8], s: (bits[3])) -> bits[4] {
  ret dynamic_bit_slice.3: bits[4] = dynamic_bit_slice(x, s, width=4)
})", "expected a bits type for the start of dynamic_bit_slice, got (bits[3])"},
  {"bit_slice_update_result", R"(
fn f(x: bits[8], s: bits[3], v: bits[4]) -> bits[4] {
  ret bit_slice_update.4: bits[4] = bit_slice_update(x, s, v)
})", "expected result type bits[8] for bit_slice_update, got bits[4]"},
  {"bit_slice_update_value", R"(
fn f(x: bits[8], s: bits[3], v: token) -> bits[8] {
  ret bit_slice_update.4: bits[8] = bit_slice_update(x, s, v)
})", "expected a bits type for the update value of bit_slice_update, got token"},
  {"reverse_width", R"(
fn f(x: bits[8]) -> bits[7] {
  ret reverse.2: bits[7] = reverse(x)
})", "expected bits[7] for operand 0 of reverse, got bits[8]"},
  {"zero_ext_narrowing", R"(
fn f(x: bits[8]) -> bits[4] {
  ret zero_ext.2: bits[4] = zero_ext(x, new_bit_count=4)
})", "new_bit_count=4 of zero_ext is narrower than its 8-bit operand"},
  {"sign_ext_result", R"(
fn f(x: bits[8]) -> bits[12] {
  ret sign_ext.2: bits[12] = sign_ext(x, new_bit_count=16)
})", "expected result type bits[16] for sign_ext, got bits[12]"},
  {"sign_ext_empty", R"(
fn f(x: bits[0]) -> bits[4] {
  ret sign_ext.2: bits[4] = sign_ext(x, new_bit_count=4)
})", "sign_ext needs an operand of at least one bit"},
  {"decode_too_wide", R"(
fn f(x: bits[2]) -> bits[5] {
  ret decode.2: bits[5] = decode(x, width=5)
})", "decode width=5 exceeds 2^2"},
  {"decode_result", R"(
fn f(x: bits[2]) -> bits[3] {
  ret decode.2: bits[3] = decode(x, width=4)
})", "expected result type bits[4] for decode, got bits[3]"},
  {"encode_width", R"(
fn f(x: bits[8]) -> bits[4] {
  ret encode.2: bits[4] = encode(x)
})", "expected result type bits[3] for encode, got bits[4]"},
  {"encode_odd_width", R"(
fn f(x: bits[5]) -> bits[2] {
  ret encode.2: bits[2] = encode(x)
})", "expected result type bits[3] for encode, got bits[2]"},
  {"one_hot_width", R"(
fn f(x: bits[8]) -> bits[8] {
  ret one_hot.2: bits[8] = one_hot(x, lsb_prio=true)
})", "expected result type bits[9] for one_hot, got bits[8]"},
  {"identity_type", R"(
fn f(x: (bits[8], bits[1])) -> (bits[8]) {
  ret identity.2: (bits[8]) = identity(x)
})", "expected (bits[8]) for operand 0 of identity, got (bits[8], bits[1])"},
  // --- selects ---
  {"sel_too_many_cases", R"(
fn f(s: bits[1], x: bits[8]) -> bits[8] {
  ret sel.3: bits[8] = sel(s, cases=[x, x, x], default=x)
})", "a 1-bit selector can choose among at most 2 cases, sel has 3"},
  {"sel_useless_default", R"(
fn f(s: bits[1], x: bits[8], y: bits[8]) -> bits[8] {
  ret sel.4: bits[8] = sel(s, cases=[x, y], default=y)
})", "sel has a default although its 2 cases cover every value of the 1-bit selector"},
  {"sel_missing_default", R"(
fn f(s: bits[2], x: bits[8], y: bits[8]) -> bits[8] {
  ret sel.4: bits[8] = sel(s, cases=[x, y, x])
})", "sel needs a default: its 3 cases do not cover every value of the 2-bit selector"},
  {"sel_case_type", R"(
fn f(s: bits[1], x: bits[8], y: bits[7]) -> bits[8] {
  ret sel.4: bits[8] = sel(s, cases=[x, y])
})", "expected bits[8] for case 1 of sel, got bits[7] from 'y'"},
  {"sel_default_type", R"(
fn f(s: bits[2], x: bits[8], y: bits[7]) -> bits[8] {
  ret sel.4: bits[8] = sel(s, cases=[x, x, x], default=y)
})", "expected bits[8] for the default of sel, got bits[7]"},
  {"sel_selector_tuple", R"(
fn f(s: (bits[1]), x: bits[8]) -> bits[8] {
  ret sel.3: bits[8] = sel(s, cases=[x, x])
})", "expected a bits type for the selector of sel, got (bits[1])"},
  {"one_hot_sel_selector_width", R"(
fn f(s: bits[3], x: bits[8], y: bits[8]) -> bits[8] {
  ret one_hot_sel.4: bits[8] = one_hot_sel(s, cases=[x, y])
})", "the selector of one_hot_sel must have one bit per case: expected bits[2], got bits[3]"},
  {"one_hot_sel_case_type", R"(
fn f(s: bits[2], x: bits[8], y: bits[4]) -> bits[8] {
  ret one_hot_sel.4: bits[8] = one_hot_sel(s, cases=[x, y])
})", "expected bits[8] for case 1 of one_hot_sel, got bits[4]"},
  {"one_hot_sel_token", R"(
fn f(s: bits[1], t: token) -> token {
  ret one_hot_sel.3: token = one_hot_sel(s, cases=[t])
})", "result type of one_hot_sel must not contain a token"},
  {"priority_sel_selector_width", R"(
fn f(s: bits[1], x: bits[8], y: bits[8]) -> bits[8] {
  ret priority_sel.4: bits[8] = priority_sel(s, cases=[x, y], default=x)
})", "the selector of priority_sel must have one bit per case: expected bits[2], got bits[1]"},
  {"priority_sel_default_type", R"(
fn f(s: bits[2], x: bits[8], y: bits[16]) -> bits[8] {
  ret priority_sel.4: bits[8] = priority_sel(s, cases=[x, x], default=y)
})", "expected bits[8] for the default of priority_sel, got bits[16]"},
  {"priority_sel_case_type", R"(
fn f(s: bits[2], x: bits[8], y: bits[16]) -> bits[8] {
  ret priority_sel.4: bits[8] = priority_sel(s, cases=[x, y], default=x)
})", "expected bits[8] for case 1 of priority_sel, got bits[16]"},
  {"gate_condition", R"(
fn f(c: bits[2], x: bits[8]) -> bits[8] {
  ret gate.3: bits[8] = gate(c, x)
})", "expected bits[1] for the condition of gate, got bits[2] from 'c'"},
  {"gate_data", R"(
fn f(c: bits[1], x: bits[8]) -> bits[4] {
  ret gate.3: bits[4] = gate(c, x)
})", "expected bits[4] for the data of gate, got bits[8]"},
  // --- aggregates ---
  {"tuple_arity", R"(
fn f(x: bits[8]) -> (bits[8]) {
  ret tuple.2: (bits[8]) = tuple(x, x)
})", "tuple of 2 operands cannot have type (bits[8])"},
  {"tuple_element", R"(
fn f(x: bits[8]) -> (bits[8], bits[4]) {
  ret tuple.2: (bits[8], bits[4]) = tuple(x, x)
})", "expected bits[4] for operand 1 of tuple, got bits[8]"},
  {"tuple_not_tuple", R"(
fn f(x: bits[8]) -> bits[8] {
  ret tuple.2: bits[8] = tuple(x)
})", "expected a tuple result type for tuple, got bits[8]"},
  {"tuple_index_range", R"(
fn f(x: (bits[8], bits[8])) -> bits[8] {
  ret tuple_index.2: bits[8] = tuple_index(x, index=2)
})", "index=2 is out of range for (bits[8], bits[8])"},
  {"tuple_index_not_tuple", R"(
fn f(x: bits[8]) -> bits[8] {
  ret tuple_index.2: bits[8] = tuple_index(x, index=0)
})", "expected a tuple type for operand 0 of tuple_index, got bits[8]"},
  {"tuple_index_result", R"(
fn f(x: (bits[8], bits[4])) -> bits[8] {
  ret tuple_index.2: bits[8] = tuple_index(x, index=1)
})", "expected result type bits[4] for tuple_index, got bits[8]"},
  {"array_element", R"(
fn f(x: bits[8], y: bits[4]) -> bits[8][2] {
  ret array.3: bits[8][2] = array(x, y)
})", "expected bits[8] for operand 1 of array, got bits[4] from 'y'"},
  {"array_size", R"(
fn f(x: bits[8]) -> bits[8][3] {
  ret array.2: bits[8][3] = array(x, x)
})", "array of 2 operands cannot have type bits[8][3]"},
  {"array_not_array", R"(
fn f(x: bits[8]) -> (bits[8]) {
  ret array.2: (bits[8]) = array(x)
})", "expected an array result type for array, got (bits[8])"},
  {"array_index_depth", R"(
fn f(a: bits[8][4], i: bits[2]) -> bits[8] {
  ret array_index.3: bits[8] = array_index(a, indices=[i, i])
})", "array_index has 2 indices but bits[8][4] has only 1 array dimension"},
  {"array_index_index_type", R"(
fn f(a: bits[8][4], i: (bits[2])) -> bits[8] {
  ret array_index.3: bits[8] = array_index(a, indices=[i])
})", "expected a bits type for index 0 of array_index, got (bits[2])"},
  {"array_index_result", R"(
fn f(a: bits[8][4][2], i: bits[2]) -> bits[8] {
  ret array_index.3: bits[8] = array_index(a, indices=[i])
})", "expected result type bits[8][4] for array_index, got bits[8]"},
  {"array_index_empty", R"(
fn f(a: bits[8][0], i: bits[2]) -> bits[8] {
  ret array_index.3: bits[8] = array_index(a, indices=[i])
})", "array_index cannot index into the empty array bits[8][0]"},
  {"array_update_value", R"(
fn f(a: bits[8][4], v: bits[4], i: bits[2]) -> bits[8][4] {
  ret array_update.4: bits[8][4] = array_update(a, v, indices=[i])
})", "expected bits[8] for the update value of array_update, got bits[4] from 'v'"},
  {"array_update_result", R"(
fn f(a: bits[8][4], v: bits[8], i: bits[2]) -> bits[8][3] {
  ret array_update.4: bits[8][3] = array_update(a, v, indices=[i])
})", "expected result type bits[8][4] for array_update, got bits[8][3]"},
  {"array_update_depth", R"(
fn f(a: bits[8][4], v: bits[8], i: bits[2]) -> bits[8][4] {
  ret array_update.4: bits[8][4] = array_update(a, v, indices=[i, i])
})", "array_update has 2 indices but bits[8][4] has only 1 array dimension"},
  {"array_slice_zero_width", R"(
fn f(a: bits[8][4], s: bits[2]) -> bits[8][0] {
  ret array_slice.3: bits[8][0] = array_slice(a, s, width=0)
})", "width=0 of array_slice must be positive"},
  {"array_slice_result", R"(
fn f(a: bits[8][4], s: bits[2]) -> bits[8][3] {
  ret array_slice.3: bits[8][3] = array_slice(a, s, width=2)
})", "expected result type bits[8][2] for array_slice, got bits[8][3]"},
  {"array_slice_start", R"(
fn f(a: bits[8][4], s: token) -> bits[8][2] {
  ret array_slice.3: bits[8][2] = array_slice(a, s, width=2)
})", "expected a bits type for the start of array_slice, got token"},
  {"array_slice_not_array", R"(
fn f(a: bits[8], s: bits[2]) -> bits[8][2] {
  ret array_slice.3: bits[8][2] = array_slice(a, s, width=2)
})", "expected an array type for the array of array_slice, got bits[8]"},
  {"array_concat_element", R"(
fn f(a: bits[8][4], b: bits[4][4]) -> bits[8][8] {
  ret array_concat.3: bits[8][8] = array_concat(a, b)
})", "expected element type bits[8] for operand 1 of array_concat, got bits[4][4]"},
  {"array_concat_size", R"(
fn f(a: bits[8][4], b: bits[8][1]) -> bits[8][4] {
  ret array_concat.3: bits[8][4] = array_concat(a, b)
})", "expected result type bits[8][5] for array_concat, got bits[8][4]"},
  {"array_concat_empty", R"(
fn f() -> bits[8][0] {
  ret array_concat.1: bits[8][0] = array_concat()
})", "expected at least 1 operand for array_concat, got 0"},
  // --- calls and loops ---
  {"invoke_arity", R"(
fn g(a: bits[8], b: bits[8]) -> bits[8] {
  ret add.3: bits[8] = add(a, b)
}
fn f(x: bits[8]) -> bits[8] {
  ret invoke.5: bits[8] = invoke(x, to_apply=g)
})", "in function 'f', node 'invoke.5': invoke passes 1 argument but 'g' takes 2"},
  {"invoke_argument_type", R"(
fn g(a: bits[8]) -> bits[8] {
  ret identity.2: bits[8] = identity(a)
}
fn f(x: bits[4]) -> bits[8] {
  ret invoke.4: bits[8] = invoke(x, to_apply=g)
})", "expected bits[8] for argument 0 of invoke, got bits[4] from 'x'"},
  {"invoke_result", R"(
fn g(a: bits[8]) -> bits[8] {
  ret identity.2: bits[8] = identity(a)
}
fn f(x: bits[8]) -> bits[4] {
  ret invoke.4: bits[4] = invoke(x, to_apply=g)
})", "expected result type bits[8] (the return type of 'g') for invoke, got bits[4]"},
  {"map_not_array", R"(
fn g(a: bits[8]) -> bits[8] {
  ret identity.2: bits[8] = identity(a)
}
fn f(x: bits[8]) -> bits[8][1] {
  ret map.4: bits[8][1] = map(x, to_apply=g)
})", "expected an array type for the array of map, got bits[8]"},
  {"map_callee_arity", R"(
fn g(a: bits[8], b: bits[8]) -> bits[8] {
  ret add.3: bits[8] = add(a, b)
}
fn f(x: bits[8][4]) -> bits[8][4] {
  ret map.5: bits[8][4] = map(x, to_apply=g)
})", "map applies 'g' to one element at a time, but it takes 2 parameters"},
  {"map_callee_param", R"(
fn g(a: bits[4]) -> bits[4] {
  ret identity.2: bits[4] = identity(a)
}
fn f(x: bits[8][4]) -> bits[4][4] {
  ret map.4: bits[4][4] = map(x, to_apply=g)
})", "'g' takes bits[4] but the elements of the mapped array are bits[8]"},
  {"map_result", R"(
fn g(a: bits[8]) -> bits[16] {
  ret zero_ext.2: bits[16] = zero_ext(a, new_bit_count=16)
}
fn f(x: bits[8][4]) -> bits[16][3] {
  ret map.4: bits[16][3] = map(x, to_apply=g)
})", "expected result type bits[16][4] for map, got bits[16][3]"},
  {"counted_for_body_arity", R"(
fn body(i: bits[4], acc: bits[8], k: bits[8]) -> bits[8] {
  ret add.4: bits[8] = add(acc, k)
}
fn f(x: bits[8]) -> bits[8] {
  ret counted_for.6: bits[8] = counted_for(x, trip_count=4, stride=1, body=body)
})", "body 'body' of counted_for must take 2 parameters (index, loop state), takes 3"},
  {"counted_for_index_too_narrow", R"(
fn body(i: bits[2], acc: bits[8]) -> bits[8] {
  ret identity.3: bits[8] = identity(acc)
}
fn f(x: bits[8]) -> bits[8] {
  ret counted_for.5: bits[8] = counted_for(x, trip_count=8, stride=1, body=body)
})", "the index parameter 'i' of body 'body' needs at least 3 bits for trip_count=8 stride=1, got bits[2]"},
  {"counted_for_index_stride", R"(
fn body(i: bits[3], acc: bits[8]) -> bits[8] {
  ret identity.3: bits[8] = identity(acc)
}
fn f(x: bits[8]) -> bits[8] {
  ret counted_for.5: bits[8] = counted_for(x, trip_count=4, stride=3, body=body)
})", "needs at least 4 bits for trip_count=4 stride=3, got bits[3]"},
  {"counted_for_index_not_bits", R"(
fn body(i: (bits[4]), acc: bits[8]) -> bits[8] {
  ret identity.3: bits[8] = identity(acc)
}
fn f(x: bits[8]) -> bits[8] {
  ret counted_for.5: bits[8] = counted_for(x, trip_count=4, stride=1, body=body)
})", "the index parameter 'i' of body 'body' must be bits, got (bits[4])"},
  {"counted_for_state_param", R"(
fn body(i: bits[4], acc: bits[4]) -> bits[8] {
  ret zero_ext.3: bits[8] = zero_ext(acc, new_bit_count=8)
}
fn f(x: bits[8]) -> bits[8] {
  ret counted_for.5: bits[8] = counted_for(x, trip_count=4, stride=1, body=body)
})", "the loop state parameter 'acc' of body 'body' must have the initial value's type bits[8], got bits[4]"},
  {"counted_for_body_return", R"(
fn body(i: bits[4], acc: bits[8]) -> bits[9] {
  ret zero_ext.3: bits[9] = zero_ext(acc, new_bit_count=9)
}
fn f(x: bits[8]) -> bits[8] {
  ret counted_for.5: bits[8] = counted_for(x, trip_count=4, stride=1, body=body)
})", "body 'body' of counted_for must return the loop state type bits[8], returns bits[9]"},
  {"counted_for_invariant", R"(
fn body(i: bits[4], acc: bits[8], k: bits[8]) -> bits[8] {
  ret add.4: bits[8] = add(acc, k)
}
fn f(x: bits[8], y: bits[4]) -> bits[8] {
  ret counted_for.7: bits[8] = counted_for(x, trip_count=4, stride=1, body=body, invariant_args=[y])
})", "expected bits[8] for invariant arg 0 of counted_for (parameter 'k' of 'body'), got bits[4] from 'y'"},
  {"counted_for_result", R"(
fn body(i: bits[4], acc: bits[8]) -> bits[8] {
  ret identity.3: bits[8] = identity(acc)
}
fn f(x: bits[8]) -> bits[4] {
  ret counted_for.5: bits[4] = counted_for(x, trip_count=4, stride=1, body=body)
})", "expected result type bits[8] for counted_for, got bits[4]"},
  {"counted_for_negative_stride", R"(
fn body(i: bits[4], acc: bits[8]) -> bits[8] {
  ret identity.3: bits[8] = identity(acc)
}
fn f(x: bits[8]) -> bits[8] {
  ret counted_for.5: bits[8] = counted_for(x, trip_count=2, stride=-2, body=body)
})", "stride=-2 must not be negative"},
  {"dynamic_counted_for_trip_count_width", R"(
fn body(i: bits[8], acc: bits[8]) -> bits[8] {
  ret add.3: bits[8] = add(i, acc)
}
fn f(x: bits[8], n: bits[8], s: bits[8]) -> bits[8] {
  ret dynamic_counted_for.7: bits[8] = dynamic_counted_for(x, n, s, body=body)
})", "the trip count of dynamic_counted_for must be narrower than the 8-bit index parameter of 'body', got bits[8] from 'n'"},
  {"dynamic_counted_for_stride_width", R"(
fn body(i: bits[8], acc: bits[8]) -> bits[8] {
  ret add.3: bits[8] = add(i, acc)
}
fn f(x: bits[8], n: bits[4], s: bits[9]) -> bits[8] {
  ret dynamic_counted_for.7: bits[8] = dynamic_counted_for(x, n, s, body=body)
})", "the stride of dynamic_counted_for must not be wider than the 8-bit index parameter of 'body', got bits[9] from 's'"},
  {"dynamic_counted_for_trip_count_type", R"(
fn body(i: bits[8], acc: bits[8]) -> bits[8] {
  ret add.3: bits[8] = add(i, acc)
}
fn f(x: bits[8], n: (bits[4]), s: bits[4]) -> bits[8] {
  ret dynamic_counted_for.7: bits[8] = dynamic_counted_for(x, n, s, body=body)
})", "expected a bits type for the trip count of dynamic_counted_for, got (bits[4])"},
  {"dynamic_counted_for_index_type", R"(
fn body(i: token, acc: bits[8]) -> bits[8] {
  ret identity.3: bits[8] = identity(acc)
}
fn f(x: bits[8], n: bits[4], s: bits[4]) -> bits[8] {
  ret dynamic_counted_for.7: bits[8] = dynamic_counted_for(x, n, s, body=body)
})", "the index parameter 'i' of body 'body' must be bits, got token"},
  {"dynamic_counted_for_body_return", R"(
fn body(i: bits[8], acc: bits[8]) -> bits[1] {
  ret eq.3: bits[1] = eq(i, acc)
}
fn f(x: bits[8], n: bits[4], s: bits[4]) -> bits[8] {
  ret dynamic_counted_for.7: bits[8] = dynamic_counted_for(x, n, s, body=body)
})", "body 'body' of dynamic_counted_for must return the loop state type bits[8], returns bits[1]"},
  // --- side effects and tokens ---
  {"assert_condition", R"(
fn f(t: token, c: bits[2]) -> token {
  ret assert.3: token = assert(t, c, message="boom")
})", "expected bits[1] for the condition of assert, got bits[2] from 'c'"},
  {"assert_token", R"(
fn f(t: bits[1], c: bits[1]) -> token {
  ret assert.3: token = assert(t, c, message="boom")
})", "expected token for the token of assert, got bits[1] from 't'"},
  {"assert_result", R"(
fn f(t: token, c: bits[1]) -> bits[1] {
  ret assert.3: bits[1] = assert(t, c, message="boom")
})", "expected result type token for assert, got bits[1]"},
  {"trace_placeholder_count", R"(
fn f(t: token, c: bits[1], x: bits[8]) -> token {
  ret trace.4: token = trace(t, c, format="x={} y={:x}", data_operands=[x])
})", "trace format has 2 placeholders but trace has 1 data operand"},
  {"trace_too_many_operands", R"(
fn f(t: token, c: bits[1], x: bits[8]) -> token {
  ret trace.4: token = trace(t, c, format="no placeholders {{}}", data_operands=[x])
})", "trace format has 0 placeholders but trace has 1 data operand"},
  {"trace_bad_placeholder", R"(
fn f(t: token, c: bits[1], x: bits[8]) -> token {
  ret trace.4: token = trace(t, c, format="x={:q}", data_operands=[x])
})", "trace format has an unsupported placeholder '{:q}'"},
  // The format is user text: quoted in the (one-line) error as IR writes it.
  {"trace_bad_placeholder_with_newline", R"(
fn f(t: token, c: bits[1]) -> token {
  ret trace.3: token = trace(t, c, format="{\n\t\"}", data_operands=[])
})", "trace format has an unsupported placeholder '{\\n\\t\\\"}'"},
  {"trace_unbalanced_brace", R"(
fn f(t: token, c: bits[1], x: bits[8]) -> token {
  ret trace.4: token = trace(t, c, format="x={} }", data_operands=[x])
})", "trace format has a '}' without a matching '{'"},
  {"trace_condition", R"(
fn f(t: token, c: bits[8]) -> token {
  ret trace.3: token = trace(t, c, format="hi", data_operands=[])
})", "expected bits[1] for the condition of trace, got bits[8]"},
  {"cover_result", R"(
fn f(c: bits[1]) -> token {
  ret cover.2: token = cover(c, label="l")
})", "expected result type () for cover, got token"},
  {"cover_condition", R"(
fn f(c: bits[3]) -> () {
  ret cover.2: () = cover(c, label="l")
})", "expected bits[1] for the condition of cover, got bits[3]"},
  {"after_all_operand", R"(
fn f(t: token, x: bits[1]) -> token {
  ret after_all.3: token = after_all(t, x)
})", "expected token for operand 1 of after_all, got bits[1] from 'x'"},
  {"after_all_result", R"(
fn f(t: token) -> bits[1] {
  ret after_all.2: bits[1] = after_all(t)
})", "expected result type token for after_all, got bits[1]"},
  {"min_delay_operand", R"(
fn f(t: bits[1]) -> token {
  ret min_delay.2: token = min_delay(t, delay=1)
})", "expected token for operand 0 of min_delay, got bits[1]"},
  // --- functions and packages ---
  {"recursion_direct", R"(
fn f(x: bits[8]) -> bits[8] {
  ret invoke.2: bits[8] = invoke(x, to_apply=f)
})", "in function 'f', node 'invoke.2': recursive call: f -> f"},
  {"recursion_through_later_functions", R"(
fn f(x: bits[8]) -> bits[8] {
  ret counted_for.2: bits[8] = counted_for(x, trip_count=1, body=g)
}
fn g(i: bits[1], acc: bits[8]) -> bits[8] {
  ret invoke.5: bits[8] = invoke(acc, to_apply=h)
}
fn h(y: bits[8]) -> bits[8] {
  arr: bits[8][1] = array(y)
  m: bits[8][1] = map(arr, to_apply=f)
  zero: bits[1] = literal(value=0)
  ret first: bits[8] = array_index(m, indices=[zero])
})", "in function 'f', node 'counted_for.2': recursive call: f -> g -> h -> f"},
  {"recursion_below_the_caller", R"(
fn main(x: bits[8]) -> bits[8] {
  ret invoke.2: bits[8] = invoke(x, to_apply=a)
}
fn a(x: bits[8]) -> bits[8] {
  ret invoke.4: bits[8] = invoke(x, to_apply=b)
}
fn b(x: bits[8]) -> bits[8] {
  ret invoke.6: bits[8] = invoke(x, to_apply=a)
})", "in function 'main', node 'invoke.2': recursive call: a -> b -> a"},
  {"duplicate_id", R"(
fn f(x: bits[8]) -> bits[8] {
  a: bits[8] = not(x, id=3)
  ret b: bits[8] = neg(a, id=3)
})", "node 'b': id=3 is already used by node 'a'"},
  {"duplicate_name_id_across_functions", R"(
fn g(x: bits[8]) -> bits[8] {
  ret not.3: bits[8] = not(x)
}
fn f(x: bits[8]) -> bits[8] {
  ret not.3: bits[8] = not(x)
})", "in function 'f', node 'not.3': id=3 is already used by node 'not.3' in function 'g'"},
  {"duplicate_id_across_functions", R"(
fn g(x: bits[8]) -> bits[8] {
  ret a: bits[8] = not(x, id=3)
}
fn f(x: bits[8]) -> bits[8] {
  ret b: bits[8] = neg(x, id=3)
})", "in function 'f', node 'b': id=3 is already used by node 'a' in function 'g'"},
};
// clang-format on

class BadIrTest : public testing::TestWithParam<BadCase> {};

TEST_P(BadIrTest, ReportsTheRuleWithItsLocation) {
  const BadCase& c = GetParam();
  const std::string filename = std::string(c.name) + ".ir";
  auto package = ParsePackage(std::string("package p\n") + c.ir, filename);
  ASSERT_TRUE(package.ok()) << "snippet does not parse: " << package.error();
  Status status = VerifyPackage(**package);
  ASSERT_FALSE(status.ok()) << "expected: " << c.error;
  EXPECT_EQ(status.code(), ErrorCode::kVerify);
  EXPECT_NE(status.error().find(c.error), std::string::npos)
      << "expected substring: " << c.error << "\nactual: " << status.error();
  // FILE:LINE:COL: in function '...'
  EXPECT_EQ(status.error().rfind(filename + ":", 0), 0u) << status.error();
  EXPECT_NE(status.error().find(": in function '"), std::string::npos) << status.error();
  EXPECT_EQ(status.error().find('\n'), std::string::npos) << "message must be one line";
}

INSTANTIATE_TEST_SUITE_P(Table, BadIrTest, testing::ValuesIn(kBadCases),
                         [](const testing::TestParamInfo<BadCase>& info) {
                           return std::string(info.param.name);
                         });

// Well-formed snippets; together they use every op (checked below),
// including zero-width and wide bits.
struct GoodCase {
  const char* name;
  const char* ir;
};

// clang-format off
const GoodCase kGoodCases[] = {
  {"proc_state_and_channels", R"(
chan in(bits[8], id=0, kind=streaming, ops=receive_only)
chan out(bits[8], id=1, kind=single_value, ops=send_only)
proc q(count: bits[8], init={0}) {
  count: bits[8] = state_read(state_element=count)
  tok: token = literal(value=token)
  on: bits[1] = literal(value=1)
  r: (token, bits[8], bits[1]) = receive(tok, predicate=on, channel=in, blocking=false)
  d: bits[8] = tuple_index(r, index=1)
  sum: bits[8] = add(count, d)
  s: token = send(tok, sum, predicate=on, channel=out)
  n: () = next_value(state_element=count, value=sum, predicate=on)
})"},
  {"arithmetic", R"(
fn f(x: bits[8], y: bits[8], w: bits[200], z: bits[0]) -> (bits[8], bits[200], bits[0], bits[13], bits[3], (bits[16], bits[16]), (bits[5], bits[5])) {
  add.5: bits[8] = add(x, y)
  sub.6: bits[8] = sub(add.5, y)
  neg.7: bits[8] = neg(sub.6)
  udiv.8: bits[8] = udiv(neg.7, x)
  sdiv.9: bits[8] = sdiv(udiv.8, y)
  umod.10: bits[8] = umod(sdiv.9, x)
  smod.11: bits[8] = smod(umod.10, y)
  add.12: bits[200] = add(w, w)
  sub.13: bits[0] = sub(z, z)
  umul.14: bits[13] = umul(x, w)
  smul.15: bits[3] = smul(w, z)
  umulp.16: (bits[16], bits[16]) = umulp(x, y)
  smulp.17: (bits[5], bits[5]) = smulp(x, w)
  ret tuple.18: (bits[8], bits[200], bits[0], bits[13], bits[3], (bits[16], bits[16]), (bits[5], bits[5])) = tuple(smod.11, add.12, sub.13, umul.14, smul.15, umulp.16, smulp.17)
})"},
  {"logic", R"(
fn f(x: bits[8], y: bits[8], z: bits[0], w: bits[129]) -> (bits[8], bits[1], bits[1], bits[1], bits[0], bits[129]) {
  not.5: bits[8] = not(x)
  and.6: bits[8] = and(not.5, y, x)
  or.7: bits[8] = or(and.6)
  xor.8: bits[8] = xor(or.7, y)
  nand.9: bits[8] = nand(xor.8, x)
  nor.10: bits[8] = nor(nand.9, y, x, x)
  and_reduce.11: bits[1] = and_reduce(nor.10)
  or_reduce.12: bits[1] = or_reduce(z)
  xor_reduce.13: bits[1] = xor_reduce(w)
  and.14: bits[0] = and(z, z)
  xor.15: bits[129] = xor(w, w)
  ret tuple.16: (bits[8], bits[1], bits[1], bits[1], bits[0], bits[129]) = tuple(nor.10, and_reduce.11, or_reduce.12, xor_reduce.13, and.14, xor.15)
})"},
  {"comparisons", R"(
fn f(x: bits[8], y: bits[8], a: (bits[4], bits[8][2]), b: (bits[4], bits[8][2]), z: bits[0]) -> bits[1] {
  eq.6: bits[1] = eq(x, y)
  ne.7: bits[1] = ne(a, b)
  ult.8: bits[1] = ult(x, y)
  ule.9: bits[1] = ule(x, y)
  ugt.10: bits[1] = ugt(x, y)
  uge.11: bits[1] = uge(x, y)
  slt.12: bits[1] = slt(x, y)
  sle.13: bits[1] = sle(x, y)
  sgt.14: bits[1] = sgt(x, y)
  sge.15: bits[1] = sge(z, z)
  ret and.16: bits[1] = and(eq.6, ne.7, ult.8, ule.9, ugt.10, uge.11, slt.12, sle.13, sgt.14, sge.15)
})"},
  {"shifts", R"(
fn f(x: bits[8], a: bits[100], z: bits[0]) -> bits[8] {
  shll.4: bits[8] = shll(x, a)
  shrl.5: bits[8] = shrl(shll.4, z)
  ret shra.6: bits[8] = shra(shrl.5, x)
})"},
  {"bit_manipulation", R"(
fn f(x: bits[8], s: bits[3], v: bits[20], z: bits[0]) -> (bits[8], bits[0], bits[16], bits[8], bits[8], bits[0], bits[4]) {
  concat.5: bits[36] = concat(x, v, z, x)
  concat.6: bits[0] = concat()
  bit_slice.7: bits[8] = bit_slice(concat.5, start=28, width=8)
  bit_slice.8: bits[0] = bit_slice(x, start=8, width=0)
  dynamic_bit_slice.9: bits[16] = dynamic_bit_slice(v, s, width=16)
  bit_slice_update.10: bits[8] = bit_slice_update(x, s, v)
  reverse.11: bits[8] = reverse(bit_slice.7)
  zero_ext.12: bits[0] = zero_ext(z, new_bit_count=0)
  sign_ext.13: bits[300] = sign_ext(x, new_bit_count=300)
  zero_ext.14: bits[8] = zero_ext(x, new_bit_count=8)
  decode.15: bits[8] = decode(s, width=8)
  decode.16: bits[3] = decode(x, width=3)
  encode.17: bits[3] = encode(decode.15)
  encode.18: bits[0] = encode(z)
  one_hot.19: bits[9] = one_hot(x, lsb_prio=true)
  one_hot.20: bits[1] = one_hot(z, lsb_prio=false)
  identity.21: bits[300] = identity(sign_ext.13)
  encode.22: bits[4] = encode(one_hot.19)
  ret tuple.23: (bits[8], bits[0], bits[16], bits[8], bits[8], bits[0], bits[4]) = tuple(bit_slice_update.10, concat.6, dynamic_bit_slice.9, reverse.11, zero_ext.14, bit_slice.8, encode.22)
})"},
  {"selects", R"(
fn f(s1: bits[1], s2: bits[2], x: bits[8], y: bits[8], t: (bits[8], bits[4]), z: bits[0]) -> ((bits[8], bits[4]), bits[8], bits[8], bits[8], bits[8], bits[8]) {
  sel.7: bits[8] = sel(s1, cases=[x, y])
  sel.8: bits[8] = sel(s2, cases=[x, y, x], default=y)
  sel.9: bits[8] = sel(s2, cases=[x, y, x, y])
  sel.10: (bits[8], bits[4]) = sel(z, cases=[t])
  one_hot_sel.11: bits[8] = one_hot_sel(s2, cases=[x, y])
  priority_sel.12: bits[8] = priority_sel(s2, cases=[sel.7, sel.8], default=sel.9)
  priority_sel.13: bits[8] = priority_sel(z, cases=[], default=x)
  gate.14: bits[8] = gate(s1, one_hot_sel.11)
  ret tuple.15: ((bits[8], bits[4]), bits[8], bits[8], bits[8], bits[8], bits[8]) = tuple(sel.10, one_hot_sel.11, priority_sel.12, priority_sel.13, gate.14, sel.9)
})"},
  {"aggregates", R"(
fn f(x: bits[8], i: bits[1], j: bits[70], a: bits[8][3][2]) -> (bits[8][3][2], bits[8], bits[8][2], bits[8][5], bits[8][3][2], bits[8][3], ()) {
  tuple.3: (bits[8], bits[8][3][2]) = tuple(x, a)
  tuple.4: () = tuple()
  tuple.5: (bits[8], (bits[8], bits[8][3][2]), ()) = tuple(x, tuple.3, tuple.4)
  tuple_index.6: (bits[8], bits[8][3][2]) = tuple_index(tuple.5, index=1)
  tuple_index.7: bits[8][3][2] = tuple_index(tuple_index.6, index=1)
  array.8: bits[8][3] = array(x, x, x)
  array_index.9: bits[8] = array_index(tuple_index.7, indices=[i, j])
  array_index.10: bits[8][3] = array_index(a, indices=[j])
  array_index.11: bits[8][3][2] = array_index(a, indices=[])
  array_update.12: bits[8][3][2] = array_update(a, x, indices=[i, j], assumed_in_bounds=true)
  array_update.13: bits[8][3][2] = array_update(a, array.8, indices=[i])
  array_update.14: bits[8][3][2] = array_update(array_update.12, array_update.13, indices=[])
  array_slice.15: bits[8][2] = array_slice(array.8, j, width=2)
  array_concat.16: bits[8][5] = array_concat(array.8, array_slice.15)
  tuple_index.17: () = tuple_index(tuple.5, index=2)
  ret tuple.18: (bits[8][3][2], bits[8], bits[8][2], bits[8][5], bits[8][3][2], bits[8][3], ()) = tuple(array_update.14, array_index.9, array_slice.15, array_concat.16, array_index.11, array_index.10, tuple_index.17)
})"},
  {"calls_and_loops", R"(
fn add1(a: bits[8]) -> bits[8] {
  literal.2: bits[8] = literal(value=1)
  ret add.3: bits[8] = add(a, literal.2)
}
fn widen(a: bits[8]) -> bits[16] {
  ret zero_ext.5: bits[16] = zero_ext(a, new_bit_count=16)
}
fn body(i: bits[3], acc: bits[8], k: bits[8]) -> bits[8] {
  zero_ext.9: bits[8] = zero_ext(i, new_bit_count=8)
  add.10: bits[8] = add(acc, zero_ext.9)
  ret add.11: bits[8] = add(add.10, k)
}
fn dbody(i: bits[8], acc: bits[8]) -> bits[8] {
  ret add.14: bits[8] = add(i, acc)
}
fn nothing() -> () {
  ret tuple.15: () = tuple()
}
fn f(x: bits[8], a: bits[8][4], n: bits[7], s: bits[8]) -> (bits[8], bits[16][4], bits[8], bits[8], bits[8], ()) {
  invoke.20: bits[8] = invoke(x, to_apply=add1)
  map.21: bits[16][4] = map(a, to_apply=widen)
  counted_for.22: bits[8] = counted_for(x, trip_count=8, stride=1, body=body, invariant_args=[invoke.20])
  counted_for.23: bits[8] = counted_for(x, trip_count=0, body=body, invariant_args=[x])
  dynamic_counted_for.24: bits[8] = dynamic_counted_for(x, n, s, body=dbody)
  invoke.25: () = invoke(to_apply=nothing)
  ret tuple.26: (bits[8], bits[16][4], bits[8], bits[8], bits[8], ()) = tuple(invoke.20, map.21, counted_for.22, counted_for.23, dynamic_counted_for.24, invoke.25)
})"},
  {"leaves", R"(
fn f(x: bits[8]) -> ((bits[8], bits[4][2]), bits[0], bits[256], bits[8]) {
  literal.2: (bits[8], bits[4][2]) = literal(value=(255, [1, 15]))
  literal.3: bits[0] = literal(value=0)
  literal.4: bits[256] = literal(value=0xffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff)
  ret tuple.5: ((bits[8], bits[4][2]), bits[0], bits[256], bits[8]) = tuple(literal.2, literal.3, literal.4, x)
})"},
  {"param_node_return", R"(
fn f(x: bits[32] id=1) -> bits[32] {
  ret x: bits[32] = param(name=x, id=1)
})"},
  {"side_effects", R"(
fn f(t: token, c: bits[1], x: bits[8], y: (bits[8], bits[1])) -> (token, ()) {
  assert.5: token = assert(t, c, message="x must be set", label="x_set")
  trace.6: token = trace(assert.5, c, format="x={} hex={:x} {:#x} {:0x} {:b} {:#b} {:0b} {:d} {:u} y={} {{literal}}", data_operands=[x, x, x, x, x, x, x, x, x, y], verbosity=2)
  trace.7: token = trace(trace.6, c, format="", data_operands=[])
  cover.8: () = cover(c, label="c_seen")
  after_all.9: token = after_all(trace.7, t, assert.5)
  after_all.10: token = after_all()
  min_delay.11: token = min_delay(after_all.9, delay=3)
  after_all.12: token = after_all(min_delay.11, after_all.10)
  ret tuple.13: (token, ()) = tuple(after_all.12, cover.8)
})"},
  {"top_function", R"(
fn g(x: bits[8]) -> bits[8] {
  ret identity.2: bits[8] = identity(x)
}
top fn f(x: bits[8]) -> bits[8] {
  ret invoke.4: bits[8] = invoke(x, to_apply=g)
})"},
};
// clang-format on

class GoodIrTest : public testing::TestWithParam<GoodCase> {};

TEST_P(GoodIrTest, Verifies) {
  const GoodCase& c = GetParam();
  auto package = ParsePackage(std::string("package p\n") + c.ir, std::string(c.name) + ".ir");
  ASSERT_TRUE(package.ok()) << package.error();
  Status status = VerifyPackage(**package);
  EXPECT_TRUE(status.ok()) << status.error();
  for (const auto& f : (*package)->functions()) {
    Status one = VerifyFunction(*f);
    EXPECT_TRUE(one.ok()) << one.error();
  }
}

INSTANTIATE_TEST_SUITE_P(Table, GoodIrTest, testing::ValuesIn(kGoodCases),
                         [](const testing::TestParamInfo<GoodCase>& info) {
                           return std::string(info.param.name);
                         });

TEST(GoodIrTest, TogetherTheSnippetsUseEveryOp) {
  std::set<Op> used;
  for (const GoodCase& c : kGoodCases) {
    auto package = ParsePackage(std::string("package p\n") + c.ir, "good.ir");
    ASSERT_TRUE(package.ok()) << c.name << ": " << package.error();
    for (const auto& f : (*package)->functions())
      for (const auto& node : f->nodes()) used.insert(node->op());
    for (const auto& proc : (*package)->procs())
      for (const auto& node : proc->nodes()) used.insert(node->op());
  }
  for (const OpInfo& info : AllOps())
    EXPECT_TRUE(used.contains(info.op)) << "no well-formed snippet uses " << info.name;
}

TEST(VerifierMessageTest, NamesFileLineColumnFunctionAndNode) {
  auto package = ParsePackage(
      "package p\n"
      "fn f(x: bits[8], y: bits[7]) -> bits[8] {\n"
      "  ret add.3: bits[8] = add(x, y)\n"
      "}\n",
      "dir/t.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  Status status = VerifyPackage(**package);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(),
            "dir/t.ir:3:7: in function 'f', node 'add.3': "
            "expected bits[8] for operand 1 of add, got bits[7] from 'y'");
}

TEST(VerifierMessageTest, ReportsTheFirstErrorInNodeOrder) {
  auto package = ParsePackage(
      "package p\n"
      "fn f(x: bits[8], y: bits[7]) -> bits[8] {\n"
      "  sub.3: bits[9] = sub(x, x)\n"
      "  ret add.4: bits[8] = add(x, y)\n"
      "}\n",
      "t.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  Status status = VerifyPackage(**package);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("t.ir:3:3: in function 'f', node 'sub.3': "), std::string::npos)
      << status.error();
}

TEST(VerifierMessageTest, FunctionsAreVerifiedInOrder) {
  auto package = ParsePackage(
      "package p\n"
      "fn g(x: bits[8]) -> bits[8] {\n"
      "  neg.2: bits[7] = neg(x)\n"
      "  ret identity.3: bits[8] = identity(x)\n"
      "}\n"
      "fn f(x: bits[8]) -> bits[8] {\n"
      "  not.5: bits[9] = not(x)\n"
      "  ret identity.6: bits[8] = identity(x)\n"
      "}\n",
      "t.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  Status status = VerifyPackage(**package);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("in function 'g', node 'neg.2'"), std::string::npos)
      << status.error();
  // Verifying f alone finds f's own error.
  Status only_f = VerifyFunction(*(*package)->GetFunction("f"));
  ASSERT_FALSE(only_f.ok());
  EXPECT_NE(only_f.error().find("in function 'f', node 'not.5'"), std::string::npos)
      << only_f.error();
}

// --- Rules that text cannot express (the parser rejects such text), checked
// on functions built through the API. ---

class BuiltIrTest : public testing::Test {
 protected:
  const Type* b8 = Type::Bits(8);

  Function* NewFunction(const std::string& name) {
    Function* f = package_.AddFunction(name);
    return f;
  }
  static Node* Add(Function* f, Op op, const Type* type, const std::string& name,
                   std::vector<Node*> operands) {
    Node* n = f->AddNode(op, type, name);
    n->mutable_operands() = std::move(operands);
    return n;
  }
  static void Return(Function* f, Node* node) {
    f->set_return_node(node);
    f->set_return_type(node->type());
  }
  // fn name(x: bits[8]) -> bits[8] { ret invoke(x, to_apply=callee) }
  Function* Caller(const std::string& name, Function* callee) {
    Function* f = NewFunction(name);
    Node* x = f->AddParam(b8, "x");
    Node* call = Add(f, Op::kInvoke, b8, "call_" + callee->name(), {x});
    call->mutable_attrs().callee = callee;
    Return(f, call);
    return f;
  }
  Status Verify() { return VerifyPackage(package_); }

  Package package_{"p"};
};

TEST_F(BuiltIrTest, WellFormedFunctionPasses) {
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  Return(f, Add(f, Op::kNeg, b8, "neg", {x}));
  EXPECT_TRUE(Verify().ok()) << Verify().error();
}

TEST_F(BuiltIrTest, PrioritySelRequiresADefault) {
  Function* f = NewFunction("f");
  Node* s = f->AddParam(Type::Bits(1), "s");
  Node* x = f->AddParam(b8, "x");
  Return(f, Add(f, Op::kPrioritySel, b8, "ps", {s, x}));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'ps': priority_sel requires a default"), std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, OneHotSelTakesNoDefault) {
  Function* f = NewFunction("f");
  Node* s = f->AddParam(Type::Bits(1), "s");
  Node* x = f->AddParam(b8, "x");
  Node* ohs = Add(f, Op::kOneHotSel, b8, "ohs", {s, x, x});
  ohs->mutable_attrs().has_default = true;
  Return(f, ohs);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("one_hot_sel takes no default"), std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, OperandCountsFollowTheOpTable) {
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  Return(f, Add(f, Op::kAdd, b8, "add", {x, x, x}));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("expected 2 operands for add, got 3"), std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, SelNeedsItsSelector) {
  Function* f = NewFunction("f");
  Return(f, Add(f, Op::kSel, b8, "sel", {}));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("expected at least 1 operand for sel, got 0"), std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, LiteralValueMustHaveTheDeclaredType) {
  Function* f = NewFunction("f");
  Node* lit = Add(f, Op::kLiteral, b8, "lit", {});
  lit->mutable_attrs().value = Value::UBits(3, 9);
  Return(f, lit);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'lit': literal value 3 is not a bits[8]: value has 9 bits"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, LiteralAggregatesMustMatchTheDeclaredShape) {
  Function* f = NewFunction("f");
  const Type* elements[] = {b8, b8, b8};
  const Type* triple = Type::Tuple(elements);
  Node* lit = Add(f, Op::kLiteral, triple, "lit", {});
  lit->mutable_attrs().value = Value::Tuple({Value::UBits(1, 8), Value::UBits(2, 8)});
  Return(f, lit);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("literal value (1, 2) is not a (bits[8], bits[8], bits[8]): "
                                "tuple value has 2 elements"),
            std::string::npos)
      << status.error();

  Function* g = NewFunction("g");
  Node* arr = Add(g, Op::kLiteral, Type::Array(b8, 2), "arr", {});
  arr->mutable_attrs().value = Value::Array({Value::UBits(1, 8), Value::UBits(2, 4)});
  Return(g, arr);
  status = VerifyFunction(*g);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("element 1: value has 4 bits"), std::string::npos)
      << status.error();
}

// Attribute ranges the parser also rejects in text.
TEST_F(BuiltIrTest, NegativeAttributesAreRejected) {
  struct Row {
    Op op;
    const Type* type;
    void (*set)(NodeAttributes&);
    const char* error;
  };
  const Row rows[] = {
      {Op::kBitSlice, Type::Bits(3),
       [](NodeAttributes& a) {
         a.start = -1;
         a.width = 3;
       },
       "start=-1 must not be negative"},
      {Op::kBitSlice, Type::Bits(3), [](NodeAttributes& a) { a.width = -3; },
       "width=-3 must not be negative"},
      {Op::kDynamicBitSlice, Type::Bits(3), [](NodeAttributes& a) { a.width = -2; },
       "width=-2 must not be negative"},
      {Op::kZeroExt, Type::Bits(3), [](NodeAttributes& a) { a.new_bit_count = -1; },
       "new_bit_count=-1 of zero_ext is narrower than its 8-bit operand"},
      {Op::kDecode, Type::Bits(3), [](NodeAttributes& a) { a.width = -4; },
       "width=-4 must not be negative"},
      {Op::kTupleIndex, Type::Bits(8), [](NodeAttributes& a) { a.index = -1; },
       "index=-1 is out of range for (bits[8])"},
  };
  for (const Row& row : rows) {
    Package package("p");
    Function* f = package.AddFunction("f");
    Node* x = f->AddParam(b8, "x");
    const Type* one[] = {b8};
    Node* t = f->AddParam(Type::Tuple(one), "t");
    std::vector<Node*> operands = {row.op == Op::kTupleIndex ? t : x};
    if (row.op == Op::kDynamicBitSlice) operands.push_back(x);
    Node* n = Add(f, row.op, row.type, "n", operands);
    row.set(n->mutable_attrs());
    Return(f, n);
    Status status = VerifyPackage(package);
    ASSERT_FALSE(status.ok()) << row.error;
    EXPECT_NE(status.error().find(row.error), std::string::npos) << status.error();
  }
}

TEST_F(BuiltIrTest, NegativeLoopAndSideEffectAttributesAreRejected) {
  Function* body = NewFunction("body");
  body->AddParam(Type::Bits(4), "i");
  Return(body, body->AddParam(b8, "acc"));

  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  Node* tok = f->AddParam(Type::Token(), "tok");
  Node* c = f->AddParam(Type::Bits(1), "c");
  Node* loop = Add(f, Op::kCountedFor, b8, "loop", {x});
  loop->mutable_attrs().callee = body;
  loop->mutable_attrs().trip_count = -1;
  Return(f, loop);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'loop': trip_count=-1 must not be negative"),
            std::string::npos)
      << status.error();
  loop->mutable_attrs().trip_count = 2;
  ASSERT_TRUE(Verify().ok()) << Verify().error();

  Node* trace = Add(f, Op::kTrace, Type::Token(), "trace", {tok, c});
  trace->mutable_attrs().verbosity = -1;
  Return(f, trace);
  f->set_return_type(Type::Token());
  status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'trace': verbosity=-1 must not be negative"),
            std::string::npos)
      << status.error();
  trace->mutable_attrs().verbosity = 0;

  Node* delay = Add(f, Op::kMinDelay, Type::Token(), "delay", {trace});
  delay->mutable_attrs().delay = -3;
  Return(f, delay);
  status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'delay': delay=-3 must not be negative"), std::string::npos)
      << status.error();
  delay->mutable_attrs().delay = 3;
  EXPECT_TRUE(Verify().ok()) << Verify().error();
}

TEST_F(BuiltIrTest, ReturnValueMustHaveTheDeclaredReturnType) {
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  f->set_return_node(Add(f, Op::kIdentity, b8, "id", {x}));
  f->set_return_type(Type::Bits(7));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'id': return value has type bits[8] but the function is "
                                "declared to return bits[7]"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, DirectRecursionIsRejected) {
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  Node* call = Add(f, Op::kInvoke, b8, "again", {x});
  call->mutable_attrs().callee = f;
  Return(f, call);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("in function 'f', node 'again': recursive call: f -> f"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, IndirectRecursionNamesTheCycle) {
  Function* a = NewFunction("a");
  Function* b = NewFunction("b");
  Function* c = NewFunction("c");
  // a -> b -> c -> b, built by hand because text cannot refer forward.
  auto make_call = [&](Function* from, Function* to) {
    Node* x = from->AddParam(b8, "x");
    Node* call = Add(from, Op::kInvoke, b8, "call_" + to->name(), {x});
    call->mutable_attrs().callee = to;
    Return(from, call);
  };
  make_call(a, b);
  make_call(b, c);
  make_call(c, b);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("in function 'a', node 'call_b': recursive call: b -> c -> b"),
            std::string::npos)
      << status.error();
  Status only_c = VerifyFunction(*c);
  ASSERT_FALSE(only_c.ok());
  EXPECT_NE(only_c.error().find("recursive call: c -> b -> c"), std::string::npos)
      << only_c.error();
}

TEST_F(BuiltIrTest, RecursionThroughLoopBodiesAndMapIsRejected) {
  // f counted_for body=g; g map to_apply=h; h invokes f.
  Function* f = NewFunction("f");
  Function* g = NewFunction("g");
  Function* h = NewFunction("h");
  {
    Node* x = f->AddParam(b8, "x");
    Node* loop = Add(f, Op::kCountedFor, b8, "loop", {x});
    loop->mutable_attrs().trip_count = 1;
    loop->mutable_attrs().callee = g;
    Return(f, loop);
  }
  {
    g->AddParam(Type::Bits(1), "i");
    Node* acc = g->AddParam(b8, "acc");
    Node* arr = Add(g, Op::kArray, Type::Array(b8, 1), "arr", {acc});
    Node* mapped = Add(g, Op::kMap, Type::Array(b8, 1), "mapped", {arr});
    mapped->mutable_attrs().callee = h;
    Node* zero = Add(g, Op::kLiteral, Type::Bits(1), "zero", {});
    zero->mutable_attrs().value = Value::UBits(0, 1);
    Return(g, Add(g, Op::kArrayIndex, b8, "first", {mapped, zero}));
  }
  {
    Node* e = h->AddParam(b8, "e");
    Node* call = Add(h, Op::kInvoke, b8, "back", {e});
    call->mutable_attrs().callee = f;
    Return(h, call);
  }
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("in function 'f', node 'loop': recursive call: f -> g -> h -> f"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, LongCallChainsDoNotExhaustTheStack) {
  // f0 -> f1 -> ... -> f(n-1); then close the loop back to f0.
  constexpr int kDepth = 50000;
  std::vector<Function*> chain;
  chain.reserve(kDepth);
  for (int i = 0; i < kDepth; ++i) chain.push_back(NewFunction("f" + std::to_string(i)));
  for (int i = 0; i < kDepth; ++i) {
    Function* f = chain[i];
    Node* x = f->AddParam(b8, "x");
    if (i + 1 == kDepth) {
      Return(f, Add(f, Op::kNot, b8, "leaf", {x}));
      continue;
    }
    Node* call = Add(f, Op::kInvoke, b8, "call", {x});
    call->mutable_attrs().callee = chain[i + 1];
    Return(f, call);
  }
  EXPECT_TRUE(Verify().ok()) << Verify().error();

  Function* last = chain.back();
  Node* back = Add(last, Op::kInvoke, b8, "back", {last->param(0)});
  back->mutable_attrs().callee = chain.front();
  Return(last, back);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(
      status.error().find("in function 'f0', node 'call': recursive call: f0 -> f1 -> f2 -> f3 -> "
                          "... (49992 more) -> f49996 -> f49997 -> f49998 -> f49999 -> f0"),
      std::string::npos)
      << status.error().substr(0, 300);
}

TEST_F(BuiltIrTest, SharedCalleesAreNotRecursion) {
  // Diamond: f -> g, f -> h, g -> leaf, h -> leaf.
  Function* leaf = NewFunction("leaf");
  Node* x = leaf->AddParam(b8, "x");
  Return(leaf, Add(leaf, Op::kNot, b8, "not", {x}));
  Function* g = Caller("g", leaf);
  Function* h = Caller("h", leaf);
  Function* f = NewFunction("f");
  Node* fx = f->AddParam(b8, "x");
  Node* call_g = Add(f, Op::kInvoke, b8, "call_g", {fx});
  call_g->mutable_attrs().callee = g;
  Node* call_h = Add(f, Op::kInvoke, b8, "call_h", {call_g});
  call_h->mutable_attrs().callee = h;
  Return(f, call_h);
  EXPECT_TRUE(Verify().ok()) << Verify().error();
}

TEST_F(BuiltIrTest, NodeNamesAreUnique) {
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  Node* a = Add(f, Op::kNot, b8, "v", {x});
  Return(f, Add(f, Op::kNeg, b8, "v", {a}));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'v': name 'v' is already defined"), std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, ParamNamesAreDistinct) {
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  f->AddParam(b8, "x");
  Return(f, x);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("name 'x' is already defined"), std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, OperandsMustBeDefinedFirst) {
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  Node* a = Add(f, Op::kNot, b8, "a", {x});
  Node* b = Add(f, Op::kNeg, b8, "b", {x});
  a->mutable_operands()[0] = b;  // a now uses b, which comes later
  Return(f, b);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'a': operand 0 ('b') is used before it is defined"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, OperandsMustBeInTheSameFunction) {
  Function* g = NewFunction("g");
  Node* gx = g->AddParam(b8, "gx");
  Return(g, gx);
  Function* f = NewFunction("f");
  Return(f, Add(f, Op::kNot, b8, "a", {gx}));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'a': operand 0 ('gx') belongs to another function"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, ParamNodesMustBeParameters) {
  Function* f = NewFunction("f");
  Return(f, f->AddNode(Op::kParam, b8, "stray"));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("node 'stray': param node is not a parameter of the function"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, FunctionNeedsAReturnValue) {
  Function* f = NewFunction("f");
  f->AddParam(b8, "x");
  f->set_return_type(b8);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("in function 'f': function has no return value"), std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, ReturnValueMustBelongToTheFunction) {
  Function* g = NewFunction("g");
  Node* gx = g->AddParam(b8, "gx");
  Return(g, gx);
  Function* f = NewFunction("f");
  f->AddParam(b8, "x");
  Return(f, gx);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("return value 'gx' is not a node of this function"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, CalleeMustBeInTheSamePackage) {
  Package other("other");
  Function* elsewhere = other.AddFunction("elsewhere");
  Node* e = elsewhere->AddParam(b8, "e");
  elsewhere->set_return_node(e);
  elsewhere->set_return_type(b8);
  Caller("f", elsewhere);
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("calls 'elsewhere', a function of another package"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, CallingOpsNeedACallee) {
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  Return(f, Add(f, Op::kInvoke, b8, "call", {x}));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("invoke names no function to call"), std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, FunctionNamesAreUnique) {
  for (int i = 0; i < 2; ++i) {
    Function* f = NewFunction("twice");
    Return(f, f->AddParam(b8, "x"));
  }
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("a function named 'twice' is already defined in package 'p'"),
            std::string::npos)
      << status.error();
}

TEST_F(BuiltIrTest, TopMustNameSomething) {
  Function* f = NewFunction("f");
  Return(f, f->AddParam(b8, "x"));
  package_.set_top_name("missing");
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("top 'missing' names nothing in package 'p'"), std::string::npos)
      << status.error();
  package_.set_top_name("f");
  EXPECT_TRUE(Verify().ok()) << Verify().error();
}

TEST_F(BuiltIrTest, UnknownLocationsStillNameTheFile) {
  package_.set_filename("built.ir");
  Function* f = NewFunction("f");
  Node* x = f->AddParam(b8, "x");
  Return(f, Add(f, Op::kAndReduce, b8, "r", {x}));
  Status status = Verify();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error(),
            "built.ir: in function 'f', node 'r': expected result type bits[1] for and_reduce, got "
            "bits[8]");
}

}  // namespace
}  // namespace xlsaot
