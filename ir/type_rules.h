// The typing rule of every op: operand counts, operand and result types and
// attribute ranges of a single node, checked in isolation from the rest of
// its function.
#ifndef XLSAOT_IR_TYPE_RULES_H_
#define XLSAOT_IR_TYPE_RULES_H_

#include <cstdint>
#include <string_view>

#include "ir/node.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Largest trip_count of a counted_for. XLS unrolls these loops into
// hardware, so real designs count to thousands; the bound keeps a hostile
// trip_count=10^18 from running (nearly) forever in every engine. A
// dynamic_counted_for runs as far as its data says: that is its meaning.
inline constexpr int64_t kMaxTripCount = int64_t{1} << 32;

// Checks `node` against the typing rule of its op. The error says what is
// wrong without saying where (the verifier adds the location): kVerify, or
// kResourceExhausted for a trip_count beyond kMaxTripCount.
// Assumes every operand is non-null and typed, and that a calling op has a
// callee whose parameters are typed.
Status CheckTypeRule(const Node& node);

// The number of data operands a trace format string consumes: one per
// placeholder ({}, {:d}, {:u}, {:x}, {:#x}, {:0x}, {:b}, {:#b}, {:0b});
// "{{" and "}}" are escaped braces. Fails on any other use of a brace.
Result<int64_t> CountFormatPlaceholders(std::string_view format);

}  // namespace xlsaot

#endif  // XLSAOT_IR_TYPE_RULES_H_
