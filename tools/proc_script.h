// A proc run as a script of steps: fill boundary input channels, run ticks.
//
// The text form is one step per line, as `xlsaot eval-proc --script` reads
// it and as the proc conformance cases write their directives:
//   input: CHANNEL: V1; V2; ...   append typed values to a boundary input
//   ticks: N                      run N ticks (N >= 1)
// Blank lines and `//` lines are skipped.
#ifndef XLSAOT_TOOLS_PROC_SCRIPT_H_
#define XLSAOT_TOOLS_PROC_SCRIPT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interp/proc_simulator.h"
#include "ir/value.h"
#include "tools/value_lines.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct ProcScriptStep {
  enum class Kind : uint8_t { kInput, kTicks };
  Kind kind;
  std::string channel;        // kInput
  std::vector<Value> values;  // kInput
  int64_t ticks = 0;          // kTicks
  TextOrigin origin;
};

// The largest tick count one step may ask for.
inline constexpr int64_t kMaxScriptTicks = int64_t{1} << 32;

// One line's step (`text` without its origin's prefix). Errors (kParse, or
// the value parser's) name the origin and column.
Result<ProcScriptStep> ParseProcScriptLine(std::string_view text, const TextOrigin& origin);

// Every data line of a script file.
Result<std::vector<ProcScriptStep>> ParseProcScript(std::string_view content, const std::string& filename);

// `CHANNEL=V1;V2;...` (the --input option) as an input step.
Result<ProcScriptStep> ParseChannelInputOption(std::string_view text);

// Checks every input step against the network's channels (a boundary input,
// values of its type) before anything runs. kInvalidArgument for an unknown
// or non-input channel, the value parser's error kind for a wrong type.
Status CheckProcScript(const ProcSimulator& network, const std::vector<ProcScriptStep>& steps);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_PROC_SCRIPT_H_
