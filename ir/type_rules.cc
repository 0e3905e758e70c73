#include "ir/type_rules.h"

#include <string>

#include "ir/function.h"
#include "ir/printer.h"
#include "ir/proc.h"
#include "xlsaot/trace_format.h"

namespace xlsaot {
namespace {

Error Fail(std::string what) { return MakeError(ErrorCode::kVerify, std::move(what)); }

std::string Plural(int64_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

// Number of array dimensions wrapped around the innermost non-array type.
int64_t ArrayDepth(const Type* type) {
  int64_t depth = 0;
  for (; type->IsArray(); type = type->element()) ++depth;
  return depth;
}

// ceil(log2(n)) for n >= 1; 0 for n <= 1.
int64_t CeilLog2(int64_t n) {
  int64_t bits = 0;
  while (bits < 63 && (int64_t{1} << bits) < n) ++bits;
  return bits;
}

// Bits needed to hold `value` as an unsigned number (0 for 0).
int64_t UnsignedBitWidth(unsigned __int128 value) {
  int64_t bits = 0;
  for (; value != 0; value >>= 1) ++bits;
  return bits;
}

// Why `value` is not a value of `type`, or "" when it is.
std::string ValueMismatch(const Value& value, const Type* type) {
  switch (type->kind()) {
    case TypeKind::kBits:
      if (!value.IsBits()) return "expected a bits value";
      if (value.bit_count() != type->bit_count())
        return "value has " + Plural(value.bit_count(), "bit");
      return "";
    case TypeKind::kToken:
      return value.IsToken() ? "" : "expected a token value";
    case TypeKind::kTuple: {
      if (!value.IsTuple()) return "expected a tuple value";
      if (value.size() != type->elements().size())
        return "tuple value has " + Plural(static_cast<int64_t>(value.size()), "element");
      for (size_t i = 0; i < value.size(); ++i) {
        std::string why = ValueMismatch(value.element(i), type->elements()[i]);
        if (!why.empty()) return "element " + std::to_string(i) + ": " + why;
      }
      return "";
    }
    case TypeKind::kArray: {
      if (!value.IsArray()) return "expected an array value";
      if (static_cast<int64_t>(value.size()) != type->size())
        return "array value has " + Plural(static_cast<int64_t>(value.size()), "element");
      for (size_t i = 0; i < value.size(); ++i) {
        std::string why = ValueMismatch(value.element(i), type->element());
        if (!why.empty()) return "element " + std::to_string(i) + ": " + why;
      }
      return "";
    }
  }
  return "unknown type";
}

// The declared return type of a callee; falls back to its return value's
// type for functions built without a declared signature.
const Type* CalleeReturnType(const Function& callee) {
  if (callee.return_type() != nullptr) return callee.return_type();
  if (callee.return_node() != nullptr) return callee.return_node()->type();
  return nullptr;
}

// Checks one node. Each helper names the operand by its role ("operand 1",
// "case 0", "the selector", ...) and the op, so that a message reads on its
// own: "expected bits[8] for operand 1 of add, got bits[7] from 'y'".
class Rules {
 public:
  explicit Rules(const Node& node) : node_(node), op_(OpName(node.op())) {}

  Status Check();

 private:
  size_t count() const { return node_.operand_count(); }
  const Type* type() const { return node_.type(); }
  const Type* operand_type(size_t i) const { return node_.operand(i)->type(); }
  int64_t operand_width(size_t i) const { return operand_type(i)->bit_count(); }

  static std::string Operand(size_t i) { return "operand " + std::to_string(i); }

  Status ExpectCount(size_t n) const {
    if (count() == n) return {};
    return Fail("expected " + Plural(static_cast<int64_t>(n), "operand") + " for " + op_ +
                ", got " + std::to_string(count()));
  }
  Status ExpectAtLeast(size_t n) const {
    if (count() >= n) return {};
    return Fail("expected at least " + Plural(static_cast<int64_t>(n), "operand") + " for " + op_ +
                ", got " + std::to_string(count()));
  }

  Status OperandIs(size_t i, const Type* want, const std::string& role) const {
    if (operand_type(i) == want) return {};
    return Fail("expected " + want->ToString() + " for " + role + " of " + op_ + ", got " +
                operand_type(i)->ToString() + " from '" + node_.operand(i)->name() + "'");
  }
  Status OperandIsBits(size_t i, const std::string& role) const {
    if (operand_type(i)->IsBits()) return {};
    return Fail("expected a bits type for " + role + " of " + op_ + ", got " +
                operand_type(i)->ToString() + " from '" + node_.operand(i)->name() + "'");
  }
  Status OperandIsArray(size_t i, const std::string& role) const {
    if (operand_type(i)->IsArray()) return {};
    return Fail("expected an array type for " + role + " of " + op_ + ", got " +
                operand_type(i)->ToString() + " from '" + node_.operand(i)->name() + "'");
  }
  Status OperandIsToken(size_t i, const std::string& role) const {
    return OperandIs(i, Type::Token(), role);
  }
  Status OperandIsFlag(size_t i, const std::string& role) const {
    return OperandIs(i, Type::Bits(1), role);
  }

  Status ResultIs(const Type* want) const {
    if (type() == want) return {};
    return Fail("expected result type " + want->ToString() + " for " + op_ + ", got " +
                type()->ToString());
  }
  Status ResultIsBits() const {
    if (type()->IsBits()) return {};
    return Fail("expected a bits result type for " + op_ + ", got " + type()->ToString());
  }
  Status ResultIsKind(TypeKind kind, std::string_view what) const {
    if (type()->kind() == kind) return {};
    return Fail("expected " + std::string(what) + " result type for " + op_ + ", got " +
                type()->ToString());
  }
  Status ResultHasNoToken() const {
    if (!type()->ContainsToken()) return {};
    return Fail("result type of " + op_ + " must not contain a token, got " + type()->ToString());
  }

  // Result bits[N] and every operand bits[N].
  Status AllSameBits() const {
    XLSAOT_RETURN_IF_ERROR(ResultIsBits());
    for (size_t i = 0; i < count(); ++i) XLSAOT_RETURN_IF_ERROR(OperandIs(i, type(), Operand(i)));
    return {};
  }

  Status Comparison(bool bits_only) const;
  Status Shift() const;
  Status MultiplyPartialProduct() const;
  Status Extend(bool needs_sign_bit) const;
  Status Select() const;
  Status OneHotSelect() const;
  Status PrioritySelect() const;
  Status ArrayIndex() const;
  Status ArrayUpdate() const;
  Status ArraySlice() const;
  Status ArrayConcat() const;
  Status Invoke() const;
  Status Map() const;
  Status CountedFor() const;
  Status DynamicCountedFor() const;
  // Shared by both loops: body(index, state, invariants...) -> state.
  Status LoopBody(size_t init_operand, std::span<Node* const> invariants) const;
  Status Trace() const;
  // state_read / next_value / send / receive: `fixed` operands, then the
  // predicate (bits[1]) when the node has one.
  Status WithPredicate(size_t fixed) const;
  // The state element a state_read / next_value names; nullptr (with a
  // failure) when the node is not in a proc or names no element.
  Result<const StateElement*> NamedStateElement() const;
  Status Receive() const;

  // The type reached by indexing `indices.size()` dimensions into `array`.
  Result<const Type*> IndexedType(const Type* array, std::span<Node* const> indices,
                                  size_t first_index_operand, bool needs_elements) const;

  const Node& node_;
  std::string op_;
};

Status Rules::Comparison(bool bits_only) const {
  XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
  if (bits_only) {
    XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
  } else if (operand_type(0)->IsToken()) {
    return Fail("operand 0 of " + op_ + " must not be a token");
  }
  XLSAOT_RETURN_IF_ERROR(OperandIs(1, operand_type(0), Operand(1)));
  return ResultIs(Type::Bits(1));
}

Status Rules::Shift() const {
  XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
  XLSAOT_RETURN_IF_ERROR(ResultIsBits());
  XLSAOT_RETURN_IF_ERROR(OperandIs(0, type(), Operand(0)));
  // The shift amount may have any width.
  return OperandIsBits(1, "the shift amount");
}

Status Rules::MultiplyPartialProduct() const {
  XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(1, Operand(1)));
  const Type* t = type();
  if (!t->IsTuple() || t->elements().size() != 2 || !t->elements()[0]->IsBits() ||
      t->elements()[0] != t->elements()[1]) {
    return Fail("expected result type (bits[N], bits[N]) for " + op_ + ", got " + t->ToString());
  }
  return {};
}

Status Rules::Extend(bool needs_sign_bit) const {
  XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
  const int64_t from = operand_width(0);
  const int64_t to = node_.attrs().new_bit_count;
  if (to < from) {
    return Fail("new_bit_count=" + std::to_string(to) + " of " + op_ + " is narrower than its " +
                std::to_string(from) + "-bit operand");
  }
  if (needs_sign_bit && from == 0) {
    return Fail(op_ + " needs an operand of at least one bit to take the sign from, got bits[0]");
  }
  return ResultIs(Type::Bits(to));
}

Status Rules::Select() const {
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, "the selector"));
  const int64_t width = operand_width(0);
  const int64_t cases = static_cast<int64_t>(node_.cases().size());
  const bool has_default = node_.default_value() != nullptr;
  // 2^width compared with the case count without overflow.
  const bool width_is_huge = width >= 62;
  const int64_t selectable = width_is_huge ? 0 : int64_t{1} << width;
  if (!width_is_huge && cases > selectable) {
    return Fail("a " + std::to_string(width) + "-bit selector can choose among at most " +
                Plural(selectable, "case") + ", sel has " + std::to_string(cases));
  }
  if (!width_is_huge && cases == selectable && has_default) {
    return Fail("sel has a default although its " + Plural(cases, "case") +
                " cover every value of the " + std::to_string(width) + "-bit selector");
  }
  if ((width_is_huge || cases < selectable) && !has_default) {
    return Fail("sel needs a default: its " + Plural(cases, "case") +
                " do not cover every value of the " + std::to_string(width) + "-bit selector");
  }
  for (int64_t i = 0; i < cases; ++i)
    XLSAOT_RETURN_IF_ERROR(OperandIs(i + 1, type(), "case " + std::to_string(i)));
  if (has_default) XLSAOT_RETURN_IF_ERROR(OperandIs(count() - 1, type(), "the default"));
  return {};
}

Status Rules::OneHotSelect() const {
  if (node_.attrs().has_default) return Fail("one_hot_sel takes no default");
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, "the selector"));
  const int64_t cases = static_cast<int64_t>(node_.cases().size());
  if (cases == 0) return Fail("one_hot_sel needs at least one case");
  if (operand_width(0) != cases) {
    return Fail("the selector of one_hot_sel must have one bit per case: expected bits[" +
                std::to_string(cases) + "], got " + operand_type(0)->ToString() + " from '" +
                node_.operand(0)->name() + "'");
  }
  XLSAOT_RETURN_IF_ERROR(ResultHasNoToken());
  for (int64_t i = 0; i < cases; ++i)
    XLSAOT_RETURN_IF_ERROR(OperandIs(i + 1, type(), "case " + std::to_string(i)));
  return {};
}

Status Rules::PrioritySelect() const {
  if (node_.default_value() == nullptr) return Fail("priority_sel requires a default");
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, "the selector"));
  const int64_t cases = static_cast<int64_t>(node_.cases().size());
  if (operand_width(0) != cases) {
    return Fail("the selector of priority_sel must have one bit per case: expected bits[" +
                std::to_string(cases) + "], got " + operand_type(0)->ToString() + " from '" +
                node_.operand(0)->name() + "'");
  }
  for (int64_t i = 0; i < cases; ++i)
    XLSAOT_RETURN_IF_ERROR(OperandIs(i + 1, type(), "case " + std::to_string(i)));
  return OperandIs(count() - 1, type(), "the default");
}

Result<const Type*> Rules::IndexedType(const Type* array, std::span<Node* const> indices,
                                       size_t first_index_operand, bool needs_elements) const {
  for (size_t i = 0; i < indices.size(); ++i)
    XLSAOT_RETURN_IF_ERROR(OperandIsBits(first_index_operand + i, "index " + std::to_string(i)));
  const int64_t depth = ArrayDepth(array);
  if (static_cast<int64_t>(indices.size()) > depth) {
    return Fail(op_ + " has " + std::to_string(indices.size()) +
                (indices.size() == 1 ? " index" : " indices") + " but " + array->ToString() +
                " has only " + Plural(depth, "array dimension"));
  }
  const Type* t = array;
  for (size_t i = 0; i < indices.size(); ++i) {
    // Out-of-range indices clamp to the last element, so there must be one.
    if (needs_elements && t->size() == 0)
      return Fail(op_ + " cannot index into the empty array " + t->ToString());
    t = t->element();
  }
  return t;
}

Status Rules::ArrayIndex() const {
  XLSAOT_RETURN_IF_ERROR(ExpectAtLeast(1));
  XLSAOT_ASSIGN_OR_RETURN(const Type* element, IndexedType(operand_type(0), node_.indices(), 1,
                                                           /*needs_elements=*/true));
  return ResultIs(element);
}

Status Rules::ArrayUpdate() const {
  XLSAOT_RETURN_IF_ERROR(ExpectAtLeast(2));
  XLSAOT_RETURN_IF_ERROR(ResultIs(operand_type(0)));
  // An out-of-range update leaves the array unchanged, so empty arrays are fine.
  XLSAOT_ASSIGN_OR_RETURN(const Type* element, IndexedType(operand_type(0), node_.indices(), 2,
                                                           /*needs_elements=*/false));
  return OperandIs(1, element, "the update value");
}

Status Rules::ArraySlice() const {
  XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
  XLSAOT_RETURN_IF_ERROR(OperandIsArray(0, "the array"));
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(1, "the start"));
  const Type* array = operand_type(0);
  const int64_t width = node_.attrs().width;
  if (array->size() == 0)
    return Fail("array_slice cannot slice the empty array " + array->ToString());
  if (width <= 0)
    return Fail("width=" + std::to_string(width) + " of array_slice must be positive");
  if (width > kMaxTypeBitCount)
    return Fail("width=" + std::to_string(width) + " of array_slice is too large");
  return ResultIs(Type::Array(array->element(), width));
}

Status Rules::ArrayConcat() const {
  XLSAOT_RETURN_IF_ERROR(ExpectAtLeast(1));
  int64_t size = 0;
  for (size_t i = 0; i < count(); ++i) {
    XLSAOT_RETURN_IF_ERROR(OperandIsArray(i, Operand(i)));
    if (operand_type(i)->element() != operand_type(0)->element()) {
      return Fail("expected element type " + operand_type(0)->element()->ToString() + " for " +
                  Operand(i) + " of array_concat, got " + operand_type(i)->ToString() + " from '" +
                  node_.operand(i)->name() + "'");
    }
    size += operand_type(i)->size();
  }
  return ResultIs(Type::Array(operand_type(0)->element(), size));
}

Status Rules::Invoke() const {
  const Function& callee = *node_.attrs().callee;
  const auto params = callee.params();
  if (count() != params.size()) {
    return Fail("invoke passes " + Plural(static_cast<int64_t>(count()), "argument") + " but '" +
                callee.name() + "' takes " + std::to_string(params.size()));
  }
  for (size_t i = 0; i < count(); ++i)
    XLSAOT_RETURN_IF_ERROR(OperandIs(i, params[i]->type(), "argument " + std::to_string(i)));
  const Type* ret = CalleeReturnType(callee);
  if (ret == nullptr) return Fail("'" + callee.name() + "' has no return value");
  if (type() != ret) {
    return Fail("expected result type " + ret->ToString() + " (the return type of '" +
                callee.name() + "') for invoke, got " + type()->ToString());
  }
  return {};
}

Status Rules::Map() const {
  XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
  XLSAOT_RETURN_IF_ERROR(OperandIsArray(0, "the array"));
  const Function& callee = *node_.attrs().callee;
  const Type* input = operand_type(0);
  if (callee.params().size() != 1) {
    return Fail("map applies '" + callee.name() + "' to one element at a time, but it takes " +
                Plural(static_cast<int64_t>(callee.params().size()), "parameter"));
  }
  if (callee.param(0)->type() != input->element()) {
    return Fail("'" + callee.name() + "' takes " + callee.param(0)->type()->ToString() +
                " but the elements of the mapped array are " + input->element()->ToString());
  }
  const Type* ret = CalleeReturnType(callee);
  if (ret == nullptr) return Fail("'" + callee.name() + "' has no return value");
  return ResultIs(Type::Array(ret, input->size()));
}

Status Rules::LoopBody(size_t init_operand, std::span<Node* const> invariants) const {
  const Function& body = *node_.attrs().callee;
  const Type* state = operand_type(init_operand);
  const size_t want_params = 2 + invariants.size();
  if (body.params().size() != want_params) {
    return Fail("body '" + body.name() + "' of " + op_ + " must take " +
                Plural(static_cast<int64_t>(want_params), "parameter") + " (index, loop state" +
                (invariants.empty() ? "" : ", invariants") + "), takes " +
                std::to_string(body.params().size()));
  }
  if (!body.param(0)->type()->IsBits()) {
    return Fail("the index parameter '" + body.param(0)->name() + "' of body '" + body.name() +
                "' must be bits, got " + body.param(0)->type()->ToString());
  }
  if (body.param(1)->type() != state) {
    return Fail("the loop state parameter '" + body.param(1)->name() + "' of body '" + body.name() +
                "' must have the initial value's type " + state->ToString() + ", got " +
                body.param(1)->type()->ToString());
  }
  for (size_t i = 0; i < invariants.size(); ++i) {
    const Type* want = body.param(2 + i)->type();
    if (invariants[i]->type() != want) {
      return Fail("expected " + want->ToString() + " for invariant arg " + std::to_string(i) +
                  " of " + op_ + " (parameter '" + body.param(2 + i)->name() + "' of '" +
                  body.name() + "'), got " + invariants[i]->type()->ToString() + " from '" +
                  invariants[i]->name() + "'");
    }
  }
  const Type* ret = CalleeReturnType(body);
  if (ret == nullptr) return Fail("body '" + body.name() + "' has no return value");
  if (ret != state) {
    return Fail("body '" + body.name() + "' of " + op_ + " must return the loop state type " +
                state->ToString() + ", returns " + ret->ToString());
  }
  return ResultIs(state);
}

Status Rules::CountedFor() const {
  XLSAOT_RETURN_IF_ERROR(ExpectAtLeast(1));
  const int64_t trip_count = node_.attrs().trip_count;
  const int64_t stride = node_.attrs().stride;
  if (trip_count < 0)
    return Fail("trip_count=" + std::to_string(trip_count) + " must not be negative");
  if (stride < 0) return Fail("stride=" + std::to_string(stride) + " must not be negative");
  if (trip_count > kMaxTripCount) {
    return MakeError(ErrorCode::kResourceExhausted, "trip_count=" + std::to_string(trip_count) +
                                                        " exceeds the limit of " + std::to_string(kMaxTripCount) +
                                                        " iterations");
  }
  XLSAOT_RETURN_IF_ERROR(LoopBody(0, node_.invariant_args()));
  // The index runs 0, stride, ..., stride * (trip_count - 1) and must fit
  // the body's index parameter (at least one bit, as in XLS).
  const Function& body = *node_.attrs().callee;
  const unsigned __int128 last_index =
      trip_count <= 1
          ? 0
          : static_cast<unsigned __int128>(stride) * static_cast<unsigned __int128>(trip_count - 1);
  const int64_t need = trip_count <= 1 ? 1 : UnsignedBitWidth(last_index);
  if (body.param(0)->type()->bit_count() < need) {
    return Fail("the index parameter '" + body.param(0)->name() + "' of body '" + body.name() +
                "' needs at least " + Plural(need, "bit") +
                " for trip_count=" + std::to_string(trip_count) +
                " stride=" + std::to_string(stride) + ", got " + body.param(0)->type()->ToString());
  }
  return {};
}

Status Rules::DynamicCountedFor() const {
  XLSAOT_RETURN_IF_ERROR(ExpectAtLeast(3));
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(1, "the trip count"));
  XLSAOT_RETURN_IF_ERROR(OperandIsBits(2, "the stride"));
  XLSAOT_RETURN_IF_ERROR(LoopBody(0, node_.invariant_args()));
  // The trip count is unsigned while the index and stride are signed, so the
  // trip count needs strictly fewer bits than the index.
  const Function& body = *node_.attrs().callee;
  const int64_t index_width = body.param(0)->type()->bit_count();
  if (operand_width(1) >= index_width) {
    return Fail("the trip count of dynamic_counted_for must be narrower than the " +
                std::to_string(index_width) + "-bit index parameter of '" + body.name() +
                "', got " + operand_type(1)->ToString() + " from '" + node_.operand(1)->name() +
                "'");
  }
  if (operand_width(2) > index_width) {
    return Fail("the stride of dynamic_counted_for must not be wider than the " +
                std::to_string(index_width) + "-bit index parameter of '" + body.name() +
                "', got " + operand_type(2)->ToString() + " from '" + node_.operand(2)->name() +
                "'");
  }
  return {};
}

Status Rules::Trace() const {
  XLSAOT_RETURN_IF_ERROR(ExpectAtLeast(2));
  XLSAOT_RETURN_IF_ERROR(OperandIsToken(0, "the token"));
  XLSAOT_RETURN_IF_ERROR(OperandIsFlag(1, "the condition"));
  if (node_.attrs().verbosity < 0)
    return Fail("verbosity=" + std::to_string(node_.attrs().verbosity) + " must not be negative");
  XLSAOT_ASSIGN_OR_RETURN(int64_t placeholders, CountFormatPlaceholders(node_.attrs().format));
  const int64_t data = static_cast<int64_t>(node_.data_operands().size());
  if (placeholders != data) {
    return Fail("trace format has " + Plural(placeholders, "placeholder") + " but " + op_ +
                " has " + Plural(data, "data operand"));
  }
  return ResultIs(Type::Token());
}

Status Rules::Check() {
  const NodeAttributes& a = node_.attrs();
  switch (node_.op()) {
    case Op::kAdd:
    case Op::kSub:
    case Op::kUDiv:
    case Op::kSDiv:
    case Op::kUMod:
    case Op::kSMod:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
      return AllSameBits();
    case Op::kNeg:
    case Op::kNot:
    case Op::kReverse:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      return AllSameBits();
    case Op::kIdentity:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      return OperandIs(0, type(), Operand(0));
    case Op::kUMul:
    case Op::kSMul:
      // Operands and result may all have different widths.
      XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(1, Operand(1)));
      return ResultIsBits();
    case Op::kUMulp:
    case Op::kSMulp:
      return MultiplyPartialProduct();
    case Op::kAnd:
    case Op::kOr:
    case Op::kXor:
    case Op::kNand:
    case Op::kNor:
      XLSAOT_RETURN_IF_ERROR(ExpectAtLeast(1));
      return AllSameBits();
    case Op::kAndReduce:
    case Op::kOrReduce:
    case Op::kXorReduce:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
      return ResultIs(Type::Bits(1));
    case Op::kEq:
    case Op::kNe:
      return Comparison(/*bits_only=*/false);
    case Op::kULt:
    case Op::kULe:
    case Op::kUGt:
    case Op::kUGe:
    case Op::kSLt:
    case Op::kSLe:
    case Op::kSGt:
    case Op::kSGe:
      return Comparison(/*bits_only=*/true);
    case Op::kShll:
    case Op::kShrl:
    case Op::kShra:
      return Shift();
    case Op::kConcat: {
      int64_t width = 0;
      for (size_t i = 0; i < count(); ++i) {
        XLSAOT_RETURN_IF_ERROR(OperandIsBits(i, Operand(i)));
        width += operand_width(i);
      }
      return ResultIs(Type::Bits(width));
    }
    case Op::kBitSlice: {
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
      if (a.start < 0) return Fail("start=" + std::to_string(a.start) + " must not be negative");
      if (a.width < 0) return Fail("width=" + std::to_string(a.width) + " must not be negative");
      if (a.start > operand_width(0) - a.width) {
        return Fail("bit_slice start=" + std::to_string(a.start) +
                    " width=" + std::to_string(a.width) + " reaches past the " +
                    std::to_string(operand_width(0)) + "-bit operand");
      }
      return ResultIs(Type::Bits(a.width));
    }
    case Op::kDynamicBitSlice:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(1, "the start"));
      if (a.width < 0) return Fail("width=" + std::to_string(a.width) + " must not be negative");
      if (a.width > operand_width(0)) {
        return Fail("dynamic_bit_slice width=" + std::to_string(a.width) + " is wider than the " +
                    std::to_string(operand_width(0)) + "-bit operand");
      }
      return ResultIs(Type::Bits(a.width));
    case Op::kBitSliceUpdate:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(3));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(1, "the start"));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(2, "the update value"));
      return ResultIs(operand_type(0));
    case Op::kZeroExt:
      return Extend(/*needs_sign_bit=*/false);
    case Op::kSignExt:
      return Extend(/*needs_sign_bit=*/true);
    case Op::kDecode: {
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
      const int64_t in = operand_width(0);
      if (a.width < 0) return Fail("width=" + std::to_string(a.width) + " must not be negative");
      if (in < 63 && a.width > (int64_t{1} << in)) {
        return Fail("decode width=" + std::to_string(a.width) + " exceeds 2^" + std::to_string(in) +
                    ", the number of values of its " + std::to_string(in) + "-bit operand");
      }
      return ResultIs(Type::Bits(a.width));
    }
    case Op::kEncode:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
      return ResultIs(Type::Bits(CeilLog2(operand_width(0))));
    case Op::kOneHot:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      XLSAOT_RETURN_IF_ERROR(OperandIsBits(0, Operand(0)));
      return ResultIs(Type::Bits(operand_width(0) + 1));
    case Op::kSel:
      return Select();
    case Op::kOneHotSel:
      return OneHotSelect();
    case Op::kPrioritySel:
      return PrioritySelect();
    case Op::kGate:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
      XLSAOT_RETURN_IF_ERROR(OperandIsFlag(0, "the condition"));
      return OperandIs(1, type(), "the data");
    case Op::kTuple: {
      XLSAOT_RETURN_IF_ERROR(ResultIsKind(TypeKind::kTuple, "a tuple"));
      const auto elements = type()->elements();
      if (elements.size() != count()) {
        return Fail("tuple of " + Plural(static_cast<int64_t>(count()), "operand") +
                    " cannot have type " + type()->ToString());
      }
      for (size_t i = 0; i < count(); ++i)
        XLSAOT_RETURN_IF_ERROR(OperandIs(i, elements[i], Operand(i)));
      return {};
    }
    case Op::kTupleIndex: {
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      const Type* tuple = operand_type(0);
      if (!tuple->IsTuple()) {
        return Fail("expected a tuple type for operand 0 of tuple_index, got " + tuple->ToString() +
                    " from '" + node_.operand(0)->name() + "'");
      }
      if (a.index < 0 || a.index >= static_cast<int64_t>(tuple->elements().size())) {
        return Fail("index=" + std::to_string(a.index) + " is out of range for " +
                    tuple->ToString());
      }
      return ResultIs(tuple->elements()[a.index]);
    }
    case Op::kArray: {
      XLSAOT_RETURN_IF_ERROR(ResultIsKind(TypeKind::kArray, "an array"));
      if (type()->size() != static_cast<int64_t>(count())) {
        return Fail("array of " + Plural(static_cast<int64_t>(count()), "operand") +
                    " cannot have type " + type()->ToString());
      }
      for (size_t i = 0; i < count(); ++i)
        XLSAOT_RETURN_IF_ERROR(OperandIs(i, type()->element(), Operand(i)));
      return {};
    }
    case Op::kArrayIndex:
      return ArrayIndex();
    case Op::kArrayUpdate:
      return ArrayUpdate();
    case Op::kArraySlice:
      return ArraySlice();
    case Op::kArrayConcat:
      return ArrayConcat();
    case Op::kInvoke:
      return Invoke();
    case Op::kMap:
      return Map();
    case Op::kCountedFor:
      return CountedFor();
    case Op::kDynamicCountedFor:
      return DynamicCountedFor();
    case Op::kParam:
      return ExpectCount(0);
    case Op::kLiteral: {
      XLSAOT_RETURN_IF_ERROR(ExpectCount(0));
      std::string why = ValueMismatch(a.value, type());
      if (!why.empty()) {
        return Fail("literal value " + a.value.ToHumanString() + " is not a " + type()->ToString() +
                    ": " + why);
      }
      return {};
    }
    case Op::kAssert:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(2));
      XLSAOT_RETURN_IF_ERROR(OperandIsToken(0, "the token"));
      XLSAOT_RETURN_IF_ERROR(OperandIsFlag(1, "the condition"));
      return ResultIs(Type::Token());
    case Op::kTrace:
      return Trace();
    case Op::kCover:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      XLSAOT_RETURN_IF_ERROR(OperandIsFlag(0, "the condition"));
      return ResultIs(Type::EmptyTuple());
    case Op::kAfterAll:
      for (size_t i = 0; i < count(); ++i) XLSAOT_RETURN_IF_ERROR(OperandIsToken(i, Operand(i)));
      return ResultIs(Type::Token());
    case Op::kMinDelay:
      XLSAOT_RETURN_IF_ERROR(ExpectCount(1));
      XLSAOT_RETURN_IF_ERROR(OperandIsToken(0, Operand(0)));
      if (a.delay < 0) return Fail("delay=" + std::to_string(a.delay) + " must not be negative");
      return ResultIs(Type::Token());
    case Op::kStateRead: {
      XLSAOT_RETURN_IF_ERROR(WithPredicate(0));
      XLSAOT_ASSIGN_OR_RETURN(const StateElement* element, NamedStateElement());
      return ResultIs(element->type);
    }
    case Op::kNextValue: {
      XLSAOT_RETURN_IF_ERROR(WithPredicate(1));
      XLSAOT_ASSIGN_OR_RETURN(const StateElement* element, NamedStateElement());
      XLSAOT_RETURN_IF_ERROR(OperandIs(0, element->type, "the value"));
      return ResultIs(Type::EmptyTuple());
    }
    case Op::kSend:
      XLSAOT_RETURN_IF_ERROR(WithPredicate(2));
      XLSAOT_RETURN_IF_ERROR(OperandIsToken(0, "the token"));
      return ResultIs(Type::Token());
    case Op::kReceive:
      return Receive();
  }
  return Fail("unknown op");
}

Status Rules::WithPredicate(size_t fixed) const {
  const bool predicated = node_.attrs().has_predicate;
  XLSAOT_RETURN_IF_ERROR(ExpectCount(fixed + (predicated ? 1 : 0)));
  if (predicated) XLSAOT_RETURN_IF_ERROR(OperandIsFlag(fixed, "the predicate"));
  return {};
}

Result<const StateElement*> Rules::NamedStateElement() const {
  const Proc* proc = node_.function() != nullptr ? AsProc(*node_.function()) : nullptr;
  if (proc == nullptr) return Fail(op_ + " is only allowed in a proc");
  const int64_t index = node_.attrs().state_index;
  if (index < 0 || static_cast<size_t>(index) >= proc->state_elements().size() ||
      proc->state_elements()[static_cast<size_t>(index)].name != node_.attrs().state_element) {
    return Fail("proc '" + proc->name() + "' has no state element '" + node_.attrs().state_element + "'");
  }
  return &proc->state_elements()[static_cast<size_t>(index)];
}

// (token, T) for a blocking receive, (token, T, bits[1]) for a non-blocking
// one, whose flag says whether a value was there; T is the channel's type
// (checked against the channel by the verifier).
Status Rules::Receive() const {
  XLSAOT_RETURN_IF_ERROR(WithPredicate(1));
  XLSAOT_RETURN_IF_ERROR(OperandIsToken(0, "the token"));
  const size_t arity = node_.attrs().blocking ? 2 : 3;
  const Type* t = type();
  if (!t->IsTuple() || t->elements().size() != arity || t->elements()[0] != Type::Token() ||
      (arity == 3 && t->elements()[2] != Type::Bits(1))) {
    return Fail(std::string("expected result type ") +
                (arity == 2 ? "(token, T)" : "(token, T, bits[1])") + " for " +
                (arity == 2 ? "a blocking" : "a non-blocking") + " receive, got " + t->ToString());
  }
  return {};
}

// Positional operands and the operand-list attributes of the op table
// (cases, default, indices, ...) decide how many operands a node can have;
// ops without operand lists have exactly their positional count. Checked
// before the per-op rule so that the operand-group accessors of Node are
// safe to call.
Status CheckOperandShape(const Node& node) {
  const OpInfo& info = node.op_info();
  bool has_operand_list = false;
  for (const AttrSpec& spec : info.attrs()) {
    const AttrValueKind kind = GetAttrInfo(spec.attr).kind;
    if (kind == AttrValueKind::kOperandList || kind == AttrValueKind::kOperand)
      has_operand_list = true;
  }
  const bool has_default = info.accepts(Attr::kDefault) && node.attrs().has_default;
  const size_t count = node.operand_count();
  if (info.positional_operands == kVariadic) return {};
  const size_t positional = static_cast<size_t>(info.positional_operands);
  const size_t minimum = positional + (has_default ? 1 : 0);
  if (has_operand_list ? count < minimum : count != positional) {
    return Fail("expected " + std::string(has_operand_list ? "at least " : "") +
                Plural(static_cast<int64_t>(minimum), "operand") + " for " +
                std::string(info.name) + ", got " + std::to_string(count));
  }
  return {};
}

}  // namespace

Status CheckTypeRule(const Node& node) {
  XLSAOT_RETURN_IF_ERROR(CheckOperandShape(node));
  if (node.op_info().has_flag(kFlagCallsFunction) && node.attrs().callee == nullptr)
    return Fail(std::string(OpName(node.op())) + " names no function to call");
  return Rules(node).Check();
}

Result<int64_t> CountFormatPlaceholders(std::string_view format) {
  Result<std::vector<TraceFormatStep>> steps = ParseTraceFormat(format);
  if (!steps.ok()) return Fail(steps.error());
  return TraceOperandCount(*steps);
}

}  // namespace xlsaot
