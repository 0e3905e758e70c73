#include "tools/backend.h"

namespace xlsaot {

// Factories, one per engine, each defined in its own <name>_backend.cc.
Result<std::unique_ptr<EvalBackend>> CreateInterpreterBackend(const Function& function,
                                                              const EvalBackendOptions& options);
Result<std::unique_ptr<EvalBackend>> CreateAotBackend(const Function& function, const EvalBackendOptions& options);
Result<std::unique_ptr<EvalBackend>> CreateJitBackend(const Function& function, const EvalBackendOptions& options);

namespace {

// The registry: adding an engine is one line here (plus its factory above).
constexpr EvalBackendInfo kBackends[] = {
    {"interpreter", "the reference interpreter (the semantic oracle)", &CreateInterpreterBackend},
    {"aot", "ahead-of-time object code, linked in and run by the standalone runtime", &CreateAotBackend},
    {"jit", "LLVM ORC JIT: compiled in process, called through the C ABI", &CreateJitBackend},
};

}  // namespace

std::span<const EvalBackendInfo> EvalBackends() { return kBackends; }

Result<const EvalBackendInfo*> FindEvalBackend(std::string_view name) {
  for (const EvalBackendInfo& info : kBackends) {
    if (info.name == name) return &info;
  }
  std::string known;
  for (const EvalBackendInfo& info : kBackends) {
    if (!known.empty()) known += ", ";
    known += info.name;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown backend '" + std::string(name) + "' (known: " + known + ")");
}

Result<std::unique_ptr<EvalBackend>> CreateEvalBackend(std::string_view name, const Function& function,
                                                       const EvalBackendOptions& options) {
  XLSAOT_ASSIGN_OR_RETURN(const EvalBackendInfo* info, FindEvalBackend(name));
  return info->create(function, options);
}

}  // namespace xlsaot
