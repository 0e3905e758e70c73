// How the command line reports errors and what its exit statuses mean.
#ifndef XLSAOT_TOOLS_DIAGNOSTICS_H_
#define XLSAOT_TOOLS_DIAGNOSTICS_H_

#include <string>
#include <string_view>

namespace xlsaot {

// Exit statuses shared by every subcommand (documented in docs/cli.md).
enum ExitStatus : int {
  kExitOk = 0,      // everything ran and matched
  kExitFailed = 1,  // ran, but a result mismatched or an assertion failed
  kExitError = 2,   // usage, file, parse, verification or value error
};

// `text` made safe for a one-line terminal message: control characters
// (including newlines) are shown as \xNN escapes.
std::string OneLine(std::string_view text);

// Writes "xlsaot: error: MESSAGE" (one line) to stderr; returns kExitError.
int ReportError(std::string_view message);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_DIAGNOSTICS_H_
