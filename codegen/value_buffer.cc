#include "codegen/value_buffer.h"

#include <cstring>
#include <vector>

#include "codegen/type_layout.h"
#include "llvm/ADT/ArrayRef.h"

namespace xlsaot {
namespace {

// Writes the value bits of every leaf; padding was cleared beforehand.
void WriteLeaves(const Value& v, const Type* t, uint8_t* buffer) {
  switch (t->kind()) {
    case TypeKind::kBits: {
      const int64_t bytes = (t->bit_count() + 7) / 8;
      const llvm::APInt& bits = v.bits();
      const uint64_t* words = bits.getRawData();
      // Little endian: byte i holds bits 8i..8i+7.
      for (int64_t i = 0; i < bytes; ++i)
        buffer[i] = static_cast<uint8_t>(words[i / 8] >> (8 * (i % 8)));
      return;
    }
    case TypeKind::kToken:
      return;
    case TypeKind::kTuple: {
      const TypeLayout& layout = CachedLayout(t);
      for (size_t i = 0; i < t->elements().size(); ++i)
        WriteLeaves(v.element(i), t->elements()[i], buffer + layout.element_offsets[i]);
      return;
    }
    case TypeKind::kArray: {
      const int64_t stride = CachedLayout(t).element_stride;
      for (int64_t i = 0; i < t->size(); ++i)
        WriteLeaves(v.element(static_cast<size_t>(i)), t->element(), buffer + i * stride);
      return;
    }
  }
}

}  // namespace

void WriteValueToBuffer(const Value& v, const Type* t, uint8_t* buffer) {
  const int64_t size = CachedLayout(t).size;
  if (size == 0) return;
  std::memset(buffer, 0, static_cast<size_t>(size));
  WriteLeaves(v, t, buffer);
}

Value ReadValueFromBuffer(const Type* t, const uint8_t* buffer) {
  switch (t->kind()) {
    case TypeKind::kBits: {
      const int64_t n = t->bit_count();
      if (n == 0) return Value::Bits(llvm::APInt(0u, uint64_t{0}));
      std::vector<uint64_t> words(static_cast<size_t>((n + 63) / 64), 0);
      const int64_t bytes = (n + 7) / 8;
      for (int64_t i = 0; i < bytes; ++i)
        words[static_cast<size_t>(i / 8)] |= static_cast<uint64_t>(buffer[i]) << (8 * (i % 8));
      // The APInt constructor drops the bits above n: padding is ignored.
      return Value::Bits(llvm::APInt(static_cast<unsigned>(n), llvm::ArrayRef<uint64_t>(words)));
    }
    case TypeKind::kToken:
      return Value::Token();
    case TypeKind::kTuple: {
      const TypeLayout& layout = CachedLayout(t);
      std::vector<Value> elements;
      elements.reserve(t->elements().size());
      for (size_t i = 0; i < t->elements().size(); ++i)
        elements.push_back(ReadValueFromBuffer(t->elements()[i], buffer + layout.element_offsets[i]));
      return Value::Tuple(std::move(elements));
    }
    case TypeKind::kArray: {
      const int64_t stride = CachedLayout(t).element_stride;
      std::vector<Value> elements;
      elements.reserve(static_cast<size_t>(t->size()));
      for (int64_t i = 0; i < t->size(); ++i)
        elements.push_back(ReadValueFromBuffer(t->element(), buffer + i * stride));
      return Value::Array(std::move(elements));
    }
  }
  return Value();
}

}  // namespace xlsaot
