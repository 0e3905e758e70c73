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

// Checks `node` against the typing rule of its op. The error (kVerify) says
// what is wrong without saying where; the verifier adds the location.
// Assumes every operand is non-null and typed, and that a calling op has a
// callee whose parameters are typed.
Status CheckTypeRule(const Node& node);

// The number of data operands a trace format string consumes: one per
// placeholder ({}, {:d}, {:u}, {:x}, {:#x}, {:0x}, {:b}, {:#b}, {:0b});
// "{{" and "}}" are escaped braces. Fails on any other use of a brace.
Result<int64_t> CountFormatPlaceholders(std::string_view format);

}  // namespace xlsaot

#endif  // XLSAOT_IR_TYPE_RULES_H_
