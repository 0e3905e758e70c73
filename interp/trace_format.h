// Trace format strings ("x = {:#x}"): parsing into steps and rendering the
// steps with operand values, as XLS does for the `trace` op.
#ifndef XLSAOT_INTERP_TRACE_FORMAT_H_
#define XLSAOT_INTERP_TRACE_FORMAT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// One piece of a parsed format string: literal text, or a placeholder that
// renders the next data operand with `preference`.
struct TraceFormatStep {
  bool is_operand = false;
  FormatPreference preference = FormatPreference::kDefault;  // placeholders
  std::string text;  // literal text, "{{" / "}}" already reduced to one brace

  friend bool operator==(const TraceFormatStep&, const TraceFormatStep&) = default;
};

// Placeholders:
//   {}    default (decimal up to 64 bits, 0x-hex beyond)
//   {:u}  unsigned decimal      {:d}  signed decimal
//   {:x}  hex, no prefix        {:#x} 0x-prefixed hex   {:0x} zero-padded hex
//   {:b}  binary, no prefix     {:#b} 0b-prefixed binary {:0b} zero-padded binary
// "{{" and "}}" stand for literal braces and render as one brace, as in
// XLS's Verilog rendering and the DSLX formats that produce them (XLS's own
// IR interpreter copies text fragments verbatim and so prints them doubled;
// xlsaot does not reproduce that). Any other '{' or '}' is an error
// (kInvalidArgument) whose message quotes the format string.
Result<std::vector<TraceFormatStep>> ParseTraceFormat(std::string_view format);

// Number of data operands the steps consume.
int64_t TraceOperandCount(std::span<const TraceFormatStep> steps);

// Renders the steps, taking one value per placeholder, in order. Aggregates
// render as XLS's human-readable form with every leaf in the placeholder's
// preference: "(0x1, [0x2, 0x3], token)". Precondition: operands.size() ==
// TraceOperandCount(steps).
std::string RenderTrace(std::span<const TraceFormatStep> steps,
                        std::span<const Value* const> operands);

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_TRACE_FORMAT_H_
