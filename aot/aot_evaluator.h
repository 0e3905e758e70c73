// Evaluation of an XLS function through its ahead-of-time artifact, for the
// `aot` backend of `xlsaot eval` and for tests: the function is compiled to
// an object file, exactly those bytes are linked into the process
// (aot/object_loader.h), and calls go through the runtime's metadata-driven
// ArtifactRunner with the metadata read back from the object — the path a
// standalone consumer takes, minus the C++ wrapper.
#ifndef XLSAOT_AOT_AOT_EVALUATOR_H_
#define XLSAOT_AOT_AOT_EVALUATOR_H_

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "aot/compiler.h"
#include "aot/object_loader.h"
#include "interp/events.h"
#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/allocator.h"
#include "xlsaot/event_recorder.h"
#include "xlsaot/result.h"
#include "xlsaot/runner.h"

namespace xlsaot {

class AotEvaluator {
 public:
  // Compiles `function` (verified; it must outlive the evaluator) with
  // `options` (an empty name becomes "eval") and prepares a runner.
  static Result<std::unique_ptr<AotEvaluator>> Create(const Function& function,
                                                      AotOptions options = {},
                                                      const Allocator& allocator = DefaultAllocator());

  // Compiles `tops` into one artifact with an entry each (xlsaot compile
  // --top f --top g) and runs the entry of `function`, one of them: the
  // shared code of a multi-function object, reached through that entry.
  static Result<std::unique_ptr<AotEvaluator>> CreateForEntry(const std::vector<const Function*>& tops,
                                                              const Function& function, AotOptions options = {},
                                                              const Allocator& allocator = DefaultAllocator());

  // Evaluates on `args` (types already checked against the parameters).
  // Failed assertions are events, as with the interpreter, and so are the
  // traces and covers of a function compiled with events; `options` says
  // which are collected (xlsaot/event_recorder.h).
  Result<EvalResult> Run(std::span<const Value> args, const RunOptions& options = {});

  const AotArtifact& artifact() const { return artifact_; }
  ArtifactRunner& runner() { return *runner_; }

 private:
  explicit AotEvaluator(const Function& function) : function_(function) {}

  const Function& function_;
  AotArtifact artifact_;
  std::unique_ptr<LoadedObject> object_;
  std::unique_ptr<ArtifactRunner> runner_;
  EventRecorderSlot recorder_;  // refers to runner_'s metadata
};

}  // namespace xlsaot

#endif  // XLSAOT_AOT_AOT_EVALUATOR_H_
