// Ahead-of-time compilation as an eval backend: the function is compiled to
// an object file, those bytes are linked into the process and called through
// the standalone runtime's metadata-driven runner (aot/aot_evaluator.h).
#include "aot/aot_evaluator.h"
#include "tools/backend.h"

namespace xlsaot {
namespace {

class AotBackend final : public EvalBackend {
 public:
  explicit AotBackend(std::unique_ptr<AotEvaluator> evaluator) : evaluator_(std::move(evaluator)) {}

  Result<EvalResult> Run(std::span<const Value> args) override { return evaluator_->Run(args); }

 private:
  std::unique_ptr<AotEvaluator> evaluator_;
};

}  // namespace

Result<std::unique_ptr<EvalBackend>> CreateAotBackend(const Function& function, const EvalBackendOptions& options) {
  AotOptions aot;
  aot.events = options.events;
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<AotEvaluator> evaluator, AotEvaluator::Create(function, aot));
  return std::unique_ptr<EvalBackend>(std::make_unique<AotBackend>(std::move(evaluator)));
}

}  // namespace xlsaot
