// A small helper for building IR functions in tests without the text
// parser: nodes are appended in order with generated names.
#ifndef XLSAOT_TESTS_INTERP_IR_BUILDER_H_
#define XLSAOT_TESTS_INTERP_IR_BUILDER_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "ir/function.h"
#include "ir/package.h"
#include "ir/type.h"
#include "ir/value.h"

namespace xlsaot::test_ir {

inline const Type* BitsT(int64_t n) { return Type::Bits(n); }
inline Value B(int64_t width, uint64_t v) { return Value::UBits(v, width); }

class FunctionBuilder {
 public:
  FunctionBuilder(Package* package, std::string name) : f_(package->AddFunction(std::move(name))) {}

  Function* function() const { return f_; }

  Node* Param(const std::string& name, const Type* type) { return f_->AddParam(type, name); }

  // A node of `op` with the given (flat) operand list; set attributes on the
  // returned node.
  Node* Op(xlsaot::Op op, const Type* type, std::initializer_list<Node*> operands) {
    return Op(op, type, std::vector<Node*>(operands));
  }
  Node* Op(xlsaot::Op op, const Type* type, std::vector<Node*> operands) {
    Node* n = f_->AddNode(op, type, std::string(OpName(op)) + "." + std::to_string(++counter_));
    n->mutable_operands() = std::move(operands);
    return n;
  }

  Node* Literal(const Value& v, const Type* type) {
    Node* n = Op(xlsaot::Op::kLiteral, type, {});
    n->mutable_attrs().value = v;
    return n;
  }
  Node* Literal(int64_t width, uint64_t v) { return Literal(B(width, v), BitsT(width)); }

  Function* Return(Node* node) {
    f_->set_return_node(node);
    f_->set_return_type(node->type());
    return f_;
  }

 private:
  Function* f_;
  int counter_ = 0;
};

}  // namespace xlsaot::test_ir

#endif  // XLSAOT_TESTS_INTERP_IR_BUILDER_H_
