#include "bench/verilated_kernels.h"

#include <cstring>
#include <type_traits>

#include "Vadd8.h"
#include "Vcrc32.h"
#include "Vfp32_add.h"
#include "Vmatmul4.h"
#include "Vsha256_compress.h"
#include "verilated.h"

namespace xlsaot::bench {
namespace {

// Verilator stores a port of up to 64 bits in the smallest of uint8_t ..
// uint64_t and a wider one as 32-bit words, least significant first; the
// Verilog modules order the elements of every array port so that on a
// little-endian host this storage is byte for byte the ABI layout of the IR
// type. `kAbiBytes` (the ABI size of the parameter or result) makes the
// compiler check that the sizes agree.
template <size_t kAbiBytes, typename Port>
void SetPort(Port& port, const uint8_t* buffer) {
  static_assert(sizeof(Port) == kAbiBytes);
  std::memcpy(&port, buffer, kAbiBytes);
}

template <size_t kAbiBytes, typename Port>
void GetPort(const Port& port, uint8_t* buffer) {
  static_assert(sizeof(Port) == kAbiBytes);
  std::memcpy(buffer, &port, kAbiBytes);
}

// `Model` (a Verilated class) in a context of its own; `Ports` sets its
// inputs and reads its output: static void Set(Model&, const uint8_t* const*)
// and static void Get(const Model&, uint8_t*).
template <typename Model, typename Ports>
class VerilatedKernelOf final : public VerilatedKernel {
 public:
  VerilatedKernelOf() : context_(std::make_unique<VerilatedContext>()), model_(context_.get()) {}
  ~VerilatedKernelOf() override { model_.final(); }

  void Evaluate(const uint8_t* const* inputs, uint8_t* output) override {
    Ports::Set(model_, inputs);
    model_.eval();
    Ports::Get(model_, output);
  }

 private:
  std::unique_ptr<VerilatedContext> context_;
  Model model_;
};

struct Crc32Ports {
  static void Set(Vcrc32& m, const uint8_t* const* in) { SetPort<16>(m.message, in[0]); }
  static void Get(const Vcrc32& m, uint8_t* out) { GetPort<4>(m.result, out); }
};

struct Sha256CompressPorts {
  static void Set(Vsha256_compress& m, const uint8_t* const* in) {
    SetPort<32>(m.state, in[0]);
    SetPort<64>(m.block, in[1]);
  }
  static void Get(const Vsha256_compress& m, uint8_t* out) { GetPort<32>(m.next_state, out); }
};

struct Matmul4Ports {
  static void Set(Vmatmul4& m, const uint8_t* const* in) {
    SetPort<64>(m.a, in[0]);
    SetPort<64>(m.b, in[1]);
  }
  static void Get(const Vmatmul4& m, uint8_t* out) { GetPort<64>(m.c, out); }
};

struct Fp32AddPorts {
  static void Set(Vfp32_add& m, const uint8_t* const* in) {
    SetPort<4>(m.a, in[0]);
    SetPort<4>(m.b, in[1]);
  }
  static void Get(const Vfp32_add& m, uint8_t* out) { GetPort<4>(m.result, out); }
};

struct Add8Ports {
  static void Set(Vadd8& m, const uint8_t* const* in) {
    SetPort<1>(m.x, in[0]);
    SetPort<1>(m.y, in[1]);
  }
  static void Get(const Vadd8& m, uint8_t* out) { GetPort<1>(m.sum, out); }
};

}  // namespace

std::unique_ptr<VerilatedKernel> MakeVerilatedKernel(std::string_view name) {
  if (name == "crc32") return std::make_unique<VerilatedKernelOf<Vcrc32, Crc32Ports>>();
  if (name == "sha256_compress" || name == "sha256_compress_unrolled")
    return std::make_unique<VerilatedKernelOf<Vsha256_compress, Sha256CompressPorts>>();
  if (name == "matmul4") return std::make_unique<VerilatedKernelOf<Vmatmul4, Matmul4Ports>>();
  if (name == "fp32_add") return std::make_unique<VerilatedKernelOf<Vfp32_add, Fp32AddPorts>>();
  if (name == "add8") return std::make_unique<VerilatedKernelOf<Vadd8, Add8Ports>>();
  return nullptr;
}

}  // namespace xlsaot::bench
