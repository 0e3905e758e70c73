// Module-wide state and emitters shared by the lowering of every function of
// one compiled module: LLVM types, constant data, the small runtime
// functions the lowering emits into the module itself (so compiled code needs
// no library of ours), and structured loops.
#ifndef XLSAOT_CODEGEN_MODULE_EMITTER_H_
#define XLSAOT_CODEGEN_MODULE_EMITTER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/lowering.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

namespace xlsaot::codegen {

using Builder = llvm::IRBuilder<>;

class ModuleEmitter {
 public:
  ModuleEmitter(llvm::Module& module, const CodegenOptions& options);

  llvm::Module& module() { return module_; }
  llvm::LLVMContext& context() { return module_.getContext(); }
  const CodegenOptions& options() const { return options_; }

  // iN for N >= 1.
  llvm::IntegerType* IntType(int64_t bits) const;
  llvm::PointerType* PtrType() const;
  llvm::IntegerType* I64() const { return IntType(64); }
  llvm::IntegerType* I32() const { return IntType(32); }
  llvm::IntegerType* I8() const { return IntType(8); }
  llvm::IntegerType* I1() const { return IntType(1); }

  // Bits values up to this width are kept in SSA registers and passed by
  // value between generated functions; wider ones live in memory.
  int64_t max_register_bits() const { return max_register_bits_; }

  // A private constant holding `bytes` (deduplicated), aligned to `alignment`.
  llvm::Constant* ConstantBytes(std::span<const uint8_t> bytes, int64_t alignment);
  // A private constant string (not NUL-terminated; deduplicated).
  llvm::Constant* ConstantString(std::string_view text);

  // void xlsaot.or_masked(ptr dst, ptr src, i64 bytes, i8 mask):
  //   dst[i] |= src[i] & mask.
  llvm::Function* OrMaskedFunction();
  // void xlsaot.mul_words(ptr dst, ptr a, ptr b, i64 words): the low
  // `words` 64-bit words of a * b (dst must not overlap a or b).
  llvm::Function* MulWordsFunction();
  // void xlsaot.udivrem_words(ptr q, ptr r, ptr t, ptr a, ptr b, i64 words):
  // q = a / b and r = a % b on `words` 64-bit words (b non-zero; t is
  // scratch of the same size; no buffer overlaps another).
  llvm::Function* UDivRemWordsFunction();
  // void xlsaot.shift_words(ptr dst, ptr src, i64 words, i64 amount, i32 kind):
  // dst = src shifted by amount < 64 * words bits; kind 0 shifts left, 1
  // right with zeros, 2 right with copies of the top bit.
  llvm::Function* ShiftWordsFunction();
  // Cold routines that reach the context callbacks (NULL-safe):
  //   void xlsaot.assert_failed(ptr ctx, i32 index, ptr msg, i64 len, ptr label, i64 len)
  //   void xlsaot.trace(ptr ctx, i32 index, ptr operands)
  //   void xlsaot.cover(ptr ctx, i32 index, ptr label, i64 len)
  llvm::Function* AssertFunction();
  llvm::Function* TraceFunction();
  llvm::Function* CoverFunction();
  //   void xlsaot.assumption(ptr ctx, i32 index)
  llvm::Function* AssumptionFunction();

  // Emits `for (i = 0; i < count; ++i) body(i, carried)` at the builder's
  // insertion point, with loop-carried values (`initial`, updated by the
  // values `body` returns). Leaves the builder after the loop and returns the
  // final carried values. `count` is an i64 value. With `unroll_fully`, the
  // loop asks LLVM's unroller to unroll it completely (its count must then
  // be a constant).
  using LoopBody = std::function<std::vector<llvm::Value*>(Builder&, llvm::Value* index,
                                                           std::span<llvm::Value* const> carried)>;
  std::vector<llvm::Value*> EmitLoop(Builder& b, llvm::Value* count,
                                     const std::vector<llvm::Value*>& initial, const LoopBody& body,
                                     bool unroll_fully = false);

 private:
  llvm::Function* NewRoutine(const char* name, llvm::Type* result,
                             const std::vector<llvm::Type*>& params);
  llvm::Function* CallbackRoutine(const char* name, int slot,
                                  const std::vector<llvm::Type*>& params);

  llvm::Module& module_;
  const CodegenOptions& options_;
  int64_t max_register_bits_;
  std::map<std::pair<std::string, int64_t>, llvm::Constant*> constant_bytes_;
  std::map<std::string, llvm::Constant*, std::less<>> constant_strings_;
  llvm::Function* or_masked_ = nullptr;
  llvm::Function* mul_words_ = nullptr;
  llvm::Function* udivrem_words_ = nullptr;
  llvm::Function* shift_words_ = nullptr;
  llvm::Function* assert_ = nullptr;
  llvm::Function* trace_ = nullptr;
  llvm::Function* cover_ = nullptr;
  llvm::Function* assumption_ = nullptr;
};

}  // namespace xlsaot::codegen

#endif  // XLSAOT_CODEGEN_MODULE_EMITTER_H_
