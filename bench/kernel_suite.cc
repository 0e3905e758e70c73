#include "bench/kernel_suite.h"

#include <bit>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "codegen/type_layout.h"
#include "codegen/value_buffer.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "llvm/ADT/ArrayRef.h"

#ifndef XLSAOT_BENCH_KERNEL_DIR
#error "XLSAOT_BENCH_KERNEL_DIR must name the directory of the kernel IR files"
#endif

namespace xlsaot::bench {
namespace {

llvm::APInt RandomBits(int64_t bit_count, std::mt19937_64& rng) {
  std::vector<uint64_t> words(static_cast<size_t>((bit_count + 63) / 64) + 1);
  for (uint64_t& w : words) w = rng();
  // Words beyond the width are dropped.
  return llvm::APInt(static_cast<unsigned>(bit_count), llvm::ArrayRef<uint64_t>(words));
}

Value RandomValueFrom(const Type* type, std::mt19937_64& rng) {
  switch (type->kind()) {
    case TypeKind::kBits:
      return Value::Bits(RandomBits(type->bit_count(), rng));
    case TypeKind::kTuple: {
      std::vector<Value> elements;
      elements.reserve(type->elements().size());
      for (const Type* e : type->elements()) elements.push_back(RandomValueFrom(e, rng));
      return Value::Tuple(std::move(elements));
    }
    case TypeKind::kArray: {
      std::vector<Value> elements;
      elements.reserve(type->size());
      for (int64_t i = 0; i < type->size(); ++i) elements.push_back(RandomValueFrom(type->element(), rng));
      return Value::Array(std::move(elements));
    }
    case TypeKind::kToken:
      return Value::Token();
  }
  return Value();
}

std::vector<Value> RandomArgs(const Function& top, uint64_t index) {
  std::vector<Value> args;
  for (Node* param : top.params()) args.push_back(RandomValue(param->type(), index * 1000003 + args.size()));
  return args;
}

// Floats that exercise every path of the adder: ordinary operands of similar
// magnitude (so that subtraction cancels), far-apart exponents, zeros of both
// signs, subnormals, the largest finite values, infinities and NaNs, and raw
// random encodings. XLSAOT_BENCH_FP32_MIX=specials makes every operand a
// special value (zero, subnormal, extreme, infinite or NaN), =ordinary none:
// the two ends of the input distributions the rare-path branches meet.
uint32_t InterestingFloat(std::mt19937_64& rng, uint32_t partner) {
  static constexpr uint32_t kSpecial[] = {
      0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff,
      0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001, 0x3f800000, 0xbf800000, 0x34000000,
  };
  static const std::string mix = [] {
    const char* env = std::getenv("XLSAOT_BENCH_FP32_MIX");
    return std::string(env == nullptr ? "" : env);
  }();
  const uint32_t r = static_cast<uint32_t>(rng());
  uint64_t kind = rng() % 8;
  if (mix == "specials") kind = 0;
  if (mix == "ordinary") kind = 6 + kind % 2;
  switch (kind) {
    case 0:
      return kSpecial[rng() % std::size(kSpecial)];
    case 1:
    case 2:
      return r;
    case 3:
    case 4: {
      // Same exponent as the partner, or one off: heavy cancellation.
      const uint32_t exp = ((partner >> 23) & 0xff) + static_cast<uint32_t>(rng() % 3) - 1;
      return (r & 0x807fffff) | ((exp & 0xff) << 23);
    }
    case 5:
      // Exactly the partner negated, or with its last bits changed.
      return (partner ^ 0x80000000u) ^ static_cast<uint32_t>(rng() % 4);
    default: {
      // A normal number in a moderate range.
      const uint32_t exp = 100 + static_cast<uint32_t>(rng() % 56);
      return (r & 0x807fffff) | (exp << 23);
    }
  }
}

std::vector<Value> Fp32Args(const Function&, uint64_t index) {
  std::mt19937_64 rng(index * 0x9e3779b97f4a7c15ull + 7);
  const uint32_t a = InterestingFloat(rng, static_cast<uint32_t>(rng()));
  const uint32_t b = InterestingFloat(rng, a);
  return {Value::UBits(a, 32), Value::UBits(b, 32)};
}

}  // namespace

std::span<const KernelSpec> Kernels() {
  static const std::vector<KernelSpec> kernels = {
      {"crc32", &Crc32Entry, &RandomArgs},
      {"sha256_compress", &Sha256CompressEntry, &RandomArgs},
      {"sha256_compress_unrolled", &Sha256CompressEntry, &RandomArgs},
      {"matmul4", &Matmul4Entry, &RandomArgs},
      {"fp32_add", &Fp32AddEntry, &Fp32Args},
      {"add8", &Add8Entry, &RandomArgs},
  };
  return kernels;
}

const KernelSpec* FindKernel(std::string_view name) {
  for (const KernelSpec& spec : Kernels())
    if (spec.name == name) return &spec;
  return nullptr;
}

std::string KernelDirectory() {
  // The environment may point at modified copies of the kernels, to measure
  // what a change to one of them is worth.
  const char* overridden = std::getenv("XLSAOT_BENCH_KERNEL_DIR");
  return overridden != nullptr && *overridden != '\0' ? overridden : XLSAOT_BENCH_KERNEL_DIR;
}

Result<LoadedKernel> LoadIr(std::string_view text, std::string_view filename) {
  LoadedKernel kernel;
  XLSAOT_ASSIGN_OR_RETURN(kernel.package, ParsePackage(text, filename));
  XLSAOT_RETURN_IF_ERROR(VerifyPackage(*kernel.package));
  XLSAOT_ASSIGN_OR_RETURN(Function * top, kernel.package->ResolveTopFunction());
  kernel.top = top;
  return kernel;
}

Result<LoadedKernel> LoadKernel(const KernelSpec& spec) {
  const std::string path = KernelDirectory() + "/" + spec.name + ".ir";
  std::ifstream file(path, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kNotFound, path + ": cannot open kernel IR file");
  std::stringstream text;
  text << file.rdbuf();
  XLSAOT_ASSIGN_OR_RETURN(LoadedKernel kernel, LoadIr(text.str(), path));
  if (kernel.top->name() != spec.name)
    return MakeError(ErrorCode::kInvalidArgument, path + ": top function is '" + kernel.top->name() +
                                                      "', expected '" + spec.name + "'");
  return kernel;
}

CodegenOptions AtOptLevel(int opt_level) {
  CodegenOptions options;
  options.opt_level = opt_level;
  // The environment may name a CPU to compile for instead of the host's
  // ("x86-64" is the ahead-of-time compiler's portable baseline), and a
  // budget for unrolling loops and a number of rare-path conditions, to see
  // what each is worth.
  const char* cpu = std::getenv("XLSAOT_BENCH_CPU");
  if (cpu != nullptr && *cpu != '\0') options.cpu = cpu;
  const char* unroll = std::getenv("XLSAOT_BENCH_FULL_UNROLL_NODES");
  if (unroll != nullptr && *unroll != '\0') options.full_unroll_nodes = std::atoll(unroll);
  const char* rare = std::getenv("XLSAOT_BENCH_RARE_PATH_CONDITIONS");
  if (rare != nullptr && *rare != '\0') options.rare_paths.max_conditions = std::atoi(rare);
  return options;
}

Value RandomValue(const Type* type, uint64_t seed) {
  std::mt19937_64 rng(seed);
  return RandomValueFrom(type, rng);
}

AbiCall AbiCall::Make(const Function& function, std::span<const Value> args) {
  AbiCall call;
  for (size_t i = 0; i < args.size(); ++i) {
    const Type* type = function.param(i)->type();
    call.inputs_.emplace_back(static_cast<size_t>(CachedLayout(type).size + 7) / 8 + 1);
    WriteValueToBuffer(args[i], type, reinterpret_cast<uint8_t*>(call.inputs_.back().data()));
  }
  for (auto& buffer : call.inputs_) call.input_ptrs_.push_back(reinterpret_cast<const uint8_t*>(buffer.data()));
  call.return_type_ = function.return_node()->type();
  call.output_storage_.resize(static_cast<size_t>(CachedLayout(call.return_type_).size + 7) / 8 + 1);
  call.output_ptr_ = reinterpret_cast<uint8_t*>(call.output_storage_.data());
  return call;
}

Value AbiCall::ReadResult() const { return ReadValueFromBuffer(return_type_, output_ptr_); }

}  // namespace xlsaot::bench
