#include "fuzz/libfuzzer/error_checks.h"

#include <cstddef>
#include <string_view>

namespace xlsaot {
namespace {

// Long enough to recognise the message, short enough for a one-line report.
std::string Clip(std::string_view text) {
  constexpr size_t kLimit = 200;
  if (text.size() <= kLimit) return std::string(text);
  return std::string(text.substr(0, kLimit)) + "...";
}

}  // namespace

std::string CheckErrorShape(const char* operation, const Error& error) {
  const std::string prefix = std::string(operation) + " failed with ";
  // ErrorCodeName falls back to "error" for a value outside the enum.
  if (error.code == ErrorCode::kInternal || std::string_view(ErrorCodeName(error.code)) == "error") {
    return prefix + "category '" + ErrorCodeName(error.code) + "' (" +
           std::to_string(static_cast<int>(error.code)) + "): " + Clip(error.message);
  }
  if (error.message.empty()) return prefix + "an empty message";
  if (const size_t end = error.message.find_first_of("\n\r"); end != std::string::npos) {
    return prefix + "a message of several lines: " + Clip(std::string_view(error.message).substr(0, end));
  }
  return "";
}

}  // namespace xlsaot
