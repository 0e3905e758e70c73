// The reference interpreter as an eval backend.
#include "interp/interpreter.h"
#include "tools/backend.h"

namespace xlsaot {
namespace {

class InterpreterBackend final : public EvalBackend {
 public:
  explicit InterpreterBackend(const Function& function) : function_(function) {}

  Result<EvalResult> Run(std::span<const Value> args) override {
    return Interpret(function_, args);
  }

 private:
  const Function& function_;
};

}  // namespace

Result<std::unique_ptr<EvalBackend>> CreateInterpreterBackend(const Function& function, const EvalBackendOptions&) {
  return std::unique_ptr<EvalBackend>(std::make_unique<InterpreterBackend>(function));
}

}  // namespace xlsaot
