#include "tools/backend.h"

#include <utility>

namespace xlsaot {
namespace {

// An engine of the registry, prepared for one function.
class EngineBackend final : public EvalBackend {
 public:
  explicit EngineBackend(EngineRun run) : run_(std::move(run)) {}
  Result<EvalResult> Run(std::span<const Value> args) override { return run_(args); }

 private:
  EngineRun run_;
};

}  // namespace

std::vector<EngineInfo> EvalBackends() { return Engines(); }

Status FindEvalBackend(std::string_view name) {
  for (const EngineInfo& info : Engines()) {
    if (info.name == name) return Status::Ok();
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown backend '" + std::string(name) + "' (known: " + EngineNameList() + ")");
}

Result<std::unique_ptr<EvalBackend>> CreateEvalBackend(std::string_view name, const Function& function,
                                                       const EvalBackendOptions& options) {
  XLSAOT_RETURN_IF_ERROR(FindEvalBackend(name));
  EngineOptions engine;
  engine.events = options.events;
  engine.max_trace_verbosity = options.max_trace_verbosity;
  XLSAOT_ASSIGN_OR_RETURN(Engine made, EngineNamed(name, engine));
  XLSAOT_ASSIGN_OR_RETURN(EngineRun run, made.prepare(function));
  return std::unique_ptr<EvalBackend>(std::make_unique<EngineBackend>(std::move(run)));
}

}  // namespace xlsaot
