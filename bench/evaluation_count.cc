#include "bench/evaluation_count.h"

#include "ir/node.h"

namespace xlsaot::bench {

int64_t NodeEvaluationsPerCall(const Function& function) {
  int64_t count = 0;
  for (const auto& node : function.nodes()) {
    if (node->op() == Op::kParam) continue;
    count += 1;
    const Function* callee = node->attrs().callee;
    if (node->op() == Op::kCountedFor) {
      count += node->attrs().trip_count * NodeEvaluationsPerCall(*callee);
    } else if (node->op() == Op::kInvoke) {
      count += NodeEvaluationsPerCall(*callee);
    } else if (node->op() == Op::kMap) {
      count += node->operand(0)->type()->size() * NodeEvaluationsPerCall(*callee);
    }
  }
  return count;
}

}  // namespace xlsaot::bench
