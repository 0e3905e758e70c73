// Path specialisation on rare conditions.
//
// XLS IR is dataflow: a select computes both of its arms, so the special
// cases of a function (a floating-point operand that is NaN, infinite or
// zero, a sum that cancels to zero) are paid for on every call. Hand-written
// C puts them behind branches and computes only the path taken. This is how
// the lowering does the same without knowing the data: an equality of a
// value of at least RarePathOptions::min_bits bits against a constant is
// true for one operand in 2^min_bits when operands are uniform (the static
// heuristic compilers use for `==` against a constant), so its outcome is
// "not equal" on the common path. Where assuming that outcome lets much of the function
// fold away, the compiled code branches on the comparison: the code after
// it exists twice, once with the common outcome known (everything the
// condition decided folds away) and once with the rare outcome known.
// Every path computes exactly what the dataflow computes, so results and
// events are the same on either side; only the time differs.
#ifndef XLSAOT_CODEGEN_RARE_PATHS_H_
#define XLSAOT_CODEGEN_RARE_PATHS_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "codegen/lowering.h"
#include "ir/function.h"
#include "llvm/IR/Function.h"

namespace xlsaot::codegen {

// A comparison worth a branch, and its outcome on the common path (false
// for eq, true for ne).
struct RareCondition {
  const Node* node = nullptr;
  bool common_value = false;
};

// The conditions to branch on in `f`, in node order. Empty when `f` has a
// loop (whose copies would share loop metadata) or when the common path
// would not get shorter by the gain `options` asks for.
std::vector<RareCondition> ChooseRareConditions(const Function& f, const RarePathOptions& options);

// `order` (a topological order of `f`'s nodes without its params) with the
// conditions moved as early as they can go: before anything else, each
// condition (the one needing the fewest nodes first) with the nodes it
// needs. Branching early means the common path does not keep values for
// the rare ones alive, and more code follows a condition that knows it.
// Nodes for which `movable` is false (and conditions needing them) stay in
// place. `conditions` is reordered into the new order.
std::vector<const Node*> ConditionsFirst(std::span<const Node* const> order, std::vector<RareCondition>& conditions,
                                         const std::function<bool(const Node&)>& movable);

// A condition's value in the LLVM function being split.
struct LoweredCondition {
  llvm::Value* value = nullptr;  // i1
  bool common_value = false;
};

// Splits `fn` at each condition, in order: the code after the condition's
// instruction is copied, the copy taken (marked unlikely) when the value is
// not the common one, and each copy sees the condition as the constant it
// is there. Conditions that are not instructions of `fn` are skipped.
void SplitOnRareConditions(llvm::Function& fn, std::span<const LoweredCondition> conditions);

}  // namespace xlsaot::codegen

#endif  // XLSAOT_CODEGEN_RARE_PATHS_H_
