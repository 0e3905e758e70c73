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

int ReportError(std::string_view message) {
  std::fflush(stdout);  // keep earlier results ahead of the error on a terminal
  std::string line = "xlsaot: error: " + OneLine(message) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
  return kExitError;
}

}  // namespace xlsaot
