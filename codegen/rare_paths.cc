#include "codegen/rare_paths.h"

#include <algorithm>
#include <set>

#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

namespace xlsaot::codegen {
namespace {

constexpr int8_t kUnknown = -1;

// Operations whose lowering is a loop: copying one would give two loops the
// same loop metadata.
bool LowersToLoop(Op op) { return op == Op::kCountedFor || op == Op::kDynamicCountedFor || op == Op::kMap; }

// eq or ne of a value of at least `min_bits` bits against a literal.
bool IsRareComparison(const Node& n, int64_t min_bits) {
  if (n.op() != Op::kEq && n.op() != Op::kNe) return false;
  const Node* x = n.operand(0);
  const Node* y = n.operand(1);
  if (!x->type()->IsBits() || x->type()->bit_count() < min_bits) return false;
  return x->op() == Op::kLiteral || y->op() == Op::kLiteral;
}

// A condition's outcome on the common path: an eq is false, an ne true.
int8_t CommonOutcome(const Node& condition) { return condition.op() == Op::kNe ? 1 : 0; }

// How many nodes the common path computes when some conditions are known:
// values of one bit are propagated through logic and selects, a select
// whose selector is known keeps only the chosen case, and what nothing
// live uses is not computed. Every other node costs one; so does a
// condition, whose comparison the machine fuses with its branch (x86 runs
// a compare and a conditional jump as one operation), and which stays
// computed even when nothing else uses it.
class CommonPathCost {
 public:
  explicit CommonPathCost(const Function& f) : f_(f) {}

  // `assumed[i]` is the common value of node i when it is a condition
  // branched on, else kUnknown.
  int64_t Cost(const std::vector<int8_t>& assumed) {
    const auto nodes = f_.nodes();
    const size_t n = nodes.size();
    known_.assign(n, kUnknown);
    for (size_t i = 0; i < n; ++i) known_[i] = assumed[i] != kUnknown ? assumed[i] : Fold(*nodes[i]);

    live_.assign(n, false);
    if (f_.return_node() != nullptr) live_[f_.return_node()->position()] = true;
    int64_t cost = 0;
    for (size_t i = n; i-- > 0;) {
      const Node& node = *nodes[i];
      const bool condition = assumed[i] != kUnknown;
      if (node.op_info().has_flag(kFlagSideEffecting) || condition) live_[i] = true;
      if (!live_[i]) continue;
      if (known_[i] != kUnknown && !condition) continue;  // a constant
      if (node.op() == Op::kSel && Known(node.selector()) != kUnknown) {
        live_[ChosenCase(node)->position()] = true;  // the chosen case itself
        continue;
      }
      if (node.op() != Op::kParam && node.op() != Op::kLiteral) cost += 1;
      for (const Node* operand : node.operands()) live_[operand->position()] = true;
    }
    return cost;
  }

 private:
  int8_t Known(const Node* n) const { return known_[n->position()]; }

  const Node* ChosenCase(const Node& sel) const {
    const size_t s = static_cast<size_t>(Known(sel.selector()));
    return s < sel.cases().size() ? sel.cases()[s] : sel.default_value();
  }

  // The node's value when it is one bit and follows from known operands.
  int8_t Fold(const Node& n) const {
    if (!n.type()->IsBits() || n.type()->bit_count() != 1) return kUnknown;
    auto all_known = [&] {
      return std::all_of(n.operands().begin(), n.operands().end(),
                         [&](const Node* o) { return Known(o) != kUnknown; });
    };
    auto any_is = [&](int8_t v) {
      return std::any_of(n.operands().begin(), n.operands().end(), [&](const Node* o) { return Known(o) == v; });
    };
    switch (n.op()) {
      case Op::kLiteral:
        return n.attrs().value.bits().isZero() ? 0 : 1;
      case Op::kIdentity:
        return Known(n.operand(0));
      case Op::kNot:
        return Known(n.operand(0)) == kUnknown ? kUnknown : static_cast<int8_t>(1 - Known(n.operand(0)));
      case Op::kAnd:
      case Op::kNand: {
        const int8_t inverted = n.op() == Op::kNand ? 1 : 0;
        if (any_is(0)) return static_cast<int8_t>(0 ^ inverted);
        return all_known() ? static_cast<int8_t>(1 ^ inverted) : kUnknown;
      }
      case Op::kOr:
      case Op::kNor: {
        const int8_t inverted = n.op() == Op::kNor ? 1 : 0;
        if (any_is(1)) return static_cast<int8_t>(1 ^ inverted);
        return all_known() ? static_cast<int8_t>(0 ^ inverted) : kUnknown;
      }
      case Op::kXor: {
        if (!all_known()) return kUnknown;
        int8_t parity = 0;
        for (const Node* o : n.operands()) parity ^= Known(o);
        return parity;
      }
      case Op::kSel:
        if (Known(n.selector()) == kUnknown) return kUnknown;
        return Known(ChosenCase(n));
      default:
        return kUnknown;
    }
  }

  const Function& f_;
  std::vector<int8_t> known_;
  std::vector<bool> live_;
};

}  // namespace

std::vector<RareCondition> ChooseRareConditions(const Function& f, const RarePathOptions& limits) {
  if (limits.max_conditions <= 0 || f.return_node() == nullptr) return {};
  std::vector<const Node*> candidates;
  for (const auto& node : f.nodes()) {
    if (LowersToLoop(node->op())) return {};
    if (IsRareComparison(*node, limits.min_bits)) candidates.push_back(node.get());
  }
  if (candidates.empty()) return {};

  // Greedily add the condition that shortens the common path most, while
  // one shortens it at all.
  CommonPathCost path(f);
  std::vector<int8_t> assumed(f.nodes().size(), kUnknown);
  const int64_t unspecialised = path.Cost(assumed);
  int64_t cost = unspecialised;
  // In the order they were chosen; positions, not pointers, so that the
  // choice (and the artifact) is the same on every run.
  std::vector<const Node*> chosen;
  while (static_cast<int>(chosen.size()) < limits.max_conditions) {
    const Node* best = nullptr;
    int64_t best_cost = cost;
    for (const Node* c : candidates) {
      if (assumed[c->position()] != kUnknown) continue;  // chosen already
      assumed[c->position()] = CommonOutcome(*c);
      const int64_t with_c = path.Cost(assumed);
      assumed[c->position()] = kUnknown;
      if (with_c < best_cost) {
        best = c;
        best_cost = with_c;
      }
    }
    if (best == nullptr) break;
    chosen.push_back(best);
    assumed[best->position()] = CommonOutcome(*best);
    cost = best_cost;
  }
  // A condition chosen early may have become useless through later ones
  // (its uses folded away): drop those that no longer pay.
  for (const Node* c : chosen) {
    assumed[c->position()] = kUnknown;
    const int64_t without = path.Cost(assumed);
    if (without <= cost) {
      cost = without;
    } else {
      assumed[c->position()] = CommonOutcome(*c);
    }
  }
  const int64_t gain = unspecialised - cost;
  if (gain < limits.min_gain_nodes || gain * 64 < unspecialised * limits.min_gain_64ths) return {};

  std::vector<RareCondition> conditions;
  for (const Node* c : candidates) {
    if (assumed[c->position()] != kUnknown) conditions.push_back({c, CommonOutcome(*c) == 1});
  }
  return conditions;
}

std::vector<const Node*> ConditionsFirst(std::span<const Node* const> order, std::vector<RareCondition>& conditions,
                                         const std::function<bool(const Node&)>& movable) {
  // Params are not in `order`: they are there before everything.
  std::set<const Node*> scheduled;
  // The unscheduled nodes `root` needs, in topological order; `ok` false
  // when one of them may not move.
  auto cone = [&](const Node* root, bool& ok) {
    std::vector<const Node*> nodes;
    std::set<const Node*> seen;
    std::vector<std::pair<const Node*, size_t>> stack{{root, 0}};
    seen.insert(root);
    ok = true;
    while (!stack.empty() && ok) {
      auto& [node, next] = stack.back();
      if (next < node->operand_count()) {
        const Node* operand = node->operand(next++);
        if (operand->op() != Op::kParam && scheduled.count(operand) == 0 && seen.insert(operand).second)
          stack.push_back({operand, 0});
        continue;
      }
      if (!movable(*node)) ok = false;
      nodes.push_back(node);
      stack.pop_back();
    }
    return nodes;
  };
  std::vector<const Node*> result;
  std::vector<RareCondition> pending = conditions;
  std::vector<RareCondition> moved;
  for (;;) {
    size_t best = pending.size();
    std::vector<const Node*> best_cone;
    for (size_t i = 0; i < pending.size(); ++i) {
      bool ok = false;
      std::vector<const Node*> nodes = cone(pending[i].node, ok);
      if (ok && (best == pending.size() || nodes.size() < best_cone.size())) {
        best = i;
        best_cone = std::move(nodes);
      }
    }
    if (best == pending.size()) break;
    for (const Node* node : best_cone) {
      scheduled.insert(node);
      result.push_back(node);
    }
    moved.push_back(pending[best]);
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(best));
  }
  for (const Node* node : order) {
    if (scheduled.insert(node).second) result.push_back(node);
  }
  // Conditions that could not move keep their place, after the moved ones.
  std::sort(pending.begin(), pending.end(),
            [](const RareCondition& a, const RareCondition& b) { return a.node->position() < b.node->position(); });
  moved.insert(moved.end(), pending.begin(), pending.end());
  conditions = std::move(moved);
  return result;
}

namespace {

// The blocks reachable from `start`.
std::vector<llvm::BasicBlock*> ReachableFrom(llvm::BasicBlock* start) {
  std::vector<llvm::BasicBlock*> order{start};
  std::set<llvm::BasicBlock*> seen{start};
  for (size_t i = 0; i < order.size(); ++i) {
    for (llvm::BasicBlock* next : llvm::successors(order[i])) {
      if (seen.insert(next).second) order.push_back(next);
    }
  }
  return order;
}

}  // namespace

void SplitOnRareConditions(llvm::Function& fn, std::span<const LoweredCondition> conditions) {
  llvm::LLVMContext& context = fn.getContext();
  for (const LoweredCondition& condition : conditions) {
    auto* inst = llvm::dyn_cast_or_null<llvm::Instruction>(condition.value);
    if (inst == nullptr || inst->getFunction() != &fn || inst->isTerminator()) continue;
    llvm::BasicBlock* head = inst->getParent();
    llvm::BasicBlock* common = head->splitBasicBlock(inst->getNextNode(), head->getName() + ".common");
    const std::vector<llvm::BasicBlock*> region = ReachableFrom(common);
    const std::set<llvm::BasicBlock*> in_region(region.begin(), region.end());
    // Only code entered solely through the split can be copied as a whole.
    const bool closed = std::all_of(region.begin(), region.end(), [&](llvm::BasicBlock* bb) {
      return std::all_of(llvm::pred_begin(bb), llvm::pred_end(bb), [&](llvm::BasicBlock* pred) {
        return in_region.count(pred) != 0 || (bb == common && pred == head);
      });
    });
    if (!closed) continue;

    llvm::ValueToValueMapTy map;
    std::vector<llvm::BasicBlock*> copies;
    for (llvm::BasicBlock* bb : region) {
      llvm::BasicBlock* copy = llvm::CloneBasicBlock(bb, map, ".rare", &fn);
      map[bb] = copy;
      copies.push_back(copy);
    }
    llvm::remapInstructionsInBlocks(copies, map);
    const std::set<llvm::BasicBlock*> in_copy(copies.begin(), copies.end());

    llvm::BasicBlock* rare = llvm::cast<llvm::BasicBlock>(map[common]);
    head->getTerminator()->eraseFromParent();
    llvm::MDBuilder weights(context);
    auto* branch = condition.common_value
                       ? llvm::BranchInst::Create(common, rare, inst, head)
                       : llvm::BranchInst::Create(rare, common, inst, head);
    branch->setMetadata(llvm::LLVMContext::MD_prof, condition.common_value ? weights.createLikelyBranchWeights()
                                                                           : weights.createUnlikelyBranchWeights());

    llvm::Constant* common_constant = llvm::ConstantInt::getBool(context, condition.common_value);
    llvm::Constant* rare_constant = llvm::ConstantInt::getBool(context, !condition.common_value);
    inst->replaceUsesWithIf(common_constant, [&](llvm::Use& use) {
      auto* user = llvm::cast<llvm::Instruction>(use.getUser());
      return user != branch && in_copy.count(user->getParent()) == 0;
    });
    inst->replaceUsesWithIf(rare_constant, [&](llvm::Use& use) {
      return use.getUser() != branch;
    });
  }
}

}  // namespace xlsaot::codegen
