// The LLVM ORC JIT: an XLS function compiled in process and called through
// the same C ABI (xlsaot/abi.h) as ahead-of-time compiled code.
//
// A JitFunction is one compiled module; it is immutable after creation and
// may be shared by any number of threads. Each call needs runner state
// (scratch memory, argument buffers, the callback context): a JitRunner owns
// it and is reused across calls without allocating scratch again. Use one
// runner per thread; JitFunction::Run makes a fresh runner per call.
#ifndef XLSAOT_JIT_JIT_FUNCTION_H_
#define XLSAOT_JIT_JIT_FUNCTION_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "codegen/lowering.h"
#include "interp/events.h"
#include "interp/trace_format.h"
#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/abi.h"
#include "xlsaot/allocator.h"
#include "xlsaot/result.h"

namespace llvm::orc {
class LLJIT;
}  // namespace llvm::orc

namespace xlsaot {

class JitRunner;

// The event of trace `site` of compiled code whose data operands are the
// buffers `operands` (as passed to xlsaot_context::on_trace).
Event TraceEvent(const TraceSite& site, std::span<const TraceFormatStep> format, const uint8_t* const* operands);

class JitFunction {
 public:
  // Compiles `top` (verified IR) and everything it calls. `top` and its
  // package must outlive the JitFunction.
  static Result<std::unique_ptr<JitFunction>> Create(const Function& top, const CodegenOptions& options = {});
  ~JitFunction();
  JitFunction(const JitFunction&) = delete;
  JitFunction& operator=(const JitFunction&) = delete;

  // Evaluates on `args` (one per parameter): same result and events as the
  // interpreter. Safe to call from several threads at once.
  Result<EvalResult> Run(std::span<const Value> args) const;

  // State for repeated calls from one thread.
  Result<std::unique_ptr<JitRunner>> CreateRunner(const Allocator& allocator = DefaultAllocator()) const;

  const Function& function() const { return function_; }
  const AbiInfo& abi() const { return abi_; }
  xlsaot_entry_fn entry() const { return entry_; }

 private:
  friend class JitRunner;
  JitFunction(const Function& function, AbiInfo abi);

  const Function& function_;
  AbiInfo abi_;
  std::vector<std::vector<TraceFormatStep>> trace_formats_;  // per trace site
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  xlsaot_entry_fn entry_ = nullptr;
};

// Buffers, scratch and callback context for calls of one JitFunction. Not
// thread-safe: one runner per thread.
class JitRunner {
 public:
  JitRunner(const JitRunner&) = delete;
  JitRunner& operator=(const JitRunner&) = delete;

  // Checks the arguments against the signature (kInvalidArgument), writes
  // them to the input buffers, calls the compiled code and reads the result.
  Result<EvalResult> Run(std::span<const Value> args);

  // The raw call with caller-provided buffers (in the ABI layout); events go
  // to `events`. Returns the entry point's status code.
  int32_t RunRaw(const uint8_t* const* inputs, uint8_t* const* outputs, Events& events);

  const JitFunction& function() const { return function_; }
  // The scratch memory this runner passes (nullptr when none is needed).
  const uint8_t* scratch() const { return scratch_.data(); }

 private:
  friend class JitFunction;
  explicit JitRunner(const JitFunction& function) : function_(function) {}

  static void OnAssert(xlsaot_context* ctx, uint32_t index, const char* message, size_t message_len,
                       const char* label, size_t label_len);
  static void OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands);
  static void OnCover(xlsaot_context* ctx, uint32_t index, const char* label, size_t label_len);
  static void OnAssumption(xlsaot_context* ctx, uint32_t index);

  const JitFunction& function_;
  ScratchBuffer scratch_;
  // Argument and result buffers; 64-bit words keep them 8-byte aligned,
  // which is the largest alignment of any layout.
  std::vector<std::vector<uint64_t>> inputs_;
  std::vector<uint64_t> output_;
  std::vector<const uint8_t*> input_ptrs_;
  xlsaot_context context_{};
  Events* events_ = nullptr;
};

}  // namespace xlsaot

#endif  // XLSAOT_JIT_JIT_FUNCTION_H_
