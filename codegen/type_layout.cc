#include "codegen/type_layout.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace xlsaot {
namespace {

int64_t AlignUp(int64_t offset, int64_t alignment) {
  return (offset + alignment - 1) / alignment * alignment;
}

void FlattenInto(const Type* type, int64_t base, std::vector<LeafLayout>& out) {
  switch (type->kind()) {
    case TypeKind::kBits:
      if (type->bit_count() > 0) out.push_back({base, type->bit_count()});
      return;
    case TypeKind::kToken:
      return;
    case TypeKind::kTuple: {
      const TypeLayout& layout = CachedLayout(type);
      for (size_t i = 0; i < type->elements().size(); ++i)
        FlattenInto(type->elements()[i], base + layout.element_offsets[i], out);
      return;
    }
    case TypeKind::kArray: {
      const int64_t stride = CachedLayout(type).element_stride;
      for (int64_t i = 0; i < type->size(); ++i) FlattenInto(type->element(), base + i * stride, out);
      return;
    }
  }
}

}  // namespace

int64_t BitsContainerBytes(int64_t bit_count) {
  if (bit_count <= 0) return 0;
  if (bit_count <= 8) return 1;
  if (bit_count <= 16) return 2;
  if (bit_count <= 32) return 4;
  return (bit_count + 63) / 64 * 8;
}

TypeLayout ComputeLayout(const Type* type) {
  TypeLayout layout;
  switch (type->kind()) {
    case TypeKind::kBits: {
      const int64_t bytes = BitsContainerBytes(type->bit_count());
      layout.size = bytes;
      layout.container_bytes = bytes;
      // Up to 8 bytes the container is its own alignment (natural C
      // alignment); wider values are arrays of 64-bit words.
      layout.alignment = bytes == 0 ? 1 : std::min<int64_t>(bytes, 8);
      return layout;
    }
    case TypeKind::kToken:
      return layout;
    case TypeKind::kTuple: {
      int64_t offset = 0;
      for (const Type* element : type->elements()) {
        const TypeLayout& e = CachedLayout(element);
        offset = AlignUp(offset, e.alignment);
        layout.element_offsets.push_back(offset);
        offset += e.size;
        layout.alignment = std::max(layout.alignment, e.alignment);
      }
      layout.size = AlignUp(offset, layout.alignment);
      return layout;
    }
    case TypeKind::kArray: {
      const TypeLayout& e = CachedLayout(type->element());
      layout.element_stride = e.size;
      layout.size = e.size * type->size();
      layout.alignment = e.alignment;
      return layout;
    }
  }
  return layout;
}

const TypeLayout& CachedLayout(const Type* type) {
  static std::mutex mu;
  static auto* cache = new std::unordered_map<const Type*, std::unique_ptr<TypeLayout>>();
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache->find(type);
    if (it != cache->end()) return *it->second;
  }
  // Computed without the lock: ComputeLayout recurses into CachedLayout for
  // the element types.
  auto layout = std::make_unique<TypeLayout>(ComputeLayout(type));
  std::lock_guard<std::mutex> lock(mu);
  auto [it, inserted] = cache->emplace(type, std::move(layout));
  return *it->second;
}

std::vector<LeafLayout> FlattenLeaves(const Type* type) {
  std::vector<LeafLayout> leaves;
  FlattenInto(type, 0, leaves);
  return leaves;
}

bool LayoutIsDense(const Type* type) {
  switch (type->kind()) {
    case TypeKind::kBits:
      return type->bit_count() == CachedLayout(type).size * 8;
    case TypeKind::kToken:
      return true;
    case TypeKind::kTuple: {
      const TypeLayout& layout = CachedLayout(type);
      int64_t covered = 0;
      for (const Type* element : type->elements()) {
        if (!LayoutIsDense(element)) return false;
        covered += CachedLayout(element).size;
      }
      return covered == layout.size;
    }
    case TypeKind::kArray:
      return LayoutIsDense(type->element());
  }
  return false;
}

}  // namespace xlsaot
