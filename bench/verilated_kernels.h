// Verilator models of the benchmark kernels (bench/verilog/*.sv) behind the
// calling shape of the C++ versions, for the benchmarks and for the test
// that checks them against the C++. Built only when CMake finds Verilator;
// code using it is then compiled with XLSAOT_BENCH_VERILATOR=1.
#ifndef XLSAOT_BENCH_VERILATED_KERNELS_H_
#define XLSAOT_BENCH_VERILATED_KERNELS_H_

#include <cstdint>
#include <memory>
#include <string_view>

namespace xlsaot::bench {

// One Verilated model with its own simulation context.
class VerilatedKernel {
 public:
  virtual ~VerilatedKernel() = default;
  // Sets the model's input ports from the ABI buffers `inputs` (one per
  // parameter of the kernel's IR), evaluates the model and copies its output
  // port into the ABI buffer `output`.
  virtual void Evaluate(const uint8_t* const* inputs, uint8_t* output) = 0;
};

// The model of the kernel named `name` (kernel_suite.h), or nullptr when
// there is none. Both SHA-256 formulations share one model, as they share
// one C++ version.
std::unique_ptr<VerilatedKernel> MakeVerilatedKernel(std::string_view name);

}  // namespace xlsaot::bench

#endif  // XLSAOT_BENCH_VERILATED_KERNELS_H_
