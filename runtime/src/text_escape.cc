#include "xlsaot/text_escape.h"

namespace xlsaot {

std::string EscapeString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      default: {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f) {
          out.push_back('\\');
          out.push_back(static_cast<char>('0' + ((u >> 6) & 7)));
          out.push_back(static_cast<char>('0' + ((u >> 3) & 7)));
          out.push_back(static_cast<char>('0' + (u & 7)));
        } else {
          out.push_back(c);
        }
      }
    }
  }
  return out;
}

}  // namespace xlsaot
