#include "xlsaot/trace_format.h"

#include <array>
#include <utility>

#include "xlsaot/text_escape.h"

namespace xlsaot {
namespace {

struct Placeholder {
  std::string_view spelling;
  FormatPreference preference;
};

// XLS's placeholder set (xls/ir/format_strings.cc). "{:x}" and "{:b}" are
// the unprefixed forms; '#' adds the radix prefix; '0' pads to full width.
constexpr std::array<Placeholder, 9> kPlaceholders = {{
    {"{}", FormatPreference::kDefault},
    {"{:u}", FormatPreference::kUnsignedDecimal},
    {"{:d}", FormatPreference::kSignedDecimal},
    {"{:x}", FormatPreference::kPlainHex},
    {"{:#x}", FormatPreference::kHex},
    {"{:0x}", FormatPreference::kZeroPaddedHex},
    {"{:b}", FormatPreference::kPlainBinary},
    {"{:#b}", FormatPreference::kBinary},
    {"{:0b}", FormatPreference::kZeroPaddedBinary},
}};

}  // namespace

Result<std::vector<TraceFormatStep>> ParseTraceFormat(std::string_view format) {
  std::vector<TraceFormatStep> steps;
  std::string text;
  auto flush_text = [&] {
    if (text.empty()) return;
    TraceFormatStep step;
    step.text = std::move(text);
    steps.push_back(std::move(step));
    text.clear();
  };

  size_t i = 0;
  while (i < format.size()) {
    std::string_view rest = format.substr(i);
    if (rest.starts_with("{{") || rest.starts_with("}}")) {
      text.push_back(rest[0]);
      i += 2;
      continue;
    }
    if (rest[0] == '{') {
      bool matched = false;
      for (const Placeholder& p : kPlaceholders) {
        if (!rest.starts_with(p.spelling)) continue;
        flush_text();
        TraceFormatStep step;
        step.is_operand = true;
        step.preference = p.preference;
        steps.push_back(std::move(step));
        i += p.spelling.size();
        matched = true;
        break;
      }
      if (matched) continue;
      const size_t close = rest.find('}');
      if (close == std::string_view::npos) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "trace format has a '{' without a matching '}' at offset " + std::to_string(i));
      }
      // Escaped: the format is user text and may hold a line break, and an
      // error is one line.
      return MakeError(ErrorCode::kInvalidArgument, "trace format has an unsupported placeholder '" +
                                                        EscapeString(rest.substr(0, close + 1)) + "'");
    }
    if (rest[0] == '}') {
      return MakeError(ErrorCode::kInvalidArgument,
                       "trace format has a '}' without a matching '{' at offset " + std::to_string(i));
    }
    text.push_back(rest[0]);
    ++i;
  }
  flush_text();
  return steps;
}

int64_t TraceOperandCount(std::span<const TraceFormatStep> steps) {
  int64_t n = 0;
  for (const TraceFormatStep& s : steps) n += s.is_operand;
  return n;
}

std::string RenderTrace(std::span<const TraceFormatStep> steps, const MetadataView& metadata,
                        std::span<const uint32_t> operand_types, const uint8_t* const* operands) {
  return RenderTraceSteps(steps, [&](size_t i, FormatPreference preference, std::string& out) {
    if (i < operand_types.size()) AppendBufferText(metadata, operand_types[i], operands[i], preference, out);
  });
}

}  // namespace xlsaot
