// The reference interpreter: evaluates a verified function exactly as XLS
// does. Every compiled backend is tested against it.
#ifndef XLSAOT_INTERP_INTERPRETER_H_
#define XLSAOT_INTERP_INTERPRETER_H_

#include <span>

#include "interp/events.h"
#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Evaluates `function` (which must have passed the verifier) on `args`, one
// per parameter. Returns an error (kInvalidArgument) when the number or the
// types of the arguments do not match the signature. A failing assert is not
// an error: it is recorded in the events and evaluation continues.
Result<EvalResult> Interpret(const Function& function, std::span<const Value> args);

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_INTERPRETER_H_
