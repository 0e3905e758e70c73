#include "ir/value.h"

#include <algorithm>
#include <span>

namespace xlsaot {

std::string BitsToString(const llvm::APInt& bits, FormatPreference preference) {
  std::string out;
  AppendBitsText(std::span<const uint64_t>(bits.getRawData(), bits.getNumWords()), bits.getBitWidth(), preference,
                 out);
  return out;
}

Value Value::Zero(const Type* type) {
  switch (type->kind()) {
    case TypeKind::kBits:
      return UBits(0, type->bit_count());
    case TypeKind::kToken:
      return Token();
    case TypeKind::kTuple: {
      std::vector<Value> elements;
      elements.reserve(type->elements().size());
      for (const Type* e : type->elements()) elements.push_back(Zero(e));
      return Tuple(std::move(elements));
    }
    case TypeKind::kArray:
      return Array(std::vector<Value>(static_cast<size_t>(type->size()), Zero(type->element())));
  }
  return Value();
}

Value Value::AllOnes(const Type* type) {
  switch (type->kind()) {
    case TypeKind::kBits:
      return Bits(llvm::APInt::getAllOnes(static_cast<unsigned>(type->bit_count())));
    case TypeKind::kToken:
      return Token();
    case TypeKind::kTuple: {
      std::vector<Value> elements;
      elements.reserve(type->elements().size());
      for (const Type* e : type->elements()) elements.push_back(AllOnes(e));
      return Tuple(std::move(elements));
    }
    case TypeKind::kArray:
      return Array(std::vector<Value>(static_cast<size_t>(type->size()), AllOnes(type->element())));
  }
  return Value();
}

bool Value::HasType(const Type* type) const {
  switch (type->kind()) {
    case TypeKind::kBits:
      return IsBits() && bit_count() == type->bit_count();
    case TypeKind::kToken:
      return IsToken();
    case TypeKind::kTuple: {
      if (!IsTuple() || elements_.size() != type->elements().size()) return false;
      for (size_t i = 0; i < elements_.size(); ++i)
        if (!elements_[i].HasType(type->elements()[i])) return false;
      return true;
    }
    case TypeKind::kArray: {
      if (!IsArray() || static_cast<int64_t>(elements_.size()) != type->size()) return false;
      for (const Value& e : elements_)
        if (!e.HasType(type->element())) return false;
      return true;
    }
  }
  return false;
}

std::string Value::TypeString() const {
  switch (kind_) {
    case Kind::kBits:
      return "bits[" + std::to_string(bit_count()) + "]";
    case Kind::kToken:
      return "token";
    case Kind::kTuple: {
      std::string out = "(";
      for (size_t i = 0; i < elements_.size(); ++i) {
        if (i) out += ", ";
        out += elements_[i].TypeString();
      }
      return out + ")";
    }
    case Kind::kArray:
      if (elements_.empty()) return "an empty array";
      return elements_[0].TypeString() + "[" + std::to_string(elements_.size()) + "]";
  }
  return "?";
}

namespace {

void AppendValue(const Value& v, bool typed, FormatPreference pref, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::kBits:
      if (typed) out += "bits[" + std::to_string(v.bit_count()) + "]:";
      out += BitsToString(v.bits(), pref);
      return;
    case Value::Kind::kToken:
      out += "token";
      return;
    case Value::Kind::kTuple:
    case Value::Kind::kArray: {
      const bool tuple = v.IsTuple();
      out.push_back(tuple ? '(' : '[');
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ", ";
        AppendValue(v.element(i), typed, pref, out);
      }
      out.push_back(tuple ? ')' : ']');
      return;
    }
  }
}

}  // namespace

std::string Value::ToString(FormatPreference preference) const {
  std::string out;
  AppendValue(*this, /*typed=*/true, preference, out);
  return out;
}

std::string Value::ToHumanString(FormatPreference preference) const {
  std::string out;
  AppendValue(*this, /*typed=*/false, preference, out);
  return out;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case Value::Kind::kBits:
      return a.bits_.getBitWidth() == b.bits_.getBitWidth() && a.bits_ == b.bits_;
    case Value::Kind::kToken:
      return true;
    case Value::Kind::kTuple:
    case Value::Kind::kArray:
      return a.elements_ == b.elements_;
  }
  return false;
}

}  // namespace xlsaot
