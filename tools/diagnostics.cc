#include "tools/diagnostics.h"

#include <cstdio>

namespace xlsaot {

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u == '\t') {
      out.push_back(' ');
    } else if (u < 0x20 || u == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xf]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

ExitStatus ExitStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return kExitUsage;
    case ErrorCode::kParse: return kExitIrSyntax;
    case ErrorCode::kVerify: return kExitIrInvalid;
    case ErrorCode::kNotFound: return kExitNotFound;
    case ErrorCode::kUnsupported: return kExitUnsupported;
    case ErrorCode::kAbiMismatch: return kExitIncompatible;
    case ErrorCode::kResourceExhausted: return kExitLimit;
    case ErrorCode::kInternal: return kExitInternal;
    case ErrorCode::kAssertionFailed: return kExitFailed;
    case ErrorCode::kIo: return kExitIo;
    case ErrorCode::kCorruptArtifact: return kExitCorrupt;
    case ErrorCode::kDeadlock: return kExitDeadlock;
    case ErrorCode::kStateConflict: return kExitStateConflict;
  }
  return kExitInternal;
}

int ReportError(std::string_view message, ExitStatus status) {
  std::fflush(stdout);  // keep earlier results ahead of the error on a terminal
  std::string line = "xlsaot: error: " + OneLine(message) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
  return status;
}

int ReportUsageError(std::string_view message) { return ReportError(message, kExitUsage); }

int ReportValueError(const Error& error) {
  const bool about_the_file = error.code == ErrorCode::kIo || error.code == ErrorCode::kResourceExhausted;
  return ReportError(error.message, about_the_file ? ExitStatusFor(error.code) : kExitBadValue);
}

int ReportError(const Error& error) { return ReportError(error.message, ExitStatusFor(error.code)); }

}  // namespace xlsaot
