// Error messages of the runtime's consumer path, built without iostreams,
// locales or a string temporary per piece: a deployed program links this
// one small joiner instead of a chain of std::string operator+ calls at
// every error site.
#ifndef XLSAOT_ERROR_TEXT_H_
#define XLSAOT_ERROR_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "xlsaot/result.h"

namespace xlsaot {

// An error whose message is the concatenation of `parts`.
Error JoinedError(ErrorCode code, std::initializer_list<std::string_view> parts);

// The decimal digits of a number, as a string_view piece of a message.
class DecimalText {
 public:
  explicit DecimalText(uint64_t value);
  operator std::string_view() const { return std::string_view(digits_ + start_, sizeof(digits_) - start_); }  // NOLINT

 private:
  char digits_[20];
  size_t start_;
};

}  // namespace xlsaot

#endif  // XLSAOT_ERROR_TEXT_H_
