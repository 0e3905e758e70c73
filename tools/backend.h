// Evaluation backends for `xlsaot eval`: the engines of the one registry
// (fuzz/engines.h) — the reference interpreter, the JIT, ahead-of-time code
// — behind one interface.
#ifndef XLSAOT_TOOLS_BACKEND_H_
#define XLSAOT_TOOLS_BACKEND_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/engines.h"
#include "interp/events.h"
#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// One function prepared for repeated evaluation (a compiled engine compiles
// once, when created). The function must outlive the backend.
class EvalBackend {
 public:
  virtual ~EvalBackend() = default;
  // Evaluates the function on `args`, which the caller has already checked
  // against the parameter types.
  virtual Result<EvalResult> Run(std::span<const Value> args) = 0;
};

// How a backend is prepared.
struct EvalBackendOptions {
  // Ahead-of-time compilation with events (trace and cover compiled and
  // delivered, `--events`); without it a reachable trace or cover is refused.
  // The interpreter and the JIT always deliver every event.
  bool events = false;
  // Traces above this verbosity need not be delivered (the ahead-of-time
  // runtime does not even format them); callers filter the others.
  int64_t max_trace_verbosity = std::numeric_limits<int64_t>::max();
};

// Every backend (the registered engines), in the order --help lists them;
// the first is the default.
std::vector<EngineInfo> EvalBackends();

// Whether `name` is a backend; kInvalidArgument naming the known backends
// when it is not.
Status FindEvalBackend(std::string_view name);

// The engine `name` made with `options` and prepared for `function`.
Result<std::unique_ptr<EvalBackend>> CreateEvalBackend(std::string_view name, const Function& function,
                                                       const EvalBackendOptions& options = {});

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_BACKEND_H_
