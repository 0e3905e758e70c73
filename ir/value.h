// XLS IR values: bits of any width (exact, on llvm::APInt), tuples, arrays
// and token.
#ifndef XLSAOT_IR_VALUE_H_
#define XLSAOT_IR_VALUE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ir/type.h"
#include "llvm/ADT/APInt.h"
#include "xlsaot/value_text.h"  // FormatPreference

namespace xlsaot {

// Renders `bits` (of any width, including 0) per `preference`
// (AppendBitsText of the runtime, the one implementation every engine uses).
std::string BitsToString(const llvm::APInt& bits, FormatPreference preference);

class Value {
 public:
  enum class Kind : uint8_t { kBits, kTuple, kArray, kToken };

  // bits[0]:0.
  Value() : kind_(Kind::kBits), bits_(0u, uint64_t{0}) {}

  static Value Bits(llvm::APInt bits) { return Value(Kind::kBits, std::move(bits), {}); }
  static Value UBits(uint64_t value, int64_t bit_count) {
    return Bits(llvm::APInt(static_cast<unsigned>(bit_count), value));
  }
  static Value Bool(bool b) { return UBits(b ? 1 : 0, 1); }
  static Value Tuple(std::vector<Value> elements) {
    return Value(Kind::kTuple, llvm::APInt(0u, uint64_t{0}), std::move(elements));
  }
  // All elements must have the same type (checked by callers).
  static Value Array(std::vector<Value> elements) {
    return Value(Kind::kArray, llvm::APInt(0u, uint64_t{0}), std::move(elements));
  }
  static Value Token() { return Value(Kind::kToken, llvm::APInt(0u, uint64_t{0}), {}); }
  // The all-zeros value of `type` (tokens for token leaves).
  static Value Zero(const Type* type);
  // The all-ones value of `type` (every leaf bit set).
  static Value AllOnes(const Type* type);

  Kind kind() const { return kind_; }
  bool IsBits() const { return kind_ == Kind::kBits; }
  bool IsTuple() const { return kind_ == Kind::kTuple; }
  bool IsArray() const { return kind_ == Kind::kArray; }
  bool IsToken() const { return kind_ == Kind::kToken; }

  const llvm::APInt& bits() const { return bits_; }
  llvm::APInt& mutable_bits() { return bits_; }
  int64_t bit_count() const { return bits_.getBitWidth(); }

  std::span<const Value> elements() const { return elements_; }
  std::vector<Value>& mutable_elements() { return elements_; }
  const Value& element(size_t i) const { return elements_[i]; }
  size_t size() const { return elements_.size(); }

  // Structural check: does this value have exactly type `type`?
  bool HasType(const Type* type) const;
  // The value's shape written like a type ("(bits[8], token)", "bits[4][2]"),
  // for messages; an empty array has no element type and reads "an empty
  // array".
  std::string TypeString() const;

  // Typed text, as XLS prints it: bits[8]:42, (bits[1]:1, token),
  // [bits[4]:0x1, bits[4]:0x2]. Bits use `preference`.
  std::string ToString(FormatPreference preference = FormatPreference::kDefault) const;
  // Untyped text, as in literal(value=...): 42, (1, token), [1, 2].
  std::string ToHumanString(FormatPreference preference = FormatPreference::kDefault) const;

  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  Value(Kind kind, llvm::APInt bits, std::vector<Value> elements)
      : kind_(kind), bits_(std::move(bits)), elements_(std::move(elements)) {}

  Kind kind_;
  llvm::APInt bits_;
  std::vector<Value> elements_;
};

}  // namespace xlsaot

#endif  // XLSAOT_IR_VALUE_H_
