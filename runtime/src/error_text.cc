#include "xlsaot/error_text.h"

#include <string>

namespace xlsaot {

Error JoinedError(ErrorCode code, std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  Error error{code, std::string()};
  error.message.reserve(size);
  for (std::string_view part : parts) error.message.append(part);
  return error;
}

DecimalText::DecimalText(uint64_t value) : start_(sizeof(digits_)) {
  do {
    digits_[--start_] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
}

}  // namespace xlsaot
