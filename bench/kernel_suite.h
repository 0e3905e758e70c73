// The benchmark kernels: where their IR lives, how to make inputs for them,
// and how to call them with buffers in the ABI layout. Shared by the
// benchmarks and by the test that checks IR and C++ agree.
#ifndef XLSAOT_BENCH_KERNEL_SUITE_H_
#define XLSAOT_BENCH_KERNEL_SUITE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bench/native_kernels.h"
#include "codegen/lowering.h"
#include "ir/function.h"
#include "ir/package.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot::bench {

// One kernel: bench/kernels/<name>.ir, whose top function is also <name>,
// and the hand-written C++ of the same algorithm.
struct KernelSpec {
  std::string name;
  NativeEntry native;
  // Arguments of call number `index` of a fixed pseudo-random sequence, so
  // that every backend sees the same inputs.
  std::vector<Value> (*make_args)(const Function& top, uint64_t index);
};

std::span<const KernelSpec> Kernels();
// nullptr when there is no kernel of that name.
const KernelSpec* FindKernel(std::string_view name);

// Directory holding the kernel IR files: $XLSAOT_BENCH_KERNEL_DIR when set,
// else bench/kernels of the source tree.
std::string KernelDirectory();

struct LoadedKernel {
  std::unique_ptr<Package> package;
  const Function* top = nullptr;
};

// Parses and verifies IR text and resolves its top function.
Result<LoadedKernel> LoadIr(std::string_view text, std::string_view filename);
// Reads, parses and verifies the kernel's IR file.
Result<LoadedKernel> LoadKernel(const KernelSpec& spec);

// Default code generation options at LLVM optimisation level `opt_level`.
CodegenOptions AtOptLevel(int opt_level);

// A value of type `type` with every bit drawn from `seed`'s sequence.
Value RandomValue(const Type* type, uint64_t seed);

// Argument and result buffers of one call in the ABI layout, 8-byte aligned
// (the largest alignment any layout needs). Move-only: the pointer arrays
// point into the buffers.
class AbiCall {
 public:
  // `args` must match the signature of `function` (checked by the callers'
  // own runs through the interpreter).
  static AbiCall Make(const Function& function, std::span<const Value> args);

  AbiCall(AbiCall&&) = default;
  AbiCall& operator=(AbiCall&&) = default;
  AbiCall(const AbiCall&) = delete;
  AbiCall& operator=(const AbiCall&) = delete;

  const uint8_t* const* inputs() const { return input_ptrs_.data(); }
  uint8_t* const* outputs() { return &output_ptr_; }
  uint8_t* output() { return output_ptr_; }
  Value ReadResult() const;

 private:
  AbiCall() = default;

  const Type* return_type_ = nullptr;
  std::vector<std::vector<uint64_t>> inputs_;
  std::vector<const uint8_t*> input_ptrs_;
  std::vector<uint64_t> output_storage_;
  uint8_t* output_ptr_ = nullptr;
};

}  // namespace xlsaot::bench

#endif  // XLSAOT_BENCH_KERNEL_SUITE_H_
