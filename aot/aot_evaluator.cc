#include "aot/aot_evaluator.h"

#include "codegen/value_buffer.h"

namespace xlsaot {

Result<std::unique_ptr<AotEvaluator>> AotEvaluator::Create(const Function& function,
                                                           AotOptions options,
                                                           const Allocator& allocator) {
  return CreateForEntry({&function}, function, std::move(options), allocator);
}

Result<std::unique_ptr<AotEvaluator>> AotEvaluator::CreateForEntry(const std::vector<const Function*>& tops,
                                                                   const Function& function, AotOptions options,
                                                                   const Allocator& allocator) {
  if (options.name.empty()) options.name = "eval";
  std::unique_ptr<AotEvaluator> evaluator(new AotEvaluator(function));
  XLSAOT_ASSIGN_OR_RETURN(evaluator->artifact_, CompileAheadOfTime(tops, options));
  const AotEntry* entry = nullptr;
  for (const AotEntry& e : evaluator->artifact_.entries) {
    if (e.function_name == function.name()) entry = &e;
  }
  if (entry == nullptr) {
    return MakeError(ErrorCode::kNotFound, "function '" + function.name() + "' is none of the compiled tops");
  }
  XLSAOT_ASSIGN_OR_RETURN(evaluator->object_, LoadedObject::Load(evaluator->artifact_.object, entry->entry_symbol));
  XLSAOT_ASSIGN_OR_RETURN(ArtifactRunner runner,
                          ArtifactRunner::Create(evaluator->object_->artifact(), allocator));
  evaluator->runner_ = std::make_unique<ArtifactRunner>(std::move(runner));
  // Made now rather than on the first call, so that a trace format the
  // runtime cannot render is an error of Create.
  XLSAOT_RETURN_IF_ERROR(evaluator->recorder_.GetOrCreate(evaluator->runner_->metadata()).status());
  return evaluator;
}

Result<EvalResult> AotEvaluator::Run(std::span<const Value> args, const RunOptions& options) {
  ArtifactRunner& runner = *runner_;
  if (args.size() != runner.input_count()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "'" + function_.name() + "' takes " + std::to_string(runner.input_count()) +
                         " arguments, got " + std::to_string(args.size()));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    WriteValueToBuffer(args[i], function_.param(i)->type(), runner.input(i));
  }
  EvalResult result;
  size_t dropped = 0;  // events past options.max_events
  XLSAOT_RETURN_IF_ERROR(CallRecordingEvents(runner, recorder_, options, result.events, dropped));
  const Type* return_type = function_.return_type() != nullptr ? function_.return_type()
                                                                 : function_.return_node()->type();
  result.value = ReadValueFromBuffer(return_type, runner.output());
  return result;
}

}  // namespace xlsaot
