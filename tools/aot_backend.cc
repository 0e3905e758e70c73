// Ahead-of-time compilation as an eval backend: the function is compiled to
// an object file, those bytes are linked into the process and called through
// the standalone runtime's metadata-driven runner (aot/aot_evaluator.h).
#include "aot/aot_evaluator.h"
#include "tools/backend.h"

namespace xlsaot {
namespace {

class AotBackend final : public EvalBackend {
 public:
  AotBackend(std::unique_ptr<AotEvaluator> evaluator, const RunOptions& options)
      : evaluator_(std::move(evaluator)), options_(options) {}

  Result<EvalResult> Run(std::span<const Value> args) override { return evaluator_->Run(args, options_); }

 private:
  std::unique_ptr<AotEvaluator> evaluator_;
  RunOptions options_;
};

}  // namespace

Result<std::unique_ptr<EvalBackend>> CreateAotBackend(const Function& function, const EvalBackendOptions& options) {
  AotOptions aot;
  aot.events = options.events;
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<AotEvaluator> evaluator, AotEvaluator::Create(function, aot));
  RunOptions run;
  run.max_trace_verbosity = options.max_trace_verbosity;
  return std::unique_ptr<EvalBackend>(std::make_unique<AotBackend>(std::move(evaluator), run));
}

}  // namespace xlsaot
