#include "ir/package.h"

namespace xlsaot {
namespace {

std::string Kinded(const Package& package, std::string_view name) {
  if (package.GetFunction(name) != nullptr) return "a function";
  if (package.GetProc(name) != nullptr) return "a proc";
  for (const NonFunctionEntity& e : package.non_functions())
    if (e.name == name) return "a block";
  if (package.GetChannel(name) != nullptr) return "a channel";
  return "";
}

}  // namespace

Result<Function*> Package::ResolveTopFunction(std::string_view name) const {
  std::string wanted(name.empty() ? top_name_ : std::string(name));
  if (wanted.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     filename_ + ": package '" + name_ +
                         "' has no top function; name one with --top");
  }
  if (Function* f = GetFunction(wanted)) return f;
  if (const Proc* p = GetProc(wanted)) {
    return MakeError(ErrorCode::kUnsupported, FormatLocation(filename_, p->loc()) + ": '" + wanted +
                                                  "' is a proc; run it with eval-proc");
  }
  for (const NonFunctionEntity& e : non_functions_) {
    if (e.name != wanted) continue;
    return MakeError(ErrorCode::kUnsupported, FormatLocation(filename_, e.loc) + ": '" + wanted +
                                                  "' is a block; xlsaot evaluates and compiles functions and procs");
  }
  if (const Channel* c = GetChannel(wanted)) {
    return MakeError(ErrorCode::kUnsupported,
                     FormatLocation(filename_, c->loc) + ": '" + wanted + "' is a channel, not a function");
  }
  return MakeError(ErrorCode::kNotFound,
                   filename_ + ": no function named '" + wanted + "' in package '" + name_ + "'");
}

Result<Proc*> Package::ResolveTopProc(std::string_view name) const {
  std::string wanted(name.empty() ? top_name_ : std::string(name));
  if (wanted.empty()) {
    if (procs_.size() == 1) return procs_.front().get();
    return MakeError(ErrorCode::kNotFound, filename_ + ": package '" + name_ + "' has " +
                                               (procs_.empty() ? "no proc" : "no top proc") +
                                               (procs_.empty() ? "" : "; name one with --top"));
  }
  if (Proc* p = GetProc(wanted)) return p;
  const std::string kind = Kinded(*this, wanted);
  if (!kind.empty()) {
    return MakeError(ErrorCode::kUnsupported,
                     filename_ + ": '" + wanted + "' is " + kind + ", not a proc" +
                         (kind == "a function" ? "; evaluate it with eval" : ""));
  }
  return MakeError(ErrorCode::kNotFound, filename_ + ": no proc named '" + wanted + "' in package '" + name_ + "'");
}

}  // namespace xlsaot
