#include "ir/verifier.h"

#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/proc_verifier.h"
#include "ir/type_rules.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace xlsaot {
namespace {

std::string LineColumn(SourceLocation loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

// "a -> b -> c -> a" for the cycle a, b, c; long cycles keep their ends so
// that the message stays one readable line.
std::string DescribeCycle(std::span<const Function* const> cycle) {
  constexpr size_t kShown = 4;
  std::string text;
  for (size_t i = 0; i < cycle.size(); ++i) {
    if (cycle.size() > 2 * kShown && i == kShown) {
      text += "... (" + std::to_string(cycle.size() - 2 * kShown) + " more) -> ";
      i = cycle.size() - kShown;
    }
    text += cycle[i]->name() + " -> ";
  }
  return text + cycle.front()->name();
}

// State shared by the functions of one package: ids seen so far and which
// functions are known to reach no recursion.
class Verifier {
 public:
  explicit Verifier(const Package* package)
      : package_(package), filename_(package ? package->filename() : std::string("<string>")) {}

  Status VerifyPackage();
  Status VerifyFunction(const Function& function);

 private:
  // `code`: kVerify, or kResourceExhausted for a rule that bounds work
  // (a loop's trip count).
  Error NodeError(const Function& f, const Node& node, const std::string& what,
                  ErrorCode code = ErrorCode::kVerify) const {
    return MakeError(code, FormatLocation(filename_, node.loc()) + ": in " + std::string(f.is_proc() ? "proc" : "function") + " '" + f.name() + "', node '" +
                               node.name() + "': " + what);
  }
  Error FunctionError(const Function& f, const std::string& what) const {
    return MakeError(ErrorCode::kVerify, FormatLocation(filename_, f.loc()) + ": in " +
                                             (f.is_proc() ? "proc" : "function") + " '" + f.name() + "': " + what);
  }

  // `state` is indexed by node position (see VerifyFunction).
  Status CheckStructure(const Function& f, const Node& node, const std::vector<uint8_t>& state);
  Status CheckCallee(const Function& f, const Node& node);
  // A call cycle reachable from `callee` when called from the functions on
  // `path_`, as "a -> b -> a"; empty when there is none. Functions found
  // free of cycles join acyclic_ and are not explored again.
  std::string FindRecursion(const Function* callee);

  const Package* package_;
  std::string filename_;
  // Ids (id=N, or N of an "op.N" name; 0 means none) of the non-param nodes
  // verified so far.
  std::map<int64_t, std::pair<const Function*, const Node*>> ids_;
  // Functions whose call graph is known to be free of cycles.
  std::unordered_set<const Function*> acyclic_;
  // Functions on the call path being explored, in call order and as a set.
  std::vector<const Function*> path_;
  std::unordered_set<const Function*> on_path_;
};

// Per-node verification state, indexed by Node::position() (dense tables
// instead of hash sets keep large functions as cheap per node as small ones).
constexpr uint8_t kIsParam = 1;
constexpr uint8_t kDefined = 2;

// Whether `node` is the node of `f` at its position.
bool OwnedBy(const Function& f, const Node* node) {
  return node->function() == &f && node->position() < f.node_count() &&
         f.nodes()[node->position()].get() == node;
}

Status Verifier::CheckStructure(const Function& f, const Node& node, const std::vector<uint8_t>& state) {
  if (!OwnedBy(f, &node)) return NodeError(f, node, "node is owned by another function");
  if (node.type() == nullptr) return NodeError(f, node, "node has no type");
  if (node.op() == Op::kParam && (state[node.position()] & kIsParam) == 0)
    return NodeError(f, node, "param node is not a parameter of the function");
  for (size_t i = 0; i < node.operand_count(); ++i) {
    const Node* operand = node.operand(i);
    if (operand == nullptr)
      return NodeError(f, node, "operand " + std::to_string(i) + " is missing");
    if (!OwnedBy(f, operand) || (state[operand->position()] & kDefined) == 0) {
      if (operand->function() != &f) {
        return NodeError(f, node,
                         "operand " + std::to_string(i) + " ('" + operand->name() +
                             "') belongs to another function");
      }
      return NodeError(f, node,
                       "operand " + std::to_string(i) + " ('" + operand->name() +
                           "') is used before it is defined");
    }
  }
  return {};
}

std::string Verifier::FindRecursion(const Function* callee) {
  // Iterative depth-first search, so that long call chains cannot exhaust
  // the stack. next_call[k] is where to resume scanning path_[base + k].
  const size_t base = path_.size();
  std::vector<size_t> next_call;
  auto visit = [&](const Function* g) -> std::string {
    if (on_path_.contains(g)) {
      size_t first = 0;
      while (path_[first] != g) ++first;
      return DescribeCycle(std::span<const Function* const>(path_).subspan(first));
    }
    if (!acyclic_.contains(g)) {
      path_.push_back(g);
      on_path_.insert(g);
      next_call.push_back(0);
    }
    return "";
  };
  std::string cycle = visit(callee);
  while (cycle.empty() && path_.size() > base) {
    const Function* g = path_.back();
    const auto nodes = g->nodes();
    size_t i = next_call.back();
    while (i < nodes.size() && (!nodes[i]->op_info().has_flag(kFlagCallsFunction) ||
                                nodes[i]->attrs().callee == nullptr))
      ++i;
    if (i == nodes.size()) {
      // Everything reachable from g was explored without meeting the path.
      acyclic_.insert(g);
      on_path_.erase(g);
      path_.pop_back();
      next_call.pop_back();
      continue;
    }
    next_call.back() = i + 1;
    cycle = visit(nodes[i]->attrs().callee);
  }
  return cycle;
}

Status Verifier::CheckCallee(const Function& f, const Node& node) {
  const Function* callee = node.attrs().callee;
  if (callee->package() != f.package())
    return NodeError(f, node, "calls '" + callee->name() + "', a function of another package");
  // The search leaves path_ and on_path_ as it found them unless it finds a
  // cycle; they are not reset wholesale because clearing a large hash set
  // costs its bucket count on every call.
  path_.assign(1, &f);
  on_path_.insert(&f);
  std::string cycle = FindRecursion(callee);
  if (!cycle.empty()) return NodeError(f, node, "recursive call: " + cycle);
  on_path_.erase(&f);
  return {};
}

Status Verifier::VerifyFunction(const Function& f) {
  std::vector<uint8_t> state(f.node_count(), 0);
  for (const Node* param : f.params()) {
    if (param == nullptr) return FunctionError(f, "function has a null parameter");
    if (param->op() != Op::kParam)
      return NodeError(f, *param, "parameter is a " + std::string(OpName(param->op())) + " node");
    if (!OwnedBy(f, param)) return NodeError(f, *param, "parameter is not among the function's nodes");
    uint8_t& flags = state[param->position()];
    if ((flags & kIsParam) != 0) return NodeError(f, *param, "parameter is listed twice");
    flags |= kIsParam;
  }

  // Open addressing: no allocation per name.
  llvm::DenseMap<llvm::StringRef, const Node*> names;
  names.reserve(static_cast<unsigned>(f.node_count()));
  for (const auto& owned : f.nodes()) {
    const Node& node = *owned;
    XLSAOT_RETURN_IF_ERROR(CheckStructure(f, node, state));

    auto [named, fresh_name] = names.try_emplace(node.name(), &node);
    if (!fresh_name) {
      const Node& first = *named->second;
      return NodeError(f, node,
                       "name '" + node.name() + "' is already defined" +
                           (first.loc().known() ? " at " + LineColumn(first.loc()) : ""));
    }
    // XLS lets param ids collide with those of other nodes, so only
    // non-param ids must be unique.
    if (node.id() != 0 && node.op() != Op::kParam) {
      auto [seen, fresh_id] = ids_.emplace(node.id(), std::make_pair(&f, &node));
      if (!fresh_id) {
        const auto [other_function, other] = seen->second;
        return NodeError(
            f, node,
            "id=" + std::to_string(node.id()) + " is already used by node '" + other->name() + "'" +
                (other_function == &f ? "" : " in function '" + other_function->name() + "'"));
      }
    }

    if (node.op_info().has_flag(kFlagProcOnly) && !f.is_proc())
      return NodeError(f, node, std::string(node.op_info().name) + " is only allowed in a proc");
    Status rule = CheckTypeRule(node);
    if (!rule.ok()) return NodeError(f, node, rule.error(), rule.code());
    if (node.op_info().has_flag(kFlagCallsFunction)) XLSAOT_RETURN_IF_ERROR(CheckCallee(f, node));
    state[node.position()] |= kDefined;
  }

  if (const Proc* proc = AsProc(f)) {
    // A proc has no parameters and no return value; its state, channels and
    // instantiations are checked by VerifyProc.
    if (!f.params().empty()) return FunctionError(f, "a proc has no parameters");
    XLSAOT_RETURN_IF_ERROR(VerifyProc(*proc));
    acyclic_.insert(&f);
    return {};
  }
  const Node* ret = f.return_node();
  if (ret == nullptr) return FunctionError(f, "function has no return value");
  if (!OwnedBy(f, ret))
    return FunctionError(f, "return value '" + ret->name() + "' is not a node of this function");
  if (f.return_type() == nullptr) return FunctionError(f, "function has no declared return type");
  if (ret->type() != f.return_type()) {
    return NodeError(f, *ret,
                     "return value has type " + ret->type()->ToString() +
                         " but the function is declared to return " + f.return_type()->ToString());
  }
  // Everything `f` calls has been explored without finding a cycle.
  acyclic_.insert(&f);
  return {};
}

Status Verifier::VerifyPackage() {
  std::unordered_map<std::string_view, const Function*> names;
  for (const auto& function : package_->functions()) {
    if (!names.emplace(function->name(), function.get()).second) {
      return FunctionError(*function, "a function named '" + function->name() +
                                          "' is already defined in package '" + package_->name() +
                                          "'");
    }
    if (function->package() != package_)
      return FunctionError(*function, "function is owned by another package");
    XLSAOT_RETURN_IF_ERROR(VerifyFunction(*function));
  }
  for (const auto& proc : package_->procs()) {
    if (!names.emplace(proc->name(), proc.get()).second) {
      return FunctionError(*proc, "'" + proc->name() + "' is already defined in package '" + package_->name() + "'");
    }
    if (proc->package() != package_) return FunctionError(*proc, "proc is owned by another package");
    XLSAOT_RETURN_IF_ERROR(VerifyFunction(*proc));
  }
  XLSAOT_RETURN_IF_ERROR(VerifyProcNetwork(*package_));
  const std::string& top = package_->top_name();
  if (!top.empty() && !names.contains(top)) {
    bool names_other_entity = false;
    for (const NonFunctionEntity& e : package_->non_functions())
      names_other_entity |= e.name == top;
    if (!names_other_entity) {
      return MakeError(
          ErrorCode::kVerify,
          filename_ + ": top '" + top + "' names nothing in package '" + package_->name() + "'");
    }
  }
  return {};
}

}  // namespace

Status VerifyPackage(const Package& package) { return Verifier(&package).VerifyPackage(); }

Status VerifyFunction(const Function& function) {
  return Verifier(function.package()).VerifyFunction(function);
}

}  // namespace xlsaot
