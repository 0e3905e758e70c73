// XLS IR types: bits[N], tuples, arrays and token.
//
// Types are immutable and interned process-wide, so two types are equal
// exactly when their pointers are equal, and a `const Type*` can be kept
// anywhere without ownership concerns.
#ifndef XLSAOT_IR_TYPE_H_
#define XLSAOT_IR_TYPE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace xlsaot {

enum class TypeKind : uint8_t { kBits, kTuple, kArray, kToken };

// Largest bit count accepted for any single type (the flat bit count of an
// aggregate included). It bounds memory use on hostile input; real designs
// stay far below it.
inline constexpr int64_t kMaxTypeBitCount = int64_t{1} << 24;

class Type {
 public:
  static const Type* Bits(int64_t bit_count);
  static const Type* Tuple(std::span<const Type* const> elements);
  static const Type* Array(const Type* element, int64_t size);
  static const Type* Token();
  static const Type* EmptyTuple() { return Tuple({}); }

  TypeKind kind() const { return kind_; }
  bool IsBits() const { return kind_ == TypeKind::kBits; }
  bool IsTuple() const { return kind_ == TypeKind::kTuple; }
  bool IsArray() const { return kind_ == TypeKind::kArray; }
  bool IsToken() const { return kind_ == TypeKind::kToken; }

  // bits[N]: N.
  int64_t bit_count() const { return bit_count_; }
  // Tuple elements.
  std::span<const Type* const> elements() const { return elements_; }
  // Array element type and size.
  const Type* element() const { return element_; }
  int64_t size() const { return size_; }

  // Total number of bits in all leaves (tokens count as zero).
  int64_t flat_bit_count() const { return flat_bit_count_; }
  // Whether a token appears anywhere in the type.
  bool ContainsToken() const { return contains_token_; }

  // XLS text: bits[8], (bits[1], token), bits[8][4][2], ().
  std::string ToString() const;

  Type(const Type&) = delete;
  Type& operator=(const Type&) = delete;

 private:
  friend class TypeInterner;
  explicit Type(TypeKind kind) : kind_(kind) {}

  TypeKind kind_;
  int64_t bit_count_ = 0;
  std::vector<const Type*> elements_;
  const Type* element_ = nullptr;
  int64_t size_ = 0;
  int64_t flat_bit_count_ = 0;
  bool contains_token_ = false;
};

}  // namespace xlsaot

#endif  // XLSAOT_IR_TYPE_H_
