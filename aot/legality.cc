#include "aot/legality.h"

#include <map>
#include <string>

#include "ir/package.h"

namespace xlsaot {
namespace {

bool CallsFunction(const Node& node) {
  return node.op_info().has_flag(kFlagCallsFunction) && node.attrs().callee != nullptr;
}

// How a function was first reached: the calling node (nullptr for top).
using ReachedFrom = std::map<const Function*, const Node*>;

// Walks the call graph without recursion (call chains may be deep), visiting
// callees in node order so that the result is deterministic.
std::vector<const Function*> Walk(const Function& top, ReachedFrom& from) {
  std::vector<const Function*> order;
  std::vector<const Function*> pending{&top};
  from[&top] = nullptr;
  while (!pending.empty()) {
    const Function* f = pending.back();
    pending.pop_back();
    order.push_back(f);
    // Push in reverse so the first callee in node order is visited first.
    const auto nodes = f->nodes();
    for (size_t i = nodes.size(); i-- > 0;) {
      const Node& node = *nodes[i];
      if (!CallsFunction(node)) continue;
      const Function* callee = node.attrs().callee;
      if (from.count(callee)) continue;
      from[callee] = &node;
      pending.push_back(callee);
    }
  }
  return order;
}

std::string CallChain(const Function& f, const ReachedFrom& from) {
  std::string chain;
  const Function* current = &f;
  // Bounded by the number of functions: each step moves to the function
  // that first reached the current one, which was reached strictly earlier.
  for (size_t steps = 0; steps <= from.size(); ++steps) {
    const Node* via = from.at(current);
    if (via == nullptr) break;
    chain += ", reached from '" + via->function()->name() + "' through " +
             std::string(via->op_info().name) + " '" + via->name() + "'";
    current = via->function();
  }
  return chain;
}

std::string NodeLocation(const Node& node) {
  const Package* package = node.function()->package();
  return FormatLocation(package != nullptr ? package->filename() : "<ir>", node.loc());
}

}  // namespace

std::vector<const Function*> ReachableFunctions(const Function& top) {
  ReachedFrom from;
  return Walk(top, from);
}

Status CheckAotLegality(const Function& top, bool events) {
  if (events) return Status::Ok();
  ReachedFrom from;
  for (const Function* f : Walk(top, from)) {
    for (const auto& node : f->nodes()) {
      if (node->op() != Op::kTrace && node->op() != Op::kCover) continue;
      return MakeError(
          ErrorCode::kUnsupported,
          NodeLocation(*node) + ": " + std::string(node->op_info().name) + " '" + node->name() +
              "' in function '" + f->name() + "'" + CallChain(*f, from) +
              ": ahead-of-time compiled code emits " + std::string(node->op_info().name) +
              " events only when compiled with events (--events, or EVENTS in xlsaot_add_library)");
    }
  }
  return Status::Ok();
}

}  // namespace xlsaot
