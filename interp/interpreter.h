// The reference interpreter: evaluates a verified function exactly as XLS
// does. Every compiled backend is tested against it.
#ifndef XLSAOT_INTERP_INTERPRETER_H_
#define XLSAOT_INTERP_INTERPRETER_H_

#include <span>

#include "interp/evaluation_plan.h"
#include "interp/events.h"
#include "ir/function.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Evaluates `function` (which must have passed the verifier) on `args`, one
// per parameter. Returns an error (kInvalidArgument) when the number or the
// types of the arguments do not match the signature; the message names the
// parameter. A failing assert is not an error: it is recorded in the events
// and evaluation continues. Events of invoked functions and loop bodies are
// recorded in execution order (nodes run in definition order).
//
// The first call on a function flattens it into an evaluation plan that is
// cached on the function, so later calls do no lookups; any number of
// threads may interpret the same function at once.
//
// Where XLS would not terminate (a dynamic_counted_for whose trip_count *
// stride does not fit its index) the result is a kUnsupported error.
Result<EvalResult> Interpret(const Function& function, std::span<const Value> args);

// Evaluates one step of `plan` into `slots` (its operands' slots written
// already), recording events in `events`: what Interpret does per node, for
// evaluators that drive the steps themselves (the proc interpreter). Proc
// operations (state_read, next_value, send, receive) are the caller's.
Status EvaluateNode(const FunctionPlan& plan, const PlanStep& step, std::vector<Value>& slots, Events& events);

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_INTERPRETER_H_
