#include "jit/jit_function.h"

#include "jit/jit_compile.h"

#include <cstring>
#include <string>
#include <utility>

#include "codegen/external_symbols.h"
#include "codegen/target.h"
#include "codegen/type_layout.h"
#include "codegen/value_buffer.h"
#include "ir/function_arguments.h"
#include "llvm/ExecutionEngine/Orc/Core.h"
#include "xlsaot/runner.h"  // EntryStatusToError
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/Support/Error.h"
#include "llvm/TargetParser/Host.h"

namespace xlsaot {
namespace {

Error LlvmError(ErrorCode code, const std::string& what, llvm::Error error) {
  return MakeError(code, what + ": " + llvm::toString(std::move(error)));
}

size_t Words(const Type* t) { return static_cast<size_t>((CachedLayout(t).size + 7) / 8); }

}  // namespace

Event TraceEvent(const TraceSite& site, std::span<const TraceFormatStep> format, const uint8_t* const* operands) {
  std::vector<Value> values;
  values.reserve(site.operand_types.size());
  for (size_t i = 0; i < site.operand_types.size(); ++i)
    values.push_back(ReadValueFromBuffer(site.operand_types[i], operands[i]));
  std::vector<const Value*> pointers;
  pointers.reserve(values.size());
  for (const Value& v : values) pointers.push_back(&v);
  return Event{Event::Kind::kTrace, RenderTrace(format, pointers), "", site.node->attrs().verbosity};
}

JitFunction::JitFunction(const Function& function, AbiInfo abi) : function_(function), abi_(std::move(abi)) {}

JitFunction::~JitFunction() = default;

Result<JitTarget> MakeJitTarget(const CodegenOptions& options) {
  InitializeNativeLlvmTarget();
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder) return LlvmError(ErrorCode::kInternal, "cannot describe the host for the JIT", builder.takeError());
  if (!options.cpu.empty()) {
    builder->setCPU(options.cpu);
    builder->getFeatures() = llvm::SubtargetFeatures(options.cpu_features);
  } else if (!options.cpu_features.empty()) {
    builder->addFeatures({options.cpu_features});
  }
  builder->setCodeGenOptLevel(CodeGenLevel(options.opt_level));
  auto machine = builder->createTargetMachine();
  if (!machine) return LlvmError(ErrorCode::kInvalidArgument, "cannot create the JIT target", machine.takeError());
  JitTarget target;
  target.builder = std::make_unique<llvm::orc::JITTargetMachineBuilder>(std::move(*builder));
  target.machine = std::move(*machine);
  return target;
}

Result<std::unique_ptr<llvm::orc::LLJIT>> LoadIntoJit(JitTarget target, std::unique_ptr<llvm::Module> module,
                                                      std::unique_ptr<llvm::LLVMContext> context,
                                                      const CodegenOptions& options) {
  XLSAOT_RETURN_IF_ERROR(OptimizeModule(*module, *target.machine, options.opt_level));
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*target.builder)).create();
  if (!jit) return LlvmError(ErrorCode::kInternal, "cannot create the JIT", jit.takeError());
  llvm::orc::LLJIT& lljit = **jit;
  llvm::orc::MangleAndInterner mangle(lljit.getExecutionSession(), lljit.getDataLayout());
  llvm::orc::SymbolMap runtime;
  AddAllowedExternalSymbols(mangle, runtime);
  if (llvm::Error e = lljit.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(runtime))))
    return LlvmError(ErrorCode::kInternal, "cannot define runtime symbols", std::move(e));
  if (llvm::Error e = lljit.addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(context))))
    return LlvmError(ErrorCode::kInternal, "cannot add the module to the JIT", std::move(e));
  return std::move(*jit);
}

Result<std::unique_ptr<JitFunction>> JitFunction::Create(const Function& top, const CodegenOptions& options) {
  XLSAOT_ASSIGN_OR_RETURN(JitTarget target, MakeJitTarget(options));
  auto context = std::make_unique<llvm::LLVMContext>();
  XLSAOT_ASSIGN_OR_RETURN(LoweredModule lowered, LowerToLlvm(top, *context, options));

  std::unique_ptr<JitFunction> fn(new JitFunction(top, std::move(lowered.abi)));
  for (const TraceSite& site : fn->abi_.traces) {
    auto steps = ParseTraceFormat(site.format);
    if (!steps.ok()) return steps.error_value();
    fn->trace_formats_.push_back(std::move(steps).value());
  }
  XLSAOT_ASSIGN_OR_RETURN(fn->jit_, LoadIntoJit(std::move(target), std::move(lowered.module), std::move(context), options));
  const std::string entry_symbol = fn->abi_.entry_symbol;
  auto address = fn->jit_->lookup(entry_symbol);
  if (!address) {
    return LlvmError(ErrorCode::kInternal, "cannot compile function '" + top.name() + "'", address.takeError());
  }
  fn->entry_ = address->toPtr<xlsaot_entry_fn>();
  return fn;
}

Result<std::unique_ptr<JitRunner>> JitFunction::CreateRunner(const Allocator& allocator) const {
  std::unique_ptr<JitRunner> runner(new JitRunner(*this));
  if (abi_.scratch_size > 0) {
    XLSAOT_ASSIGN_OR_RETURN(runner->scratch_,
                            ScratchBuffer::Create(static_cast<size_t>(abi_.scratch_size),
                                                  static_cast<size_t>(abi_.scratch_alignment), allocator));
  }
  for (const Type* t : abi_.param_types) runner->inputs_.emplace_back(Words(t));
  for (auto& buffer : runner->inputs_)
    runner->input_ptrs_.push_back(reinterpret_cast<const uint8_t*>(buffer.data()));
  runner->output_.resize(Words(abi_.return_type));
  runner->context_.on_assert = &JitRunner::OnAssert;
  runner->context_.on_trace = &JitRunner::OnTrace;
  runner->context_.on_cover = &JitRunner::OnCover;
  runner->context_.on_assumption = &JitRunner::OnAssumption;
  runner->context_.user_data = runner.get();
  return runner;
}

Result<EvalResult> JitFunction::Run(std::span<const Value> args) const {
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<JitRunner> runner, CreateRunner());
  return runner->Run(args);
}

Result<EvalResult> JitRunner::Run(std::span<const Value> args) {
  const AbiInfo& abi = function_.abi_;
  const std::string& name = abi.function_name;
  XLSAOT_RETURN_IF_ERROR(CheckFunctionArguments(function_.function_, args));
  for (size_t i = 0; i < args.size(); ++i) {
    const Type* t = abi.param_types[i];
    WriteValueToBuffer(args[i], t, reinterpret_cast<uint8_t*>(inputs_[i].data()));
  }
  EvalResult result;
  uint8_t* output = reinterpret_cast<uint8_t*>(output_.data());
  const int32_t status = RunRaw(input_ptrs_.data(), &output, result.events);
  XLSAOT_RETURN_IF_ERROR(EntryStatusToError(status, name));
  result.value = ReadValueFromBuffer(abi.return_type, output);
  return result;
}

int32_t JitRunner::RunRaw(const uint8_t* const* inputs, uint8_t* const* outputs, Events& events) {
  events_ = &events;
  const int32_t status = function_.entry_(inputs, outputs, scratch_.data(), &context_);
  events_ = nullptr;
  return status;
}

void JitRunner::OnAssert(xlsaot_context* ctx, uint32_t, const char* message, size_t message_len,
                         const char* label, size_t label_len) {
  auto* runner = static_cast<JitRunner*>(ctx->user_data);
  runner->events_->log.push_back(
      Event{Event::Kind::kAssert, std::string(message, message_len), std::string(label, label_len)});
}

void JitRunner::OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands) {
  auto* runner = static_cast<JitRunner*>(ctx->user_data);
  runner->events_->log.push_back(
      TraceEvent(runner->function_.abi_.traces[index], runner->function_.trace_formats_[index], operands));
}

void JitRunner::OnCover(xlsaot_context* ctx, uint32_t, const char* label, size_t label_len) {
  auto* runner = static_cast<JitRunner*>(ctx->user_data);
  ++runner->events_->cover_hits[std::string(label, label_len)];
}

void JitRunner::OnAssumption(xlsaot_context* ctx, uint32_t index) {
  auto* runner = static_cast<JitRunner*>(ctx->user_data);
  const Node& node = *runner->function_.abi_.assumptions[index].node;
  runner->events_->RecordAssumptionFailure(node.name(), node.op_info().name);
}

}  // namespace xlsaot
