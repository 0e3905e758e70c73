// A function flattened once for fast repeated evaluation.
//
// Every node gets a dense slot index (its position in Function::nodes()), and
// every non-parameter node becomes one step that names its operands by slot,
// so evaluation never looks anything up by name or in a map. Per-op data that
// would otherwise be recomputed on every call (parsed trace formats, zero
// values of result types) is prepared here as well.
#ifndef XLSAOT_INTERP_EVALUATION_PLAN_H_
#define XLSAOT_INTERP_EVALUATION_PLAN_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "interp/trace_format.h"
#include "ir/function.h"
#include "ir/node.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

inline constexpr uint32_t kNoAux = ~uint32_t{0};

struct PlanStep {
  Op op;
  uint32_t slot;            // where the result goes
  uint32_t operands_begin;  // first entry in FunctionPlan::operand_slots
  uint32_t operand_count;
  // trace: index into trace_formats; gate, cover, one_hot_sel, array_index,
  // array_slice, receive: index into constants (the zero value of the result type);
  // otherwise kNoAux.
  uint32_t aux;
  int64_t width;  // bit count of a bits-typed result, else 0
  const Node* node;
};

struct FunctionPlan {
  const Function* function = nullptr;
  // Not ok when the function cannot be evaluated (a structural defect the
  // verifier would have reported); the message says why.
  Status status;
  uint32_t slot_count = 0;
  std::vector<uint32_t> param_slots;
  uint32_t return_slot = 0;
  std::vector<PlanStep> steps;  // in definition order, parameters excluded
  std::vector<uint32_t> operand_slots;
  std::vector<std::vector<TraceFormatStep>> trace_formats;
  std::vector<Value> constants;

  std::span<const uint32_t> operands(const PlanStep& step) const {
    return std::span<const uint32_t>(operand_slots).subspan(step.operands_begin, step.operand_count);
  }
};

// The plan of `function`, built on first use and cached on the function
// (shared by all threads evaluating it).
std::shared_ptr<const FunctionPlan> GetFunctionPlan(const Function& function);

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_EVALUATION_PLAN_H_
