// The LLVM JIT as an eval backend: the function is compiled once, then every
// evaluation reuses one runner (scratch and buffers allocated once).
#include "jit/jit_function.h"
#include "tools/backend.h"

namespace xlsaot {
namespace {

class JitBackend final : public EvalBackend {
 public:
  JitBackend(std::unique_ptr<JitFunction> jit, std::unique_ptr<JitRunner> runner)
      : jit_(std::move(jit)), runner_(std::move(runner)) {}

  Result<EvalResult> Run(std::span<const Value> args) override { return runner_->Run(args); }

 private:
  std::unique_ptr<JitFunction> jit_;
  std::unique_ptr<JitRunner> runner_;
};

}  // namespace

Result<std::unique_ptr<EvalBackend>> CreateJitBackend(const Function& function, const EvalBackendOptions&) {
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<JitFunction> jit, JitFunction::Create(function));
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<JitRunner> runner, jit->CreateRunner());
  return std::unique_ptr<EvalBackend>(std::make_unique<JitBackend>(std::move(jit), std::move(runner)));
}

}  // namespace xlsaot
