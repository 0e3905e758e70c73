#include "ir/type.h"

#include <map>
#include <memory>
#include <mutex>
#include <tuple>

namespace xlsaot {

// Owns every Type ever created. Types live until process exit, which keeps
// `const Type*` valid everywhere (values, nodes, compiled metadata).
class TypeInterner {
 public:
  static TypeInterner& Get() {
    static TypeInterner* interner = new TypeInterner();  // never destroyed
    return *interner;
  }

  const Type* Bits(int64_t bit_count) {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = bits_[bit_count];
    if (!slot) {
      slot.reset(new Type(TypeKind::kBits));
      slot->bit_count_ = bit_count;
      slot->flat_bit_count_ = bit_count;
    }
    return slot.get();
  }

  const Type* Tuple(std::span<const Type* const> elements) {
    std::vector<const Type*> key(elements.begin(), elements.end());
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = tuples_[key];
    if (!slot) {
      slot.reset(new Type(TypeKind::kTuple));
      int64_t flat = 0;
      for (const Type* e : key) {
        flat += e->flat_bit_count();
        slot->contains_token_ = slot->contains_token_ || e->ContainsToken();
      }
      slot->elements_ = std::move(key);
      slot->flat_bit_count_ = flat;
    }
    return slot.get();
  }

  const Type* Array(const Type* element, int64_t size) {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = arrays_[{element, size}];
    if (!slot) {
      slot.reset(new Type(TypeKind::kArray));
      slot->element_ = element;
      slot->size_ = size;
      slot->flat_bit_count_ = element->flat_bit_count() * size;
      slot->contains_token_ = element->ContainsToken();
    }
    return slot.get();
  }

  const Type* Token() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!token_) {
      token_.reset(new Type(TypeKind::kToken));
      token_->contains_token_ = true;
    }
    return token_.get();
  }

 private:
  std::mutex mu_;
  std::map<int64_t, std::unique_ptr<Type>> bits_;
  std::map<std::vector<const Type*>, std::unique_ptr<Type>> tuples_;
  std::map<std::pair<const Type*, int64_t>, std::unique_ptr<Type>> arrays_;
  std::unique_ptr<Type> token_;
};

const Type* Type::Bits(int64_t bit_count) { return TypeInterner::Get().Bits(bit_count); }
const Type* Type::Tuple(std::span<const Type* const> elements) {
  return TypeInterner::Get().Tuple(elements);
}
const Type* Type::Array(const Type* element, int64_t size) {
  return TypeInterner::Get().Array(element, size);
}
const Type* Type::Token() { return TypeInterner::Get().Token(); }

std::string Type::ToString() const {
  switch (kind_) {
    case TypeKind::kBits:
      return "bits[" + std::to_string(bit_count_) + "]";
    case TypeKind::kToken:
      return "token";
    case TypeKind::kArray: {
      // Multi-dimensional arrays print innermost-first: bits[8][4][2] is an
      // array of 2 arrays of 4 bits[8].
      return element_->ToString() + "[" + std::to_string(size_) + "]";
    }
    case TypeKind::kTuple: {
      std::string out = "(";
      for (size_t i = 0; i < elements_.size(); ++i) {
        if (i) out += ", ";
        out += elements_[i]->ToString();
      }
      return out + ")";
    }
  }
  return "?";
}

}  // namespace xlsaot
