// How a test that runs a child process (the `xlsaot` binary, a built
// consumer) tells a sanitizer report in the child from the child's own
// failure. scripts/sanitize.sh gives ASan, UBSan, LSan and TSan the exit
// status kSanitizerExitCode, which no xlsaot program uses (tools/diagnostics.h
// stops at 12), so a test that expects status 1 and a message cannot pass
// over a report; the report's banner is looked for as well, in case a child
// runs with other sanitizer options.
#ifndef XLSAOT_TESTS_SUPPORT_SANITIZER_REPORT_H_
#define XLSAOT_TESTS_SUPPORT_SANITIZER_REPORT_H_

#include <string_view>

namespace xlsaot::test {

// Keep equal to SANITIZER_EXIT_CODE in scripts/sanitize.sh.
inline constexpr int kSanitizerExitCode = 66;

// Whether a child's exit status or output shows a sanitizer report.
inline bool ShowsSanitizerReport(int exit_code, std::string_view output) {
  return exit_code == kSanitizerExitCode || output.find("ERROR: AddressSanitizer") != std::string_view::npos ||
         output.find("ERROR: LeakSanitizer") != std::string_view::npos ||
         output.find("WARNING: ThreadSanitizer") != std::string_view::npos ||
         output.find(": runtime error: ") != std::string_view::npos;
}

}  // namespace xlsaot::test

#endif  // XLSAOT_TESTS_SUPPORT_SANITIZER_REPORT_H_
