#include "interp/evaluation_plan.h"

#include <string>
#include <unordered_map>

#include "ir/package.h"

namespace xlsaot {
namespace {

// Identifies the interpreter's entry in Function's derived-data cache.
constexpr char kPlanKey = 0;

std::string Where(const Function& function, const Node* node) {
  const std::string file = function.package() ? function.package()->filename() : "<function>";
  std::string s = FormatLocation(file, node ? node->loc() : function.loc()) + ": in function '" +
                  function.name() + "'";
  if (node) s += ", node '" + node->name() + "'";
  return s;
}

std::shared_ptr<const FunctionPlan> Fail(std::shared_ptr<FunctionPlan> plan, const Node* node,
                                         const std::string& what) {
  plan->status = MakeError(ErrorCode::kVerify, Where(*plan->function, node) + ": " + what);
  return plan;
}

bool NeedsZeroConstant(Op op) {
  return op == Op::kGate || op == Op::kCover || op == Op::kOneHotSel || op == Op::kArrayIndex ||
         op == Op::kArraySlice || op == Op::kReceive;
}

std::shared_ptr<const FunctionPlan> BuildPlan(const Function& function) {
  auto plan = std::make_shared<FunctionPlan>();
  plan->function = &function;
  const auto nodes = function.nodes();
  plan->slot_count = static_cast<uint32_t>(nodes.size());

  std::unordered_map<const Node*, uint32_t> slot_of;
  slot_of.reserve(nodes.size());
  for (uint32_t i = 0; i < nodes.size(); ++i) slot_of.emplace(nodes[i].get(), i);

  for (Node* param : function.params()) {
    auto it = slot_of.find(param);
    if (it == slot_of.end()) return Fail(plan, param, "parameter is not in the node list");
    plan->param_slots.push_back(it->second);
  }
  // A proc has no return value: its activation ends after its last node.
  if (!function.is_proc()) {
    if (function.return_node() == nullptr) return Fail(plan, nullptr, "function has no return value");
    auto ret = slot_of.find(function.return_node());
    if (ret == slot_of.end()) return Fail(plan, function.return_node(), "return value is not in the function");
    plan->return_slot = ret->second;
  }

  plan->steps.reserve(nodes.size() - function.params().size());
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    const Node* node = nodes[i].get();
    if (node->op() == Op::kParam) continue;
    PlanStep step{};
    step.op = node->op();
    step.slot = i;
    step.operands_begin = static_cast<uint32_t>(plan->operand_slots.size());
    step.operand_count = static_cast<uint32_t>(node->operand_count());
    step.aux = kNoAux;
    step.width = node->type()->IsBits() ? node->type()->bit_count() : 0;
    step.node = node;
    for (const Node* operand : node->operands()) {
      auto it = slot_of.find(operand);
      // Operands must be defined earlier, so every slot is written before it
      // is read.
      if (it == slot_of.end() || it->second >= i)
        return Fail(plan, node, "operand '" + operand->name() + "' is not defined before its use");
      plan->operand_slots.push_back(it->second);
    }
    // Evaluation reads operands by position; make sure they exist even if the
    // function skipped the verifier.
    const int positional = node->op_info().positional_operands;
    const size_t needed = (positional == kVariadic ? 0 : static_cast<size_t>(positional)) +
                          (node->attrs().has_default ? 1 : 0);
    if (node->operand_count() < needed)
      return Fail(plan, node, "expected at least " + std::to_string(needed) + " operands");
    if (node->op_info().has_flag(kFlagCallsFunction) && node->attrs().callee == nullptr)
      return Fail(plan, node, std::string(OpName(node->op())) + " names no function to call");
    if (node->op() == Op::kTrace) {
      Result<std::vector<TraceFormatStep>> format = ParseTraceFormat(node->attrs().format);
      if (!format.ok()) return Fail(plan, node, format.error());
      if (TraceOperandCount(*format) != static_cast<int64_t>(node->data_operands().size()))
        return Fail(plan, node, "trace format and data operands disagree in number");
      step.aux = static_cast<uint32_t>(plan->trace_formats.size());
      plan->trace_formats.push_back(std::move(format).value());
    } else if (NeedsZeroConstant(node->op())) {
      step.aux = static_cast<uint32_t>(plan->constants.size());
      plan->constants.push_back(Value::Zero(node->type()));
    }
    plan->steps.push_back(step);
  }
  return plan;
}

}  // namespace

std::shared_ptr<const FunctionPlan> GetFunctionPlan(const Function& function) {
  return function.GetOrBuildDerived<FunctionPlan>(&kPlanKey, [&] { return BuildPlan(function); });
}

}  // namespace xlsaot
