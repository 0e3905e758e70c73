// Rules every error result must follow, whatever the input ("errors are
// values", docs/errors.md): a category a tool can map to an exit status,
// and one line a human reads.
#ifndef XLSAOT_FUZZ_LIBFUZZER_ERROR_CHECKS_H_
#define XLSAOT_FUZZ_LIBFUZZER_ERROR_CHECKS_H_

#include <string>

#include "xlsaot/result.h"

namespace xlsaot {

// Empty when `error` is a non-empty single line whose category is one of
// bad input; otherwise a finding naming `operation`. kInternal ("a bug in
// xlsaot") is never the right answer to an input. Which input category
// each kind of bad input gets is pinned by the unit tests of each layer,
// not here.
std::string CheckErrorShape(const char* operation, const Error& error);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_LIBFUZZER_ERROR_CHECKS_H_
