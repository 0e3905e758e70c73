#include "interp/trace_format.h"

namespace xlsaot {

std::string RenderTrace(std::span<const TraceFormatStep> steps, std::span<const Value* const> operands) {
  return RenderTraceSteps(steps, [&](size_t i, FormatPreference preference, std::string& out) {
    if (i < operands.size()) out += operands[i]->ToHumanString(preference);
  });
}

}  // namespace xlsaot
