#include "fuzz/libfuzzer/ir_parser_check.h"

#include <memory>
#include <string>
#include <string_view>

#include "fuzz/libfuzzer/error_checks.h"
#include "ir/package.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verifier.h"

namespace xlsaot {
namespace {

std::string_view LineAt(std::string_view text, size_t start) {
  const size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// "line N: 'first' vs 'second'" for the first line where the texts differ.
std::string FirstDifference(std::string_view a, std::string_view b) {
  size_t line_start = 0;
  int line = 1;
  for (size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i) {
    if (a[i] == '\n') {
      line_start = i + 1;
      ++line;
    }
  }
  return "line " + std::to_string(line) + ": '" + std::string(LineAt(a, line_start)) + "' vs '" +
         std::string(LineAt(b, line_start)) + "'";
}

}  // namespace

CheckResult CheckIrParserInput(std::span<const uint8_t> input) {
  CheckResult result;
  const std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());

  Result<std::unique_ptr<Package>> parsed = ParsePackage(text, "input.ir");
  if (!parsed.ok()) {
    result.finding = CheckErrorShape("ParsePackage", parsed.error_value());
    return result;
  }
  if (Status verified = VerifyPackage(**parsed); !verified.ok()) {
    result.finding = CheckErrorShape("VerifyPackage", verified.error_value());
    return result;
  }
  result.depth = CheckResult::Depth::kAccepted;

  const std::string printed = PrintPackage(**parsed);
  Result<std::unique_ptr<Package>> reparsed = ParsePackage(printed, "printed.ir");
  if (!reparsed.ok()) {
    result.finding = "a verified package prints to text that does not parse: " + reparsed.error();
    return result;
  }
  if (Status verified = VerifyPackage(**reparsed); !verified.ok()) {
    result.finding = "a verified package prints to text that does not verify: " + verified.error();
    return result;
  }
  const std::string reprinted = PrintPackage(**reparsed);
  if (reprinted != printed) {
    result.finding = "printing is not a fixed point: " + FirstDifference(printed, reprinted);
  }
  return result;
}

}  // namespace xlsaot
