// A node of an XLS IR function: one operation with its operands, type and
// attributes.
#ifndef XLSAOT_IR_NODE_H_
#define XLSAOT_IR_NODE_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ir/op.h"
#include "ir/source_location.h"
#include "ir/type.h"
#include "ir/value.h"

namespace xlsaot {

class Function;

// One entry of pos=[(file_number, line, column), ...]: kept so printing
// preserves it.
struct SourcePos {
  int64_t file_number = 0;
  int64_t line = 0;
  int64_t column = 0;
};

// Keyword attributes. Only those the op accepts (op_list.h) are meaningful;
// the rest keep their defaults. Operand-valued attributes (cases, default,
// indices, invariant_args, data_operands) are not stored here but appended to
// Node::operands in the op's attribute order; the accessors on Node slice
// them back out.
struct NodeAttributes {
  int64_t start = 0;          // bit_slice
  int64_t width = 0;          // bit_slice, dynamic_bit_slice, decode, array_slice
  int64_t new_bit_count = 0;  // zero_ext, sign_ext
  int64_t index = 0;          // tuple_index
  int64_t trip_count = 0;     // counted_for
  int64_t stride = 1;         // counted_for
  int64_t delay = 0;          // min_delay
  int64_t verbosity = 0;      // trace
  bool lsb_prio = false;      // one_hot
  bool assumed_in_bounds = false;  // array_index, array_update
  bool has_default = false;   // sel / priority_sel: the last operand is the default
  Function* callee = nullptr;  // to_apply (invoke, map) / body (loops)
  Value value;                 // literal
  std::string message;         // assert
  std::string label;           // assert, cover
  bool has_label = false;      // assert's label is optional
  std::string format;          // trace
  // Procs. Operand layout: send [token, data], receive [token],
  // next_value [value], state_read [], each followed by the predicate when
  // has_predicate.
  std::string state_element;   // state_read, next_value: the element's name
  int64_t state_index = -1;    // ... and its position in Proc::state_elements()
  std::string channel;         // send, receive: the channel's name in the proc
  bool blocking = true;        // receive
  bool has_predicate = false;  // state_read, next_value, send, receive
};

class Node {
 public:
  Node(Op op, const Type* type, std::string name, Function* function)
      : op_(op), type_(type), name_(std::move(name)), function_(function) {}

  Op op() const { return op_; }
  const OpInfo& op_info() const { return GetOpInfo(op_); }
  const Type* type() const { return type_; }
  void set_type(const Type* type) { type_ = type; }
  Function* function() const { return function_; }
  // Index of the node in function()->nodes(): dense per-node tables of the
  // verifier and the code generator are indexed by it.
  size_t position() const { return position_; }

  // The node's name as written (params: the parameter name; otherwise e.g.
  // "add.7" or a user name such as "sum").
  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  // id=N; 0 when absent.
  int64_t id() const { return id_; }
  void set_id(int64_t id) { id_ = id; }

  std::span<Node* const> operands() const { return operands_; }
  Node* operand(size_t i) const { return operands_[i]; }
  size_t operand_count() const { return operands_.size(); }
  std::vector<Node*>& mutable_operands() { return operands_; }

  const NodeAttributes& attrs() const { return attrs_; }
  NodeAttributes& mutable_attrs() { return attrs_; }

  // Where the node was defined in the text (its name token).
  SourceLocation loc() const { return loc_; }
  void set_loc(SourceLocation loc) { loc_ = loc; }
  std::span<const SourcePos> pos() const { return pos_; }
  std::vector<SourcePos>& mutable_pos() { return pos_; }

  // --- Operand groups (see NodeAttributes). ---
  // sel / one_hot_sel / priority_sel.
  Node* selector() const { return operands_[0]; }
  std::span<Node* const> cases() const {
    return std::span<Node* const>(operands_).subspan(1, operands_.size() - 1 - (attrs_.has_default ? 1 : 0));
  }
  Node* default_value() const { return attrs_.has_default ? operands_.back() : nullptr; }
  // array_index: operand 0 is the array; array_update: 0 array, 1 value.
  std::span<Node* const> indices() const {
    return std::span<Node* const>(operands_).subspan(op_ == Op::kArrayUpdate ? 2 : 1);
  }
  // counted_for: operand 0 is the initial value; dynamic_counted_for:
  // 0 initial value, 1 trip count, 2 stride.
  std::span<Node* const> invariant_args() const {
    return std::span<Node* const>(operands_).subspan(op_ == Op::kDynamicCountedFor ? 3 : 1);
  }
  // state_read, next_value, send, receive: nullptr when unconditional.
  Node* predicate() const { return attrs_.has_predicate ? operands_.back() : nullptr; }
  // trace: 0 token, 1 condition.
  std::span<Node* const> data_operands() const {
    return std::span<Node* const>(operands_).subspan(2);
  }

 private:
  friend class Function;  // sets position_ when it appends the node

  Op op_;
  const Type* type_;
  std::string name_;
  Function* function_;
  size_t position_ = 0;
  int64_t id_ = 0;
  std::vector<Node*> operands_;
  NodeAttributes attrs_;
  SourceLocation loc_;
  std::vector<SourcePos> pos_;
};

}  // namespace xlsaot

#endif  // XLSAOT_IR_NODE_H_
