// How the command line reports errors and what its exit statuses mean.
#ifndef XLSAOT_TOOLS_DIAGNOSTICS_H_
#define XLSAOT_TOOLS_DIAGNOSTICS_H_

#include <string>
#include <string_view>

#include "xlsaot/result.h"

namespace xlsaot {

// Exit statuses shared by every subcommand (docs/cli.md and the table of
// bad inputs in docs/errors.md). Each kind of failure has its own status so
// that scripts can tell a typo in an option from a bad IR file, a wrong
// input value or an artifact this machine cannot run.
enum ExitStatus : int {
  kExitOk = 0,            // everything ran and matched
  kExitFailed = 1,        // ran, but a result mismatched, an assertion failed or engines disagreed
  kExitUsage = 2,         // bad command line: missing, unknown, conflicting or out-of-range options
  kExitIo = 3,            // a file could not be opened, read or written
  kExitIrSyntax = 4,      // malformed IR text: syntax, unknown op or attribute, bad number
  kExitIrInvalid = 5,     // well-formed IR that breaks a rule: types, operands, recursion, ...
  kExitNotFound = 6,      // a named function (or an artifact's metadata) does not exist
  kExitUnsupported = 7,   // valid input this command refuses: a proc as top, a trace in AOT, ...
  kExitBadValue = 8,      // an input or expected value: syntax, type, width or count
  kExitIncompatible = 9,  // an artifact of another ABI version, architecture or CPU
  kExitCorrupt = 10,      // an artifact whose metadata or object is malformed or truncated
  kExitLimit = 11,        // a size limit (width, nesting, trip count) or memory ran out
  kExitInternal = 12,     // a bug in xlsaot
  kExitDeadlock = 13,     // a proc network deadlocked (eval-proc)
  kExitStateConflict = 14,  // two active next_values for one state element (eval-proc)
};

// The exit status of an error of category `code`.
ExitStatus ExitStatusFor(ErrorCode code);

// `text` made safe for a one-line terminal message: control characters
// (including newlines) are shown as \xNN escapes.
std::string OneLine(std::string_view text);

// Writes "xlsaot: error: MESSAGE" (one line) to stderr; returns `status`.
int ReportError(std::string_view message, ExitStatus status);
// A command-line usage error: ReportError(message, kExitUsage).
int ReportUsageError(std::string_view message);
// ReportError(error.message, ExitStatusFor(error.code)).
int ReportError(const Error& error);
// The same for a failed status or result.
template <typename T>
int ReportError(const Result<T>& failed) {
  return ReportError(failed.error_value());
}
inline int ReportError(const Status& failed) { return ReportError(failed.error_value()); }
// An error met while reading or checking input values: a bad value
// (kExitBadValue), unless the file itself could not be read or was too large.
int ReportValueError(const Error& error);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_DIAGNOSTICS_H_
