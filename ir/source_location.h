// Where something was written in IR text, for error messages.
#ifndef XLSAOT_IR_SOURCE_LOCATION_H_
#define XLSAOT_IR_SOURCE_LOCATION_H_

#include <string>

namespace xlsaot {

struct SourceLocation {
  int line = 0;    // 1-based; 0 when unknown (e.g. built by the API)
  int column = 0;  // 1-based

  bool known() const { return line > 0; }
};

// "file:line:col" (or just "file" when the location is unknown).
inline std::string FormatLocation(const std::string& file, SourceLocation loc) {
  if (!loc.known()) return file;
  return file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

}  // namespace xlsaot

#endif  // XLSAOT_IR_SOURCE_LOCATION_H_
