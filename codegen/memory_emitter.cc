#include "codegen/memory_emitter.h"

#include <algorithm>

#include "codegen/type_layout.h"
#include "llvm/IR/Constants.h"

namespace xlsaot::codegen {
namespace {

// Arrays up to this many elements are handled element by element in
// straight-line code; longer ones get a loop so that code size does not
// grow with the array.
constexpr int64_t kMaxUnrolledElements = 4;

llvm::Align AlignOf(const Type* t) { return llvm::Align(static_cast<uint64_t>(CachedLayout(t).alignment)); }

}  // namespace

llvm::Value* ByteOffset(Builder& b, llvm::Value* ptr, int64_t offset) {
  if (offset == 0) return ptr;
  return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), ptr, static_cast<uint64_t>(offset));
}

llvm::Value* ByteOffset(Builder& b, llvm::Value* ptr, llvm::Value* offset) {
  return b.CreateInBoundsGEP(b.getInt8Ty(), ptr, offset);
}

llvm::Value* LoadBits(const ModuleEmitter& m, Builder& b, llvm::Value* ptr, const Type* t) {
  const int64_t w = t->bit_count();
  if (w == 0) return nullptr;
  const TypeLayout& layout = CachedLayout(t);
  llvm::Value* container = b.CreateAlignedLoad(m.IntType(layout.container_bytes * 8), ptr, AlignOf(t));
  // Truncation drops the container's padding bits, whatever they hold.
  if (layout.container_bytes * 8 == w) return container;
  return b.CreateTrunc(container, m.IntType(w));
}

void StoreBits(const ModuleEmitter& m, Builder& b, llvm::Value* v, llvm::Value* ptr, const Type* t) {
  const int64_t w = t->bit_count();
  if (w == 0) return;
  const TypeLayout& layout = CachedLayout(t);
  llvm::Value* container = v;
  if (layout.container_bytes * 8 != w) container = b.CreateZExt(v, m.IntType(layout.container_bytes * 8));
  b.CreateAlignedStore(container, ptr, AlignOf(t));
}

void CopyValue(Builder& b, llvm::Value* dst, llvm::Value* src, const Type* t) {
  const int64_t size = CachedLayout(t).size;
  if (size == 0 || dst == src) return;
  b.CreateMemCpy(dst, AlignOf(t), src, AlignOf(t), static_cast<uint64_t>(size));
}

llvm::Value* EmitEqual(ModuleEmitter& m, Builder& b, llvm::Value* x, llvm::Value* y, const Type* t) {
  switch (t->kind()) {
    case TypeKind::kBits:
      if (t->bit_count() == 0) return b.getInt1(true);
      return b.CreateICmpEQ(LoadBits(m, b, x, t), LoadBits(m, b, y, t));
    case TypeKind::kToken:
      return b.getInt1(true);
    case TypeKind::kTuple: {
      const TypeLayout& layout = CachedLayout(t);
      llvm::Value* all = b.getInt1(true);
      for (size_t i = 0; i < t->elements().size(); ++i) {
        const int64_t offset = layout.element_offsets[i];
        all = b.CreateAnd(all, EmitEqual(m, b, ByteOffset(b, x, offset), ByteOffset(b, y, offset),
                                         t->elements()[i]));
      }
      return all;
    }
    case TypeKind::kArray: {
      const Type* e = t->element();
      const int64_t stride = CachedLayout(t).element_stride;
      if (t->size() == 0 || stride == 0) return b.getInt1(true);
      if (t->size() <= kMaxUnrolledElements) {
        llvm::Value* all = b.getInt1(true);
        for (int64_t i = 0; i < t->size(); ++i)
          all = b.CreateAnd(all, EmitEqual(m, b, ByteOffset(b, x, i * stride), ByteOffset(b, y, i * stride), e));
        return all;
      }
      std::vector<llvm::Value*> result = m.EmitLoop(
          b, b.getInt64(static_cast<uint64_t>(t->size())), {b.getInt1(true)},
          [&](Builder& b, llvm::Value* i, std::span<llvm::Value* const> carried) {
            llvm::Value* offset = b.CreateMul(i, b.getInt64(static_cast<uint64_t>(stride)));
            llvm::Value* eq = EmitEqual(m, b, ByteOffset(b, x, offset), ByteOffset(b, y, offset), e);
            return std::vector<llvm::Value*>{b.CreateAnd(carried[0], eq)};
          });
      return result[0];
    }
  }
  return b.getInt1(false);
}

void EmitClearPadding(ModuleEmitter& m, Builder& b, llvm::Value* ptr, const Type* t) {
  if (LayoutIsDense(t)) return;
  const TypeLayout& layout = CachedLayout(t);
  switch (t->kind()) {
    case TypeKind::kBits: {
      // Only the last container word holds padding.
      const int64_t w = t->bit_count();
      const int64_t word_bytes = std::min<int64_t>(layout.container_bytes, 8);
      const int64_t last = layout.container_bytes - word_bytes;
      const int64_t used = w - last * 8;
      llvm::IntegerType* word_type = m.IntType(word_bytes * 8);
      llvm::Value* word_ptr = ByteOffset(b, ptr, last);
      const llvm::Align align(static_cast<uint64_t>(word_bytes));
      llvm::Value* word = b.CreateAlignedLoad(word_type, word_ptr, align);
      llvm::Value* mask = llvm::ConstantInt::get(
          m.context(), llvm::APInt::getLowBitsSet(static_cast<unsigned>(word_bytes * 8), static_cast<unsigned>(used)));
      b.CreateAlignedStore(b.CreateAnd(word, mask), word_ptr, align);
      return;
    }
    case TypeKind::kToken:
      return;
    case TypeKind::kTuple: {
      int64_t end = 0;  // end of the previous element
      auto clear_gap = [&](int64_t from, int64_t to) {
        if (to > from)
          b.CreateMemSet(ByteOffset(b, ptr, from), b.getInt8(0), static_cast<uint64_t>(to - from), llvm::Align(1));
      };
      for (size_t i = 0; i < t->elements().size(); ++i) {
        const Type* e = t->elements()[i];
        const int64_t offset = layout.element_offsets[i];
        clear_gap(end, offset);
        EmitClearPadding(m, b, ByteOffset(b, ptr, offset), e);
        end = offset + CachedLayout(e).size;
      }
      clear_gap(end, layout.size);
      return;
    }
    case TypeKind::kArray: {
      const Type* e = t->element();
      const int64_t stride = layout.element_stride;
      if (t->size() <= kMaxUnrolledElements) {
        for (int64_t i = 0; i < t->size(); ++i) EmitClearPadding(m, b, ByteOffset(b, ptr, i * stride), e);
        return;
      }
      m.EmitLoop(b, b.getInt64(static_cast<uint64_t>(t->size())), {},
                 [&](Builder& b, llvm::Value* i, std::span<llvm::Value* const>) {
                   EmitClearPadding(m, b, ByteOffset(b, ptr, b.CreateMul(i, b.getInt64(static_cast<uint64_t>(stride)))), e);
                   return std::vector<llvm::Value*>{};
                 });
      return;
    }
  }
}

}  // namespace xlsaot::codegen
