// Checking a list of argument values against a function's signature, shared
// by every backend so they all reject bad arguments with the same message.
#ifndef XLSAOT_IR_FUNCTION_ARGUMENTS_H_
#define XLSAOT_IR_FUNCTION_ARGUMENTS_H_

#include <span>

#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// kInvalidArgument when the number of `args` differs from the number of
// parameters or an argument does not have its parameter's type (the message
// names the parameter, its type and the value's shape).
Status CheckFunctionArguments(const Function& function, std::span<const Value> args);

}  // namespace xlsaot

#endif  // XLSAOT_IR_FUNCTION_ARGUMENTS_H_
