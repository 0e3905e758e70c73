// Trace format strings ("x = {:#x}"), as XLS's `trace` op takes them: parsed
// into steps once (by the verifier, the interpreter, the code generator and
// the runtime alike), then rendered with the operands of each trace that
// fires. Standard library only; in its own object file with value_text.cc,
// so a consumer that never formats a trace does not link either.
#ifndef XLSAOT_TRACE_FORMAT_H_
#define XLSAOT_TRACE_FORMAT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xlsaot/metadata.h"
#include "xlsaot/result.h"
#include "xlsaot/value_text.h"

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

// Renders the steps, taking one operand per placeholder, in order, each
// rendered by `append(index, preference, out)`. Precondition: the callback
// accepts every index below TraceOperandCount(steps).
template <typename AppendOperand>
std::string RenderTraceSteps(std::span<const TraceFormatStep> steps, AppendOperand&& append) {
  std::string out;
  size_t next = 0;
  for (const TraceFormatStep& s : steps) {
    if (s.is_operand) {
      append(next++, s.preference, out);
    } else {
      out += s.text;
    }
  }
  return out;
}

// Renders the steps with operand buffers of compiled code: operands[i] holds
// a value of type operand_types[i] of `metadata`'s table.
std::string RenderTrace(std::span<const TraceFormatStep> steps, const MetadataView& metadata,
                        std::span<const uint32_t> operand_types, const uint8_t* const* operands);

}  // namespace xlsaot

#endif  // XLSAOT_TRACE_FORMAT_H_
