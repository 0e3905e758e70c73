#include "ir/function_arguments.h"

#include <string>

namespace xlsaot {

Status CheckFunctionArguments(const Function& function, std::span<const Value> args) {
  const auto params = function.params();
  if (args.size() != params.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "function '" + function.name() + "' takes " + std::to_string(params.size()) +
                         " argument" + (params.size() == 1 ? "" : "s") + ", got " +
                         std::to_string(args.size()));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    if (args[i].HasType(params[i]->type())) continue;
    return MakeError(ErrorCode::kInvalidArgument,
                     "argument " + std::to_string(i) + " of function '" + function.name() +
                         "' is for parameter '" + params[i]->name() + "' of type " +
                         params[i]->type()->ToString() + ", got a value of type " +
                         args[i].TypeString());
  }
  return Status::Ok();
}

}  // namespace xlsaot
