#include "tools/proc_script.h"

#include <charconv>

namespace xlsaot {
namespace {

bool IsChannelName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

Result<ProcScriptStep> InputStep(std::string_view channel, std::string_view values, const TextOrigin& origin) {
  ProcScriptStep step{ProcScriptStep::Kind::kInput, std::string(TrimBlanks(channel)), {}, 0, origin};
  if (!IsChannelName(step.channel)) {
    return MakeError(ErrorCode::kParse, origin.Describe() + ": expected a channel name, found '" +
                                            std::string(TrimBlanks(channel)) + "'");
  }
  XLSAOT_ASSIGN_OR_RETURN(std::vector<ParsedArg> parsed, ParseArgs(values, origin));
  for (ParsedArg& arg : parsed) step.values.push_back(std::move(arg.value));
  return step;
}

}  // namespace

Result<ProcScriptStep> ParseProcScriptLine(std::string_view text, const TextOrigin& origin) {
  const std::string_view line = TrimBlanks(text);
  const size_t colon = line.find(':');
  const std::string_view key = colon == std::string_view::npos ? line : TrimBlanks(line.substr(0, colon));
  if (key == "ticks") {
    const std::string_view number = TrimBlanks(line.substr(colon + 1));
    int64_t ticks = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), ticks);
    if (ec != std::errc() || end != number.data() + number.size() || ticks < 1 || ticks > kMaxScriptTicks) {
      return MakeError(ErrorCode::kParse, origin.Describe() + ": 'ticks:' needs a count from 1 to " +
                                              std::to_string(kMaxScriptTicks) + ", found '" + std::string(number) + "'");
    }
    return ProcScriptStep{ProcScriptStep::Kind::kTicks, "", {}, ticks, origin};
  }
  if (key == "input") {
    const std::string_view rest = line.substr(colon + 1);
    const size_t second = rest.find(':');
    if (second == std::string_view::npos) {
      return MakeError(ErrorCode::kParse, origin.Describe() + ": expected 'input: CHANNEL: V1; V2; ...'");
    }
    return InputStep(rest.substr(0, second), rest.substr(second + 1), origin);
  }
  return MakeError(ErrorCode::kParse, origin.Describe() + ": expected 'input: CHANNEL: VALUES' or 'ticks: N', found '" +
                                          std::string(line.substr(0, 40)) + "'");
}

Result<std::vector<ProcScriptStep>> ParseProcScript(std::string_view content, const std::string& filename) {
  std::vector<ProcScriptStep> steps;
  for (const DataLine& line : DataLines(content, filename)) {
    XLSAOT_ASSIGN_OR_RETURN(ProcScriptStep step, ParseProcScriptLine(line.text, line.origin));
    steps.push_back(std::move(step));
  }
  return steps;
}

Result<ProcScriptStep> ParseChannelInputOption(std::string_view text) {
  const TextOrigin origin{"--input", 0};
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    return MakeError(ErrorCode::kParse, "--input '" + std::string(text) + "': expected CHANNEL=V1;V2;...");
  }
  return InputStep(text.substr(0, equals), text.substr(equals + 1), origin);
}

Status CheckProcScript(const ProcSimulator& network, const std::vector<ProcScriptStep>& steps) {
  for (const ProcScriptStep& step : steps) {
    if (step.kind != ProcScriptStep::Kind::kInput) continue;
    std::optional<size_t> channel = network.FindChannel(step.channel);
    if (!channel) {
      return MakeError(ErrorCode::kInvalidArgument,
                       step.origin.Describe() + ": the network has no channel '" + step.channel + "'");
    }
    const ChannelInstance& c = network.channels()[*channel];
    if (c.boundary != ChannelInstance::Boundary::kInput) {
      return MakeError(ErrorCode::kInvalidArgument, step.origin.Describe() + ": channel '" + step.channel +
                                                        "' is not an input of the network");
    }
    for (size_t i = 0; i < step.values.size(); ++i) {
      if (!step.values[i].HasType(c.type)) {
        return MakeError(ErrorCode::kParse, step.origin.Describe() + ": value " + std::to_string(i + 1) + " (" +
                                                step.values[i].ToString() + ") for channel '" + step.channel +
                                                "' is not a " + c.type->ToString());
      }
    }
  }
  return {};
}

}  // namespace xlsaot
