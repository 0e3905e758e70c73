// Op and attribute enums and the table that describes each op, generated from
// op_list.h.
#ifndef XLSAOT_IR_OP_H_
#define XLSAOT_IR_OP_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "ir/op_list.h"

namespace xlsaot {

enum class Op : uint8_t {
#define XLSAOT_OP_ENUM_(e, name, ...) e,
  XLSAOT_FOR_EACH_OP(XLSAOT_OP_ENUM_)
#undef XLSAOT_OP_ENUM_
};

inline constexpr int kOpCount = 0
#define XLSAOT_OP_COUNT_(...) +1  // NOLINT(bugprone-macro-parentheses): one term of a sum
    XLSAOT_FOR_EACH_OP(XLSAOT_OP_COUNT_)
#undef XLSAOT_OP_COUNT_
    ;

enum class Attr : uint8_t {
#define XLSAOT_ATTR_ENUM_(e, name, kind) e,
  XLSAOT_FOR_EACH_ATTR(XLSAOT_ATTR_ENUM_)
#undef XLSAOT_ATTR_ENUM_
};

// How an attribute's value is written in the text format.
enum class AttrValueKind : uint8_t {
  kInteger,      // decimal integer: start=3
  kBool,         // true / false
  kOperand,      // one node name: default=x
  kOperandList,  // [a, b, c]
  kFunction,     // function name: to_apply=f
  kIdentifier,   // bare identifier: name=x
  kValue,        // untyped value, typed by the node: value=(1, [2, 3])
  kString,       // "quoted"
};

enum AttrPresence : uint8_t { kRequired, kOptional };

struct AttrSpec {
  Attr attr;
  AttrPresence presence;
};

enum OpFlags : uint32_t {
  kFlagNone = 0,
  kFlagCommutative = 1u << 0,
  kFlagComparison = 1u << 1,
  kFlagCallsFunction = 1u << 2,   // has to_apply= or body=
  kFlagSideEffecting = 1u << 3,   // assert / trace / cover / next_value / send / receive
  kFlagProcOnly = 1u << 4,        // state and channel ops: only in a proc
};

inline constexpr int kVariadic = -1;
inline constexpr int kMaxAttrsPerOp = 4;

struct OpInfo {
  Op op;
  std::string_view name;
  int positional_operands;  // kVariadic for any number
  uint32_t flags;
  std::array<AttrSpec, kMaxAttrsPerOp> attr_storage;
  int attr_count;

  std::span<const AttrSpec> attrs() const { return {attr_storage.data(), static_cast<size_t>(attr_count)}; }
  bool has_flag(OpFlags f) const { return (flags & f) != 0; }
  bool accepts(Attr a) const {
    for (const AttrSpec& s : attrs()) if (s.attr == a) return true;
    return false;
  }
};

struct AttrInfo {
  Attr attr;
  std::string_view name;
  AttrValueKind kind;
};

// The table of every op, indexed by static_cast<int>(Op).
std::span<const OpInfo> AllOps();
const OpInfo& GetOpInfo(Op op);
std::string_view OpName(Op op);
std::optional<Op> OpFromName(std::string_view name);

const AttrInfo& GetAttrInfo(Attr attr);
std::string_view AttrName(Attr attr);
// The attribute of `op` written `name` (names are unique per op, not
// globally: see op_list.h).
std::optional<Attr> AttrFromName(const OpInfo& op, std::string_view name);
// Whether some op has an attribute written `name`.
bool IsAttributeName(std::string_view name);

}  // namespace xlsaot

#endif  // XLSAOT_IR_OP_H_
