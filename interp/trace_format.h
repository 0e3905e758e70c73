// Rendering a trace with IR values as its operands (the interpreter, and the
// JIT, which reads its operand buffers back as values). Parsing the format
// and formatting each value are the runtime's (xlsaot/trace_format.h,
// xlsaot/value_text.h), shared with ahead-of-time compiled code.
#ifndef XLSAOT_INTERP_TRACE_FORMAT_H_
#define XLSAOT_INTERP_TRACE_FORMAT_H_

#include <span>
#include <string>

#include "ir/value.h"
#include "xlsaot/trace_format.h"

namespace xlsaot {

// Renders the steps, taking one value per placeholder, in order. Aggregates
// render as XLS's human-readable form with every leaf in the placeholder's
// preference: "(0x1, [0x2, 0x3], token)". Precondition: operands.size() ==
// TraceOperandCount(steps).
std::string RenderTrace(std::span<const TraceFormatStep> steps, std::span<const Value* const> operands);

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_TRACE_FORMAT_H_
