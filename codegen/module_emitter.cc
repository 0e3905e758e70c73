#include "codegen/module_emitter.h"

#include <algorithm>

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Intrinsics.h"

namespace xlsaot::codegen {

ModuleEmitter::ModuleEmitter(llvm::Module& module, const CodegenOptions& options)
    : module_(module), options_(options) {
  // Values that fit the stack cutoff stay in registers; 64 bits always do.
  max_register_bits_ = std::max<int64_t>(64, options.stack_cutoff_bytes * 8);
}

llvm::IntegerType* ModuleEmitter::IntType(int64_t bits) const {
  return llvm::IntegerType::get(module_.getContext(), static_cast<unsigned>(bits));
}

llvm::PointerType* ModuleEmitter::PtrType() const {
  return llvm::PointerType::get(module_.getContext(), 0);
}

llvm::Constant* ModuleEmitter::ConstantBytes(std::span<const uint8_t> bytes, int64_t alignment) {
  std::string key(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  auto it = constant_bytes_.find({key, alignment});
  if (it != constant_bytes_.end()) return it->second;
  llvm::Constant* data = llvm::ConstantDataArray::get(
      context(), llvm::ArrayRef<uint8_t>(bytes.data(), bytes.size()));
  auto* global = new llvm::GlobalVariable(module_, data->getType(), /*isConstant=*/true,
                                          llvm::GlobalValue::PrivateLinkage, data, "xlsaot.const");
  global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  global->setAlignment(llvm::Align(static_cast<uint64_t>(alignment)));
  constant_bytes_.emplace(std::make_pair(std::move(key), alignment), global);
  return global;
}

llvm::Constant* ModuleEmitter::ConstantString(std::string_view text) {
  auto it = constant_strings_.find(text);
  if (it != constant_strings_.end()) return it->second;
  llvm::Constant* data = llvm::ConstantDataArray::getString(context(), text, /*AddNull=*/false);
  auto* global = new llvm::GlobalVariable(module_, data->getType(), /*isConstant=*/true,
                                          llvm::GlobalValue::PrivateLinkage, data, "xlsaot.str");
  global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  global->setAlignment(llvm::Align(1));
  constant_strings_.emplace(std::string(text), global);
  return global;
}

llvm::Function* ModuleEmitter::NewRoutine(const char* name, llvm::Type* result,
                                         const std::vector<llvm::Type*>& params) {
  auto* type = llvm::FunctionType::get(result, params, /*isVarArg=*/false);
  auto* fn = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, name, module_);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  return fn;
}

std::vector<llvm::Value*> ModuleEmitter::EmitLoop(Builder& b, llvm::Value* count,
                                                  const std::vector<llvm::Value*>& initial,
                                                  const LoopBody& body, bool unroll_fully) {
  llvm::LLVMContext& ctx = context();
  llvm::BasicBlock* pre = b.GetInsertBlock();
  llvm::Function* fn = pre->getParent();
  auto* header = llvm::BasicBlock::Create(ctx, "loop", fn);
  auto* loop_body = llvm::BasicBlock::Create(ctx, "loop.body", fn);
  auto* exit = llvm::BasicBlock::Create(ctx, "loop.exit", fn);
  b.CreateBr(header);

  b.SetInsertPoint(header);
  llvm::PHINode* index = b.CreatePHI(I64(), 2, "i");
  index->addIncoming(llvm::ConstantInt::get(I64(), 0), pre);
  std::vector<llvm::PHINode*> phis;
  std::vector<llvm::Value*> carried;
  for (llvm::Value* v : initial) {
    llvm::PHINode* phi = b.CreatePHI(v->getType(), 2);
    phi->addIncoming(v, pre);
    phis.push_back(phi);
    carried.push_back(phi);
  }
  b.CreateCondBr(b.CreateICmpULT(index, count), loop_body, exit);

  b.SetInsertPoint(loop_body);
  std::vector<llvm::Value*> next = body(b, index, carried);
  llvm::Value* next_index = b.CreateAdd(index, llvm::ConstantInt::get(I64(), 1));
  llvm::BasicBlock* latch = b.GetInsertBlock();
  llvm::BranchInst* back_edge = b.CreateBr(header);
  if (unroll_fully) {
    // A distinct self-referential loop ID carrying the unroll request, as
    // `#pragma unroll` produces it.
    llvm::Metadata* request = llvm::MDNode::get(ctx, llvm::MDString::get(ctx, "llvm.loop.unroll.full"));
    llvm::MDNode* id = llvm::MDNode::getDistinct(ctx, {nullptr, request});
    id->replaceOperandWith(0, id);
    back_edge->setMetadata(llvm::LLVMContext::MD_loop, id);
  }
  index->addIncoming(next_index, latch);
  for (size_t i = 0; i < phis.size(); ++i) phis[i]->addIncoming(next[i], latch);

  b.SetInsertPoint(exit);
  return carried;
}

llvm::Function* ModuleEmitter::OrMaskedFunction() {
  if (or_masked_ != nullptr) return or_masked_;
  or_masked_ = NewRoutine("xlsaot.or_masked", llvm::Type::getVoidTy(context()),
                         {PtrType(), PtrType(), I64(), I8()});
  llvm::Function* fn = or_masked_;
  Builder b(llvm::BasicBlock::Create(context(), "entry", fn));
  llvm::Value* dst = fn->getArg(0);
  llvm::Value* src = fn->getArg(1);
  llvm::Value* mask = fn->getArg(3);
  EmitLoop(b, fn->getArg(2), {}, [&](Builder& b, llvm::Value* i, auto) {
    llvm::Value* d = b.CreateInBoundsGEP(I8(), dst, i);
    llvm::Value* s = b.CreateInBoundsGEP(I8(), src, i);
    llvm::Value* bits = b.CreateAnd(b.CreateLoad(I8(), s), mask);
    b.CreateStore(b.CreateOr(b.CreateLoad(I8(), d), bits), d);
    return std::vector<llvm::Value*>{};
  });
  b.CreateRetVoid();
  return fn;
}

llvm::Function* ModuleEmitter::MulWordsFunction() {
  if (mul_words_ != nullptr) return mul_words_;
  mul_words_ = NewRoutine("xlsaot.mul_words", llvm::Type::getVoidTy(context()),
                         {PtrType(), PtrType(), PtrType(), I64()});
  llvm::Function* fn = mul_words_;
  fn->addParamAttr(0, llvm::Attribute::NoAlias);
  Builder b(llvm::BasicBlock::Create(context(), "entry", fn));
  llvm::Value* dst = fn->getArg(0);
  llvm::Value* a = fn->getArg(1);
  llvm::Value* bw = fn->getArg(2);
  llvm::Value* n = fn->getArg(3);
  llvm::IntegerType* i128 = IntType(128);
  const llvm::Align align8(8);
  b.CreateMemSet(dst, b.getInt8(0), b.CreateMul(n, b.getInt64(8)), align8);
  // Schoolbook multiplication truncated to n words: row i adds a[i] * b
  // into dst starting at word i.
  EmitLoop(b, n, {}, [&](Builder& b, llvm::Value* i, auto) {
    llvm::Value* ai = b.CreateZExt(b.CreateAlignedLoad(I64(), b.CreateInBoundsGEP(I64(), a, i), align8), i128);
    EmitLoop(b, b.CreateSub(n, i), {b.getInt64(0)},
             [&](Builder& b, llvm::Value* j, std::span<llvm::Value* const> carry) {
               llvm::Value* slot = b.CreateInBoundsGEP(I64(), dst, b.CreateAdd(i, j));
               llvm::Value* bj = b.CreateZExt(
                   b.CreateAlignedLoad(I64(), b.CreateInBoundsGEP(I64(), bw, j), align8), i128);
               llvm::Value* t = b.CreateMul(ai, bj);
               t = b.CreateAdd(t, b.CreateZExt(b.CreateAlignedLoad(I64(), slot, align8), i128));
               t = b.CreateAdd(t, b.CreateZExt(carry[0], i128));
               b.CreateAlignedStore(b.CreateTrunc(t, I64()), slot, align8);
               return std::vector<llvm::Value*>{b.CreateTrunc(b.CreateLShr(t, 64), I64())};
             });
    return std::vector<llvm::Value*>{};
  });
  b.CreateRetVoid();
  return fn;
}

llvm::Function* ModuleEmitter::UDivRemWordsFunction() {
  if (udivrem_words_ != nullptr) return udivrem_words_;
  llvm::Type* ptr = PtrType();
  udivrem_words_ = NewRoutine("xlsaot.udivrem_words", llvm::Type::getVoidTy(context()),
                             {ptr, ptr, ptr, ptr, ptr, I64()});
  llvm::Function* fn = udivrem_words_;
  for (unsigned i = 0; i < 5; ++i) fn->addParamAttr(i, llvm::Attribute::NoAlias);
  llvm::Value* q = fn->getArg(0);
  llvm::Value* r = fn->getArg(1);
  llvm::Value* t = fn->getArg(2);
  llvm::Value* a = fn->getArg(3);
  llvm::Value* d = fn->getArg(4);
  llvm::Value* n = fn->getArg(5);
  llvm::LLVMContext& ctx = context();
  const llvm::Align align8(8);
  Builder b(llvm::BasicBlock::Create(ctx, "entry", fn));
  llvm::Value* bytes = b.CreateMul(n, b.getInt64(8));
  b.CreateMemSet(q, b.getInt8(0), bytes, align8);
  b.CreateMemSet(r, b.getInt8(0), bytes, align8);
  auto word = [&](Builder& b, llvm::Value* base, llvm::Value* i) { return b.CreateInBoundsGEP(I64(), base, i); };
  // Leading zero words of the dividend contribute nothing: start at the
  // highest non-zero one.
  std::vector<llvm::Value*> top = EmitLoop(b, n, {b.getInt64(0)}, [&](Builder& b, llvm::Value* i, std::span<llvm::Value* const> c) {
    llvm::Value* nonzero = b.CreateIsNotNull(b.CreateAlignedLoad(I64(), word(b, a, i), align8));
    return std::vector<llvm::Value*>{b.CreateSelect(nonzero, b.CreateAdd(i, b.getInt64(1)), c[0])};
  });
  llvm::Value* bits = b.CreateMul(top[0], b.getInt64(64));
  // Restoring long division, one dividend bit at a time from the top.
  EmitLoop(b, bits, {}, [&](Builder& b, llvm::Value* k, std::span<llvm::Value* const>) {
    llvm::Value* bit = b.CreateSub(b.CreateSub(bits, k), b.getInt64(1));
    llvm::Value* index = b.CreateLShr(bit, 6);
    llvm::Value* shift = b.CreateAnd(bit, 63);
    llvm::Value* in = b.CreateAnd(b.CreateLShr(b.CreateAlignedLoad(I64(), word(b, a, index), align8), shift), 1);
    // r = r << 1 | in
    EmitLoop(b, n, {in}, [&](Builder& b, llvm::Value* j, std::span<llvm::Value* const> carry) {
      llvm::Value* slot = word(b, r, j);
      llvm::Value* v = b.CreateAlignedLoad(I64(), slot, align8);
      b.CreateAlignedStore(b.CreateOr(b.CreateShl(v, 1), carry[0]), slot, align8);
      return std::vector<llvm::Value*>{b.CreateLShr(v, 63)};
    });
    // t = r - d; no final borrow means r >= d.
    std::vector<llvm::Value*> borrow = EmitLoop(
        b, n, {b.getInt64(0)}, [&](Builder& b, llvm::Value* j, std::span<llvm::Value* const> c) {
          llvm::Value* x = b.CreateAlignedLoad(I64(), word(b, r, j), align8);
          llvm::Value* y = b.CreateAlignedLoad(I64(), word(b, d, j), align8);
          b.CreateAlignedStore(b.CreateSub(b.CreateSub(x, y), c[0]), word(b, t, j), align8);
          llvm::Value* out = b.CreateOr(b.CreateICmpULT(x, y), b.CreateAnd(b.CreateICmpEQ(x, y), b.CreateIsNotNull(c[0])));
          return std::vector<llvm::Value*>{b.CreateZExt(out, I64())};
        });
    auto* take = llvm::BasicBlock::Create(ctx, "take", fn);
    auto* next = llvm::BasicBlock::Create(ctx, "next", fn);
    b.CreateCondBr(b.CreateIsNull(borrow[0]), take, next);
    b.SetInsertPoint(take);
    b.CreateMemCpy(r, align8, t, align8, bytes);
    llvm::Value* q_slot = word(b, q, index);
    b.CreateAlignedStore(b.CreateOr(b.CreateAlignedLoad(I64(), q_slot, align8), b.CreateShl(b.getInt64(1), shift)),
                         q_slot, align8);
    b.CreateBr(next);
    b.SetInsertPoint(next);
    return std::vector<llvm::Value*>{};
  });
  b.CreateRetVoid();
  return fn;
}

llvm::Function* ModuleEmitter::ShiftWordsFunction() {
  if (shift_words_ != nullptr) return shift_words_;
  llvm::Type* ptr = PtrType();
  shift_words_ = NewRoutine("xlsaot.shift_words", llvm::Type::getVoidTy(context()), {ptr, ptr, I64(), I64(), I32()});
  llvm::Function* fn = shift_words_;
  fn->addParamAttr(0, llvm::Attribute::NoAlias);
  llvm::Value* dst = fn->getArg(0);
  llvm::Value* src = fn->getArg(1);
  llvm::Value* n = fn->getArg(2);
  llvm::Value* amount = fn->getArg(3);
  llvm::Value* kind = fn->getArg(4);
  const llvm::Align align8(8);
  Builder b(llvm::BasicBlock::Create(context(), "entry", fn));
  llvm::Value* words = b.CreateLShr(amount, 6);
  llvm::Value* bits = b.CreateAnd(amount, 63);
  llvm::Value* left = b.CreateICmpEQ(kind, b.getInt32(0));
  llvm::Value* top = b.CreateAlignedLoad(I64(), b.CreateInBoundsGEP(I64(), src, b.CreateSub(n, b.getInt64(1))), align8);
  llvm::Value* fill = b.CreateSelect(b.CreateICmpEQ(kind, b.getInt32(2)), b.CreateAShr(top, 63), b.getInt64(0));
  // Word `index` of the source, or `outside` when index is not in [0, n).
  auto source_word = [&](Builder& b, llvm::Value* index, llvm::Value* outside) {
    llvm::Value* inside = b.CreateICmpULT(index, n);
    llvm::Value* safe = b.CreateSelect(inside, index, b.getInt64(0));
    llvm::Value* v = b.CreateAlignedLoad(I64(), b.CreateInBoundsGEP(I64(), src, safe), align8);
    return b.CreateSelect(inside, v, outside);
  };
  EmitLoop(b, n, {}, [&](Builder& b, llvm::Value* i, std::span<llvm::Value* const>) {
    // Left: dst[i] takes src[i - words] and the top bits of the word below
    // it; right: src[i + words] and the low bits of the word above it.
    // (Indices below zero wrap to huge values and count as outside.)
    llvm::Value* cur_l = source_word(b, b.CreateSub(i, words), b.getInt64(0));
    llvm::Value* prev_l = source_word(b, b.CreateSub(b.CreateSub(i, words), b.getInt64(1)), b.getInt64(0));
    llvm::Value* shl = b.CreateIntrinsic(llvm::Intrinsic::fshl, {I64()}, {cur_l, prev_l, bits});
    llvm::Value* lo_r = source_word(b, b.CreateAdd(i, words), fill);
    llvm::Value* hi_r = source_word(b, b.CreateAdd(b.CreateAdd(i, words), b.getInt64(1)), fill);
    llvm::Value* shr = b.CreateIntrinsic(llvm::Intrinsic::fshr, {I64()}, {hi_r, lo_r, bits});
    b.CreateAlignedStore(b.CreateSelect(left, shl, shr), b.CreateInBoundsGEP(I64(), dst, i), align8);
    return std::vector<llvm::Value*>{};
  });
  b.CreateRetVoid();
  return fn;
}

// The routine loads callback `slot` of the xlsaot_context (pointers:
// on_assert, on_trace, on_cover, user_data, on_assumption) and calls it with the routine's
// own arguments when both the context and the callback are non-null.
llvm::Function* ModuleEmitter::CallbackRoutine(const char* name, int slot,
                                              const std::vector<llvm::Type*>& params) {
  llvm::Function* fn = NewRoutine(name, llvm::Type::getVoidTy(context()), params);
  fn->addFnAttr(llvm::Attribute::Cold);
  fn->addFnAttr(llvm::Attribute::NoInline);
  llvm::LLVMContext& ctx = context();
  auto* entry = llvm::BasicBlock::Create(ctx, "entry", fn);
  auto* load = llvm::BasicBlock::Create(ctx, "load", fn);
  auto* call = llvm::BasicBlock::Create(ctx, "call", fn);
  auto* done = llvm::BasicBlock::Create(ctx, "done", fn);
  Builder b(entry);
  llvm::Value* context_ptr = fn->getArg(0);
  b.CreateCondBr(b.CreateIsNull(context_ptr), done, load);
  b.SetInsertPoint(load);
  llvm::Value* callback = b.CreateAlignedLoad(
      PtrType(), b.CreateConstInBoundsGEP1_64(I8(), context_ptr, 8 * static_cast<uint64_t>(slot)), llvm::Align(8));
  b.CreateCondBr(b.CreateIsNull(callback), done, call);
  b.SetInsertPoint(call);
  std::vector<llvm::Value*> args;
  for (llvm::Argument& arg : fn->args()) args.push_back(&arg);
  b.CreateCall(fn->getFunctionType(), callback, args);
  b.CreateBr(done);
  b.SetInsertPoint(done);
  b.CreateRetVoid();
  return fn;
}

llvm::Function* ModuleEmitter::AssertFunction() {
  if (assert_ == nullptr)
    assert_ = CallbackRoutine("xlsaot.assert_failed", 0,
                             {PtrType(), I32(), PtrType(), I64(), PtrType(), I64()});
  return assert_;
}

llvm::Function* ModuleEmitter::TraceFunction() {
  if (trace_ == nullptr) trace_ = CallbackRoutine("xlsaot.trace", 1, {PtrType(), I32(), PtrType()});
  return trace_;
}

llvm::Function* ModuleEmitter::AssumptionFunction() {
  // Slot 4 of the context exists in every context this ABI defines, and is
  // read only by code whose feature bits say so (XLSAOT_FEATURE_ASSUMPTION).
  if (assumption_ == nullptr) assumption_ = CallbackRoutine("xlsaot.assumption", 4, {PtrType(), I32()});
  return assumption_;
}

llvm::Function* ModuleEmitter::CoverFunction() {
  if (cover_ == nullptr)
    cover_ = CallbackRoutine("xlsaot.cover", 2, {PtrType(), I32(), PtrType(), I64()});
  return cover_;
}

}  // namespace xlsaot::codegen
