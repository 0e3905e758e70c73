#include "interp/interpreter.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "interp/bits_ops.h"
#include "interp/evaluation_plan.h"
#include "interp/trace_format.h"
#include "ir/function_arguments.h"
#include "ir/package.h"

namespace xlsaot {
namespace {

using llvm::APInt;

// XLS forbids recursion (the verifier rejects it); the limit only keeps
// unverified IR from exhausting the stack.
constexpr int kMaxCallDepth = 512;

std::string Where(const Node& node) {
  const Function& f = *node.function();
  const std::string file = f.package() ? f.package()->filename() : "<function>";
  return FormatLocation(file, node.loc()) + ": in function '" + f.name() + "', node '" +
         node.name() + "'";
}

void SetBits(Value& slot, APInt bits) {
  if (slot.IsBits()) {
    slot.mutable_bits() = std::move(bits);
  } else {
    slot = Value::Bits(std::move(bits));
  }
}

// acc |= v, leaf by leaf (acc and v have the same type).
void DeepOrInto(Value& acc, const Value& v) {
  switch (acc.kind()) {
    case Value::Kind::kBits:
      if (acc.bit_count() != 0) acc.mutable_bits() |= v.bits();
      return;
    case Value::Kind::kToken:
      return;
    case Value::Kind::kTuple:
    case Value::Kind::kArray:
      for (size_t i = 0; i < acc.size(); ++i) DeepOrInto(acc.mutable_elements()[i], v.element(i));
      return;
  }
}

// Writes `value` at `indices` inside `array` (a copy owned by the caller);
// an out-of-bounds index anywhere leaves the array unchanged.
void UpdateElement(Value& array, std::span<const APInt* const> indices, const Value& value) {
  const uint64_t i = bits_ops::ToBoundedUnsigned(*indices[0], array.size());
  if (i >= array.size()) return;
  Value& element = array.mutable_elements()[i];
  if (indices.size() == 1) {
    element = value;
  } else {
    UpdateElement(element, indices.subspan(1), value);
  }
}

class Evaluator {
 public:
  explicit Evaluator(Events& events) : events_(events) {}

  // Evaluates `plan` on `args` using `slots` as its storage (resized as
  // needed and reusable across calls of the same plan: every slot is written
  // before it is read).
  Result<Value> Call(const FunctionPlan& plan, std::span<const Value* const> args,
                     std::vector<Value>& slots, int depth) {
    if (depth > kMaxCallDepth) {
      return MakeError(ErrorCode::kUnsupported,
                       "call depth exceeds " + std::to_string(kMaxCallDepth) + " in function '" +
                           plan.function->name() + "' (recursive IR?)");
    }
    if (slots.size() < plan.slot_count) slots.resize(plan.slot_count);
    for (size_t i = 0; i < plan.param_slots.size(); ++i) slots[plan.param_slots[i]] = *args[i];
    for (const PlanStep& step : plan.steps) {
      XLSAOT_RETURN_IF_ERROR(Execute(plan, step, slots, depth));
    }
    return std::move(slots[plan.return_slot]);
  }

  Status Execute(const FunctionPlan& plan, const PlanStep& step, std::vector<Value>& slots,
                 int depth);

 private:
  Result<const FunctionPlan*> CalleePlan(const Node& node,
                                         std::shared_ptr<const FunctionPlan>& holder);
  Status ExecuteCall(const PlanStep& step, std::span<const uint32_t> operands,
                     std::vector<Value>& slots, int depth);

  Events& events_;
};

Result<const FunctionPlan*> Evaluator::CalleePlan(const Node& node,
                                                  std::shared_ptr<const FunctionPlan>& holder) {
  holder = GetFunctionPlan(*node.attrs().callee);
  if (!holder->status.ok()) return holder->status.error_value();
  return holder.get();
}

Status Evaluator::ExecuteCall(const PlanStep& step, std::span<const uint32_t> operands,
                              std::vector<Value>& slots, int depth) {
  const Node& node = *step.node;
  std::shared_ptr<const FunctionPlan> holder;
  XLSAOT_ASSIGN_OR_RETURN(const FunctionPlan* callee, CalleePlan(node, holder));
  const size_t param_count = callee->param_slots.size();
  std::vector<Value> callee_slots;
  std::vector<const Value*> args;
  args.reserve(param_count);
  Value& out = slots[step.slot];

  if (step.op == Op::kInvoke) {
    if (operands.size() < param_count)
      return MakeError(ErrorCode::kVerify, Where(node) + ": too few arguments for the callee");
    for (size_t i = 0; i < param_count; ++i) args.push_back(&slots[operands[i]]);
    XLSAOT_ASSIGN_OR_RETURN(out, Call(*callee, args, callee_slots, depth + 1));
    return {};
  }
  if (step.op == Op::kMap) {
    if (param_count != 1)
      return MakeError(ErrorCode::kVerify, Where(node) + ": map function must take one parameter");
    const Value& input = slots[operands[0]];
    std::vector<Value> results;
    results.reserve(input.size());
    args.push_back(nullptr);
    for (const Value& element : input.elements()) {
      args[0] = &element;
      XLSAOT_ASSIGN_OR_RETURN(Value r, Call(*callee, args, callee_slots, depth + 1));
      results.push_back(std::move(r));
    }
    out = Value::Array(std::move(results));
    return {};
  }
  if (step.op == Op::kCountedFor || step.op == Op::kDynamicCountedFor) {
    const bool dynamic = step.op == Op::kDynamicCountedFor;
    const size_t first_invariant = dynamic ? 3 : 1;
    if (param_count != 2 + (operands.size() - first_invariant) ||
        !node.attrs().callee->param(0)->type()->IsBits()) {
      return MakeError(ErrorCode::kVerify,
                       Where(node) + ": loop body parameters do not match the loop");
    }
    const int64_t index_width = node.attrs().callee->param(0)->type()->bit_count();
    Value index = Value::Bits(bits_ops::Zeros(index_width));
    Value state = slots[operands[0]];
    args.push_back(&index);
    args.push_back(&state);
    for (size_t i = first_invariant; i < operands.size(); ++i) args.push_back(&slots[operands[i]]);

    if (!dynamic) {
      const NodeAttributes& a = node.attrs();
      // The index is i * stride modulo 2^index_width: summed in the index's
      // width, so that no intermediate product can overflow (an index wider
      // than 64 bits with trip_count * stride beyond 2^63 would).
      const APInt step_by =
          APInt(static_cast<unsigned>(std::max<int64_t>(index_width, 64)), static_cast<uint64_t>(a.stride),
                /*isSigned=*/true)
              .trunc(static_cast<unsigned>(index_width));
      for (int64_t i = 0; i < a.trip_count; ++i) {
        if (i > 0) index.mutable_bits() += step_by;
        XLSAOT_ASSIGN_OR_RETURN(Value next, Call(*callee, args, callee_slots, depth + 1));
        state = std::move(next);
      }
      out = std::move(state);
      return {};
    }

    // XLS steps the index by the (signed) stride until it equals
    // trip_count * stride, with the trip count unsigned. That takes
    // exactly trip_count trips when the limit fits the index (none when
    // the stride is zero); otherwise XLS never stops, which is reported.
    const APInt& trip = slots[operands[1]].bits();
    const APInt& stride = slots[operands[2]].bits();
    const int64_t limit_width = trip.getBitWidth() + 1 + stride.getBitWidth();
    const APInt limit = bits_ops::Resize(trip, limit_width, false) *
                        bits_ops::Resize(stride, limit_width, true);
    if (limit.getSignificantBits() > static_cast<unsigned>(index_width) && !limit.isZero()) {
      return MakeError(ErrorCode::kUnsupported,
                       Where(node) + ": dynamic_counted_for never terminates: trip_count * stride = " +
                           BitsToString(limit, FormatPreference::kSignedDecimal) +
                           " does not fit the " + std::to_string(index_width) +
                           "-bit signed index");
    }
    const APInt index_limit = bits_ops::Resize(limit, index_width, true);
    const APInt step_by = bits_ops::Resize(stride, index_width, true);
    while (index.bits() != index_limit) {
      XLSAOT_ASSIGN_OR_RETURN(Value next, Call(*callee, args, callee_slots, depth + 1));
      state = std::move(next);
      index.mutable_bits() += step_by;
    }
    out = std::move(state);
    return {};
  }
  return MakeError(ErrorCode::kInternal, Where(node) + ": not a call");
}

Status Evaluator::Execute(const FunctionPlan& plan, const PlanStep& step, std::vector<Value>& slots,
                          int depth) {
  const std::span<const uint32_t> ops = plan.operands(step);
  auto in = [&](size_t i) -> const Value& { return slots[ops[i]]; };
  auto bits = [&](size_t i) -> const APInt& { return slots[ops[i]].bits(); };
  Value& out = slots[step.slot];
  const Node& node = *step.node;
  // An array_index (indices from operand 1) or array_update (from operand
  // 2) marked assumed_in_bounds=true that is indexed out of bounds: counted
  // as a failed assumption; the value is computed as without the mark.
  auto note_assumption = [&](size_t first_index) {
    if (!node.attrs().assumed_in_bounds) return;
    const Type* t = node.operand(0)->type();
    for (size_t i = first_index; i < ops.size(); ++i) {
      if (bits(i).uge(static_cast<uint64_t>(t->size()))) {
        events_.RecordAssumptionFailure(node.name(), node.op_info().name);
        return;
      }
      t = t->element();
    }
  };

  switch (step.op) {
    // --- arithmetic ---
    case Op::kAdd:
      SetBits(out, step.width == 0 ? bits(0) : bits(0) + bits(1));
      return {};
    case Op::kSub:
      SetBits(out, step.width == 0 ? bits(0) : bits(0) - bits(1));
      return {};
    case Op::kNeg:
      SetBits(out, bits_ops::Negate(bits(0)));
      return {};
    case Op::kUMul:
      SetBits(out, bits_ops::UMul(bits(0), bits(1), step.width));
      return {};
    case Op::kSMul:
      SetBits(out, bits_ops::SMul(bits(0), bits(1), step.width));
      return {};
    case Op::kUMulp:
    case Op::kSMulp: {
      const Type* half = node.type()->IsTuple() && node.type()->elements().size() == 2
                             ? node.type()->elements()[0]
                             : nullptr;
      if (half == nullptr || !half->IsBits())
        return MakeError(ErrorCode::kVerify, Where(node) + ": result must be a pair of bits");
      const int64_t w = half->bit_count();
      const APInt product = step.op == Op::kUMulp ? bits_ops::UMul(bits(0), bits(1), w)
                                                  : bits_ops::SMul(bits(0), bits(1), w);
      // The split XLS's interpreter uses: (offset, product - offset).
      APInt offset = bits_ops::MulpOffset(w);
      APInt rest = w == 0 ? product : product - offset;
      out = Value::Tuple({Value::Bits(std::move(offset)), Value::Bits(std::move(rest))});
      return {};
    }
    case Op::kUDiv:
      SetBits(out, bits_ops::UDiv(bits(0), bits(1)));
      return {};
    case Op::kSDiv:
      SetBits(out, bits_ops::SDiv(bits(0), bits(1)));
      return {};
    case Op::kUMod:
      SetBits(out, bits_ops::UMod(bits(0), bits(1)));
      return {};
    case Op::kSMod:
      SetBits(out, bits_ops::SMod(bits(0), bits(1)));
      return {};

    // --- bitwise logic ---
    case Op::kNot: {
      APInt r = bits(0);
      if (step.width != 0) r.flipAllBits();
      SetBits(out, std::move(r));
      return {};
    }
    case Op::kAnd:
    case Op::kNand: {
      APInt r = APInt::getAllOnes(static_cast<unsigned>(step.width));
      for (size_t i = 0; i < ops.size(); ++i) r &= bits(i);
      if (step.op == Op::kNand && step.width != 0) r.flipAllBits();
      SetBits(out, std::move(r));
      return {};
    }
    case Op::kOr:
    case Op::kNor:
    case Op::kXor: {
      APInt r = bits_ops::Zeros(step.width);
      if (step.op == Op::kXor) {
        for (size_t i = 0; i < ops.size(); ++i) r ^= bits(i);
      } else {
        for (size_t i = 0; i < ops.size(); ++i) r |= bits(i);
      }
      if (step.op == Op::kNor && step.width != 0) r.flipAllBits();
      SetBits(out, std::move(r));
      return {};
    }
    case Op::kAndReduce:
      // bits[0] is "all ones", as in XLS.
      SetBits(out, APInt(1, bits(0).isAllOnes() ? 1 : 0));
      return {};
    case Op::kOrReduce:
      SetBits(out, APInt(1, bits(0).isZero() ? 0 : 1));
      return {};
    case Op::kXorReduce:
      SetBits(out, APInt(1, bits(0).popcount() & 1));
      return {};

    // --- comparisons ---
    case Op::kEq:
      SetBits(out, APInt(1, in(0) == in(1) ? 1 : 0));
      return {};
    case Op::kNe:
      SetBits(out, APInt(1, in(0) != in(1) ? 1 : 0));
      return {};
    case Op::kULt:
      SetBits(out, APInt(1, bits(0).ult(bits(1)) ? 1 : 0));
      return {};
    case Op::kULe:
      SetBits(out, APInt(1, bits(0).ule(bits(1)) ? 1 : 0));
      return {};
    case Op::kUGt:
      SetBits(out, APInt(1, bits(0).ugt(bits(1)) ? 1 : 0));
      return {};
    case Op::kUGe:
      SetBits(out, APInt(1, bits(0).uge(bits(1)) ? 1 : 0));
      return {};
    case Op::kSLt:
      SetBits(out, APInt(1, bits_ops::SignedLessThan(bits(0), bits(1)) ? 1 : 0));
      return {};
    case Op::kSLe:
      SetBits(out, APInt(1, !bits_ops::SignedLessThan(bits(1), bits(0)) ? 1 : 0));
      return {};
    case Op::kSGt:
      SetBits(out, APInt(1, bits_ops::SignedLessThan(bits(1), bits(0)) ? 1 : 0));
      return {};
    case Op::kSGe:
      SetBits(out, APInt(1, !bits_ops::SignedLessThan(bits(0), bits(1)) ? 1 : 0));
      return {};

    // --- shifts ---
    case Op::kShll:
      SetBits(out, bits_ops::Shll(bits(0), bits(1)));
      return {};
    case Op::kShrl:
      SetBits(out, bits_ops::Shrl(bits(0), bits(1)));
      return {};
    case Op::kShra:
      SetBits(out, bits_ops::Shra(bits(0), bits(1)));
      return {};

    // --- bit manipulation ---
    case Op::kConcat: {
      if (ops.size() == 2) {
        const APInt* parts[2] = {&bits(0), &bits(1)};
        SetBits(out, bits_ops::Concat(parts));
        return {};
      }
      std::vector<const APInt*> parts;
      parts.reserve(ops.size());
      for (size_t i = 0; i < ops.size(); ++i) parts.push_back(&bits(i));
      SetBits(out, bits_ops::Concat(parts));
      return {};
    }
    case Op::kBitSlice:
      SetBits(out, bits_ops::BitSlice(bits(0), node.attrs().start, step.width));
      return {};
    case Op::kDynamicBitSlice:
      SetBits(out, bits_ops::DynamicBitSlice(bits(0), bits(1), step.width));
      return {};
    case Op::kBitSliceUpdate:
      SetBits(out, bits_ops::BitSliceUpdate(bits(0), bits(1), bits(2)));
      return {};
    case Op::kReverse:
      SetBits(out, bits_ops::Reverse(bits(0)));
      return {};
    case Op::kZeroExt:
      SetBits(out, bits_ops::ZeroExtend(bits(0), step.width));
      return {};
    case Op::kSignExt:
      SetBits(out, bits_ops::SignExtend(bits(0), step.width));
      return {};
    case Op::kDecode:
      SetBits(out, bits_ops::Decode(bits(0), step.width));
      return {};
    case Op::kEncode:
      SetBits(out, bits_ops::Encode(bits(0), step.width));
      return {};
    case Op::kOneHot:
      SetBits(out, bits_ops::OneHot(bits(0), node.attrs().lsb_prio));
      return {};
    case Op::kIdentity:
      out = in(0);
      return {};

    // --- selects ---
    case Op::kSel: {
      // Operands: selector, cases..., [default].
      const size_t case_count = ops.size() - 1 - (node.attrs().has_default ? 1 : 0);
      const uint64_t s = bits_ops::ToBoundedUnsigned(bits(0), case_count);
      if (s < case_count) {
        out = in(1 + s);
      } else if (node.attrs().has_default) {
        out = in(ops.size() - 1);
      } else {
        return MakeError(ErrorCode::kVerify,
                         Where(node) + ": selector out of range and no default value");
      }
      return {};
    }
    case Op::kOneHotSel: {
      // The OR of every case whose selector bit is set.
      const APInt& selector = bits(0);
      const size_t n = std::min<size_t>(ops.size() - 1, selector.getBitWidth());
      if (node.type()->IsBits()) {
        APInt r = bits_ops::Zeros(step.width);
        for (size_t i = 0; i < n; ++i)
          if (selector[static_cast<unsigned>(i)]) r |= bits(1 + i);
        SetBits(out, std::move(r));
        return {};
      }
      Value r = plan.constants[step.aux];
      for (size_t i = 0; i < n; ++i)
        if (selector[static_cast<unsigned>(i)]) DeepOrInto(r, in(1 + i));
      out = std::move(r);
      return {};
    }
    case Op::kPrioritySel: {
      // Operands: selector, cases..., default. The lowest set bit wins.
      if (!node.attrs().has_default)
        return MakeError(ErrorCode::kVerify, Where(node) + ": priority_sel needs a default value");
      const APInt& selector = bits(0);
      const size_t case_count = ops.size() - 2;
      const unsigned first = selector.getBitWidth() == 0 ? 0 : selector.countr_zero();
      if (first < selector.getBitWidth() && first < case_count) {
        out = in(1 + first);
      } else {
        out = in(ops.size() - 1);
      }
      return {};
    }
    case Op::kGate:
      if (bits(0).getBoolValue()) {
        out = in(1);
      } else {
        out = plan.constants[step.aux];
      }
      return {};

    // --- aggregates ---
    case Op::kTuple:
    case Op::kArray: {
      std::vector<Value> elements;
      elements.reserve(ops.size());
      for (size_t i = 0; i < ops.size(); ++i) elements.push_back(in(i));
      if (step.op == Op::kTuple) {
        out = Value::Tuple(std::move(elements));
      } else {
        out = Value::Array(std::move(elements));
      }
      return {};
    }
    case Op::kTupleIndex: {
      const uint64_t index = static_cast<uint64_t>(node.attrs().index);
      if (index >= in(0).size())
        return MakeError(ErrorCode::kVerify, Where(node) + ": tuple index out of range");
      out = in(0).element(index);
      return {};
    }
    case Op::kArrayIndex: {
      note_assumption(1);
      // Each index clamps to the last element of its dimension.
      const Value* v = &in(0);
      for (size_t i = 1; i < ops.size(); ++i) {
        if (v->size() == 0) {
          // XLS has no element to return here; the zero value keeps every
          // backend deterministic.
          out = plan.constants[step.aux];
          return {};
        }
        v = &v->element(bits_ops::ToBoundedUnsigned(bits(i), v->size() - 1));
      }
      out = *v;
      return {};
    }
    case Op::kArrayUpdate: {
      note_assumption(2);
      if (ops.size() == 2) {
        out = in(1);
        return {};
      }
      std::vector<const APInt*> indices;
      indices.reserve(ops.size() - 2);
      for (size_t i = 2; i < ops.size(); ++i) indices.push_back(&bits(i));
      Value updated = in(0);
      UpdateElement(updated, indices, in(1));
      out = std::move(updated);
      return {};
    }
    case Op::kArraySlice: {
      const Value& array = in(0);
      if (array.size() == 0) {
        out = plan.constants[step.aux];
        return {};
      }
      const uint64_t last = array.size() - 1;
      const uint64_t start = bits_ops::ToBoundedUnsigned(bits(1), last);
      const int64_t width = node.attrs().width;
      std::vector<Value> elements;
      elements.reserve(static_cast<size_t>(width));
      for (int64_t i = 0; i < width; ++i) {
        const uint64_t k = start + static_cast<uint64_t>(i);
        elements.push_back(array.element(k <= last ? k : last));
      }
      out = Value::Array(std::move(elements));
      return {};
    }
    case Op::kArrayConcat: {
      std::vector<Value> elements;
      size_t total = 0;
      for (size_t i = 0; i < ops.size(); ++i) total += in(i).size();
      elements.reserve(total);
      for (size_t i = 0; i < ops.size(); ++i)
        for (const Value& e : in(i).elements()) elements.push_back(e);
      out = Value::Array(std::move(elements));
      return {};
    }

    // --- calls and loops ---
    case Op::kInvoke:
    case Op::kMap:
    case Op::kCountedFor:
    case Op::kDynamicCountedFor:
      return ExecuteCall(step, ops, slots, depth);

    // --- leaves ---
    case Op::kParam:
      return {};  // filled in by Call
    case Op::kLiteral:
      out = node.attrs().value;
      return {};

    // --- side effects and tokens ---
    case Op::kAssert:
      // An assertion fails when its condition is false; evaluation goes on.
      if (!bits(1).getBoolValue()) {
        events_.log.push_back(Event{Event::Kind::kAssert, node.attrs().message,
                                    node.attrs().has_label ? node.attrs().label : std::string()});
      }
      out = Value::Token();
      return {};
    case Op::kTrace:
      if (bits(1).getBoolValue()) {
        std::vector<const Value*> data;
        data.reserve(ops.size() - 2);
        for (size_t i = 2; i < ops.size(); ++i) data.push_back(&in(i));
        events_.log.push_back(
            Event{Event::Kind::kTrace, RenderTrace(plan.trace_formats[step.aux], data), "", node.attrs().verbosity});
      }
      out = Value::Token();
      return {};
    case Op::kCover:
      if (bits(0).getBoolValue()) ++events_.cover_hits[node.attrs().label];
      out = plan.constants[step.aux];
      return {};
    case Op::kAfterAll:
    case Op::kMinDelay:
      out = Value::Token();
      return {};
    case Op::kStateRead:
    case Op::kNextValue:
    case Op::kSend:
    case Op::kReceive:
      // They need a proc's state and channels: interp/proc_network.cc
      // evaluates them and hands every other node to EvaluateNode.
      return MakeError(ErrorCode::kInternal, Where(node) + ": a proc operation outside a proc activation");
  }
  return MakeError(ErrorCode::kInternal, Where(node) + ": unknown op");
}

}  // namespace

Status EvaluateNode(const FunctionPlan& plan, const PlanStep& step, std::vector<Value>& slots, Events& events) {
  return Evaluator(events).Execute(plan, step, slots, 0);
}

Result<EvalResult> Interpret(const Function& function, std::span<const Value> args) {
  XLSAOT_RETURN_IF_ERROR(CheckFunctionArguments(function, args));
  std::shared_ptr<const FunctionPlan> plan = GetFunctionPlan(function);
  if (!plan->status.ok()) return plan->status.error_value();

  EvalResult result;
  Evaluator evaluator(result.events);
  std::vector<const Value*> arg_ptrs;
  arg_ptrs.reserve(args.size());
  for (const Value& a : args) arg_ptrs.push_back(&a);
  std::vector<Value> slots;
  XLSAOT_ASSIGN_OR_RETURN(result.value, evaluator.Call(*plan, arg_ptrs, slots, 0));
  return result;
}

}  // namespace xlsaot
