// An XLS IR function: parameters, nodes in definition (topological) order,
// and the return node.
#ifndef XLSAOT_IR_FUNCTION_H_
#define XLSAOT_IR_FUNCTION_H_

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ir/node.h"
#include "ir/source_location.h"

namespace xlsaot {

class Package;

class Function {
 public:
  Function(std::string name, Package* package) : name_(std::move(name)), package_(package) {}
  virtual ~Function() = default;
  Function(const Function&) = delete;
  Function& operator=(const Function&) = delete;

  // A proc (ir/proc.h): nodes like a function, no parameters and no return
  // value; state elements and channels instead.
  bool is_proc() const { return is_proc_; }

  const std::string& name() const { return name_; }
  Package* package() const { return package_; }

  // Parameters in declaration order; each is also in nodes().
  std::span<Node* const> params() const { return params_; }
  Node* param(size_t i) const { return params_[i]; }

  // Every node, parameters first, then in definition order (nodes()[i] has
  // position() i). Operands are always defined before their users.
  std::span<const std::unique_ptr<Node>> nodes() const { return nodes_; }
  size_t node_count() const { return nodes_.size(); }

  Node* return_node() const { return return_node_; }
  void set_return_node(Node* node) {
    DropDerived();
    return_node_ = node;
  }
  const Type* return_type() const { return return_type_; }
  void set_return_type(const Type* type) { return_type_ = type; }

  // Creates a node owned by this function and appends it.
  Node* AddNode(Op op, const Type* type, std::string name) {
    DropDerived();
    nodes_.push_back(std::make_unique<Node>(op, type, std::move(name), this));
    nodes_.back()->position_ = nodes_.size() - 1;
    return nodes_.back().get();
  }
  // Creates a parameter node (op kParam) and appends it to params().
  Node* AddParam(const Type* type, std::string name) {
    Node* node = AddNode(Op::kParam, type, std::move(name));
    params_.push_back(node);
    return node;
  }

  // Outer attributes written before the function, e.g. "#[non_synth]",
  // kept verbatim (one string each, without the leading "#[" / trailing "]")
  // so printing preserves them.
  std::span<const std::string> outer_attributes() const { return outer_attributes_; }
  std::vector<std::string>& mutable_outer_attributes() { return outer_attributes_; }

  SourceLocation loc() const { return loc_; }
  void set_loc(SourceLocation loc) { loc_ = loc; }

  // Data an evaluator derives from this function once and reuses on every
  // call (for example the interpreter's evaluation plan), one entry per
  // `key`. `build` (returning std::shared_ptr<const T>) runs without any lock
  // held, so it may derive data for other functions; when threads race, the
  // first stored result wins and everyone gets it. Adding a node or changing
  // the return node drops everything derived; other in-place edits of nodes
  // after derivation are not tracked.
  template <typename T, typename Build>
  std::shared_ptr<const T> GetOrBuildDerived(const void* key, Build&& build) const {
    {
      std::lock_guard<std::mutex> lock(derived_mu_);
      for (const auto& [k, data] : derived_)
        if (k == key) return std::static_pointer_cast<const T>(data);
    }
    std::shared_ptr<const T> built = build();
    std::lock_guard<std::mutex> lock(derived_mu_);
    for (const auto& [k, data] : derived_)
      if (k == key) return std::static_pointer_cast<const T>(data);
    derived_.emplace_back(key, built);
    return built;
  }

 protected:
  Function(std::string name, Package* package, bool is_proc)
      : name_(std::move(name)), package_(package), is_proc_(is_proc) {}

 private:
  void DropDerived() {
    std::lock_guard<std::mutex> lock(derived_mu_);
    derived_.clear();
  }

  std::string name_;
  Package* package_;
  bool is_proc_ = false;
  std::vector<Node*> params_;
  std::vector<std::unique_ptr<Node>> nodes_;
  Node* return_node_ = nullptr;
  const Type* return_type_ = nullptr;
  std::vector<std::string> outer_attributes_;
  SourceLocation loc_;
  mutable std::mutex derived_mu_;
  mutable std::vector<std::pair<const void*, std::shared_ptr<const void>>> derived_;
};

}  // namespace xlsaot

#endif  // XLSAOT_IR_FUNCTION_H_
