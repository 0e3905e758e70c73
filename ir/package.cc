#include "ir/package.h"

namespace xlsaot {

Result<Function*> Package::ResolveTopFunction(std::string_view name) const {
  std::string wanted(name.empty() ? top_name_ : std::string(name));
  if (wanted.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     filename_ + ": package '" + name_ +
                         "' has no top function; name one with --top");
  }
  if (Function* f = GetFunction(wanted)) return f;
  for (const NonFunctionEntity& e : non_functions_) {
    if (e.name != wanted) continue;
    const char* kind = e.kind == NonFunctionEntity::Kind::kProc    ? "a proc"
                       : e.kind == NonFunctionEntity::Kind::kBlock ? "a block"
                                                                   : "a channel";
    return MakeError(ErrorCode::kUnsupported,
                     FormatLocation(filename_, e.loc) + ": '" + wanted + "' is " + kind +
                         "; xlsaot evaluates and compiles functions only");
  }
  return MakeError(ErrorCode::kNotFound,
                   filename_ + ": no function named '" + wanted + "' in package '" + name_ + "'");
}

}  // namespace xlsaot
