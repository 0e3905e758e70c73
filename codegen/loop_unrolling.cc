#include "codegen/loop_unrolling.h"

#include <algorithm>

#include "ir/type.h"

namespace xlsaot::codegen {
namespace {

// a * b, or limit + 1 when that exceeds limit (a, b >= 0).
int64_t SaturatingProduct(int64_t a, int64_t b, int64_t limit) {
  if (a == 0 || b == 0) return 0;
  return a > (limit + 1) / b ? limit + 1 : std::min(a * b, limit + 1);
}

// `times` evaluations of `callee` (not measured when there are none).
int64_t Repeated(int64_t times, const Function& callee, int64_t limit) {
  return times == 0 ? 0 : SaturatingProduct(times, UnrollingCost(callee, limit), limit);
}

}  // namespace

int64_t UnrollingCost(const Function& function, int64_t limit) {
  int64_t total = 0;
  for (const auto& node : function.nodes()) {
    if (node->type()->IsBits() && node->type()->bit_count() > kMaxUnrolledBits) return limit + 1;
    int64_t cost = 1;
    const Function* callee = node->attrs().callee;
    switch (node->op()) {
      case Op::kInvoke:
      case Op::kDynamicCountedFor:
        cost += UnrollingCost(*callee, limit);
        break;
      case Op::kMap:
        cost += Repeated(node->type()->size(), *callee, limit);
        break;
      case Op::kCountedFor:
        cost += Repeated(node->attrs().trip_count, *callee, limit);
        break;
      default:
        break;
    }
    total = std::min(total + cost, limit + 1);
    if (total > limit) break;
  }
  return total;
}

bool ShouldUnrollFully(const Node& loop, int64_t budget) {
  const int64_t trips = loop.attrs().trip_count;
  if (budget <= 0 || trips < 2) return false;
  return Repeated(trips, *loop.attrs().callee, budget) <= budget;
}

}  // namespace xlsaot::codegen
