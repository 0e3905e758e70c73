#include "codegen/proc_activation.h"

#include <algorithm>
#include <string>
#include <utility>

#include "codegen/type_layout.h"

namespace xlsaot {
namespace {

constexpr int64_t kNotInSegment = -1;

bool IsChannelOp(Op op) { return op == Op::kSend || op == Op::kReceive; }
// Nodes the runtime provides or consumes itself: never part of a segment.
bool IsRuntimeOp(Op op) { return IsChannelOp(op) || op == Op::kStateRead || op == Op::kNextValue; }

// Whether evaluating the node can be observed beyond its value: asserts,
// traces and covers; calls and loops (a callee may assert, a loop may
// report that it never ends); and array accesses assumed in bounds, which
// report a failed assumption. Such a node runs exactly where the
// interpreter evaluates it.
bool HasEffect(const Node& node) {
  if (node.op_info().has_flag(kFlagSideEffecting) || node.op_info().has_flag(kFlagCallsFunction)) return true;
  return (node.op() == Op::kArrayIndex || node.op() == Op::kArrayUpdate) && node.attrs().assumed_in_bounds;
}

bool IsZeroSized(const Node* node) { return CachedLayout(node->type()).size == 0; }

// A node list under construction, with its values used elsewhere.
struct SegmentPlan {
  std::vector<const Node*> nodes;
  std::vector<const Node*> live_ins;   // in first-use order
  std::vector<const Node*> live_outs;  // in first-need order
  std::vector<const Node*> literals;   // of other segments, copied here
};

void AddOnce(std::vector<const Node*>& list, const Node* node) {
  if (std::find(list.begin(), list.end(), node) == list.end()) list.push_back(node);
}

// Bump allocation of frame slots.
class FrameLayout {
 public:
  uint32_t Place(int64_t size, int64_t alignment) {
    size_ = (size_ + alignment - 1) / alignment * alignment;
    const int64_t at = size_;
    size_ += size;
    return static_cast<uint32_t>(at);
  }
  int64_t size() const { return (size_ + 7) / 8 * 8; }

 private:
  int64_t size_ = 0;
};

}  // namespace

Result<ProcActivation> SplitActivation(const Proc& proc) {
  ProcActivation a;
  a.proc = &proc;
  const auto nodes = proc.nodes();
  const size_t n = nodes.size();

  // 1. Cut the node list at the channel operations into gaps: gap g lies
  // between channel operations g - 1 and g. A node with an effect (assert,
  // trace, cover, a call or loop, which may report a status) stays in its
  // gap; any other node moves to the earliest gap where its operands are
  // known, so that the code after a send is mostly computed before it and
  // fewer segments run.
  std::vector<int64_t> segment_of(n, kNotInSegment);
  std::vector<size_t> gap_after(n, 0);  // channel operations: the gap that follows them
  std::vector<SegmentPlan> plans(1);
  struct PlannedStep {
    bool is_segment;
    size_t index;  // segment index, or node position
  };
  std::vector<PlannedStep> order{{true, 0}};
  for (const std::unique_ptr<Node>& node : nodes) {
    if (IsChannelOp(node->op())) {
      order.push_back({false, node->position()});
      a.channel_operands.push_back(node.get());
      plans.emplace_back();
      order.push_back({true, plans.size() - 1});
      gap_after[node->position()] = plans.size() - 1;
      continue;
    }
    if (IsRuntimeOp(node->op())) continue;
    size_t gap = plans.size() - 1;
    // Literals stay where they are; a segment using one of another segment
    // makes its own copy (below).
    if (node->op() != Op::kLiteral && !HasEffect(*node)) {
      gap = 0;
      for (const Node* operand : node->operands()) {
        if (operand->op() == Op::kLiteral) continue;  // copied wherever it is used
        if (segment_of[operand->position()] != kNotInSegment)
          gap = std::max(gap, static_cast<size_t>(segment_of[operand->position()]));
        else if (operand->op() == Op::kReceive && !IsZeroSized(operand))
          gap = std::max(gap, gap_after[operand->position()]);
      }
    }
    segment_of[node->position()] = static_cast<int64_t>(gap);
    plans[gap].nodes.push_back(node.get());
  }

  // 2. Which values cross a cut.
  auto need = [&](const Node* value, int64_t user_segment) {
    if (IsZeroSized(value)) return;
    const int64_t defined = segment_of[value->position()];
    if (defined == user_segment) return;
    if (value->op() == Op::kLiteral && user_segment != kNotInSegment) {
      AddOnce(plans[static_cast<size_t>(user_segment)].literals, value);
      return;
    }
    if (user_segment != kNotInSegment) AddOnce(plans[static_cast<size_t>(user_segment)].live_ins, value);
    if (defined != kNotInSegment) AddOnce(plans[static_cast<size_t>(defined)].live_outs, value);
  };
  for (const std::unique_ptr<Node>& node : nodes) {
    const int64_t segment = segment_of[node->position()];
    if (segment != kNotInSegment) {
      for (const Node* operand : node->operands()) need(operand, segment);
    } else if (node->op() == Op::kSend) {
      need(node->operand(1), kNotInSegment);
      if (node->predicate() != nullptr) need(node->predicate(), kNotInSegment);
    } else if (node->op() == Op::kReceive || node->op() == Op::kNextValue) {
      for (const Node* operand : node->operands()) need(operand, kNotInSegment);
    }
  }
  // The commit reads next values where they are, except state it may be
  // overwriting: a next_value operand that reads state (other than the
  // element's own value) is copied by the last segment first.
  const int64_t last_gap = static_cast<int64_t>(plans.size()) - 1;
  std::vector<const Node*> staged;
  for (const std::unique_ptr<Node>& node : nodes) {
    if (node->op() != Op::kNextValue) continue;
    for (const Node* operand : node->operands()) {
      if (operand->op() != Op::kStateRead || IsZeroSized(operand)) continue;
      if (operand == node->operand(0) && operand->attrs().state_index == node->attrs().state_index) continue;
      need(operand, last_gap);
      AddOnce(plans[static_cast<size_t>(last_gap)].live_outs, operand);
      AddOnce(staged, operand);
    }
  }

  // A segment whose values nobody uses and that has no effect (no assert,
  // trace, cover, call or loop) is not run at all.
  {
    std::vector<int64_t> renumbered(plans.size(), kNotInSegment);
    std::vector<SegmentPlan> kept;
    for (size_t s = 0; s < plans.size(); ++s) {
      bool needed = !plans[s].live_outs.empty();
      for (const Node* node : plans[s].nodes) {
        needed = needed || HasEffect(*node);
      }
      if (!needed) continue;
      renumbered[s] = static_cast<int64_t>(kept.size());
      kept.push_back(std::move(plans[s]));
    }
    for (int64_t& segment : segment_of)
      if (segment != kNotInSegment) segment = renumbered[static_cast<size_t>(segment)];
    std::vector<PlannedStep> steps;
    for (const PlannedStep& step : order) {
      if (!step.is_segment) steps.push_back(step);
      else if (renumbered[step.index] != kNotInSegment) steps.push_back({true, static_cast<size_t>(renumbered[step.index])});
    }
    order = std::move(steps);
    plans = std::move(kept);
  }

  // 3. The frame: state, received values, segment results.
  FrameLayout frame;
  std::vector<uint32_t> offset_of(n, kNoOffset);
  for (const StateElement& e : proc.state_elements()) {
    const TypeLayout& layout = CachedLayout(e.type);
    a.state_offsets.push_back(frame.Place(layout.size, layout.alignment));
  }
  for (const std::unique_ptr<Node>& node : nodes) {
    if (node->op() == Op::kStateRead) {
      offset_of[node->position()] = a.state_offsets[static_cast<size_t>(node->attrs().state_index)];
    } else if (node->op() == Op::kReceive) {
      const TypeLayout& layout = CachedLayout(node->type());
      offset_of[node->position()] = frame.Place(layout.size, layout.alignment);
    }
  }
  std::vector<const Type*> result_types(plans.size());
  std::vector<uint32_t> output_offsets(plans.size());
  for (size_t s = 0; s < plans.size(); ++s) {
    std::vector<const Type*> elements;
    for (const Node* v : plans[s].live_outs) elements.push_back(v->type());
    result_types[s] = Type::Tuple(elements);
    const TypeLayout& layout = CachedLayout(result_types[s]);
    output_offsets[s] = frame.Place(layout.size, layout.alignment);
    for (size_t i = 0; i < plans[s].live_outs.size(); ++i) {
      const Node* v = plans[s].live_outs[i];
      // A next_value operand passed through the last segment keeps the
      // place it had before (its state slot, say) for the segments' inputs;
      // only the commit reads the copy.
      if (segment_of[v->position()] == static_cast<int64_t>(s))
        offset_of[v->position()] = output_offsets[s] + static_cast<uint32_t>(layout.element_offsets[i]);
    }
  }
  if (frame.size() > int64_t{0xffff0000}) {
    return MakeError(ErrorCode::kResourceExhausted, "the activation of proc '" + proc.name() + "' needs " +
                                                        std::to_string(frame.size()) + " bytes of frame");
  }
  a.frame_size = static_cast<uint32_t>(frame.size());
  auto value_offset = [&](const Node* v) { return IsZeroSized(v) ? kNoOffset : offset_of[v->position()]; };

  // 4. The segment functions.
  a.package = std::make_unique<Package>(proc.name() + "__activation");
  a.package->set_filename(proc.package() != nullptr ? proc.package()->filename() : "<proc>");
  for (size_t s = 0; s < plans.size(); ++s) {
    const SegmentPlan& plan = plans[s];
    Function* f = a.package->AddFunction(proc.name() + "__segment" + std::to_string(s));
    f->set_loc(proc.loc());
    std::vector<Node*> copy_of(n, nullptr);
    ActivationSegment segment;
    segment.function = f;
    segment.output = output_offsets[s];
    // Zero-sized values used here come in as parameters too (a token, say).
    std::vector<const Node*> params = plan.live_ins;
    for (const Node* node : plan.nodes) {
      for (const Node* operand : node->operands()) {
        if (segment_of[operand->position()] != static_cast<int64_t>(s) && IsZeroSized(operand))
          AddOnce(params, operand);
      }
    }
    for (const Node* v : plan.live_outs) {
      if (segment_of[v->position()] != static_cast<int64_t>(s)) AddOnce(params, v);
    }
    for (const Node* v : params) {
      Node* param = f->AddParam(v->type(), v->name());
      param->set_loc(v->loc());
      copy_of[v->position()] = param;
      segment.inputs.push_back(value_offset(v));
    }
    std::vector<const Node*> body = plan.literals;
    body.insert(body.end(), plan.nodes.begin(), plan.nodes.end());
    for (const Node* node : body) {
      Node* copy = f->AddNode(node->op(), node->type(), node->name());
      copy->set_id(node->id());
      copy->set_loc(node->loc());
      copy->mutable_attrs() = node->attrs();
      for (const Node* operand : node->operands()) copy->mutable_operands().push_back(copy_of[operand->position()]);
      copy_of[node->position()] = copy;
    }
    Node* result = f->AddNode(Op::kTuple, result_types[s], "segment_result");
    for (const Node* v : plan.live_outs) result->mutable_operands().push_back(copy_of[v->position()]);
    f->set_return_node(result);
    f->set_return_type(result_types[s]);
    a.segments.push_back(std::move(segment));
  }

  // 5. The steps and the commit.
  size_t channel_operand = 0;
  for (const PlannedStep& planned : order) {
    ActivationStep step;
    if (planned.is_segment) {
      step.kind = NetworkStepKind::kSegment;
      step.segment = planned.index;
      a.steps.push_back(step);
      continue;
    }
    const Node* node = nodes[planned.index].get();
    step.node = node;
    step.channel_operand = static_cast<uint32_t>(channel_operand++);
    if (node->predicate() != nullptr) step.predicate = value_offset(node->predicate());
    if (node->op() == Op::kSend) {
      step.kind = NetworkStepKind::kSend;
      const uint32_t data = value_offset(node->operand(1));
      step.data = data == kNoOffset ? 0 : data;
    } else {
      step.kind = NetworkStepKind::kReceive;
      const TypeLayout& layout = CachedLayout(node->type());
      const uint32_t slot = offset_of[node->position()];
      step.data = slot == kNoOffset ? 0 : slot + static_cast<uint32_t>(layout.element_offsets[1]);
      if (!node->attrs().blocking) step.valid = slot + static_cast<uint32_t>(layout.element_offsets[2]);
    }
    a.steps.push_back(step);
  }
  // Next values are read where they are, staged ones from the last segment.
  auto final_offset = [&](const Node* v) {
    if (v == nullptr) return kNoOffset;
    if (IsZeroSized(v)) return uint32_t{0};
    if (std::find(staged.begin(), staged.end(), v) == staged.end()) return offset_of[v->position()];
    const SegmentPlan& final_plan = plans.back();
    const size_t i = static_cast<size_t>(
        std::find(final_plan.live_outs.begin(), final_plan.live_outs.end(), v) - final_plan.live_outs.begin());
    return output_offsets.back() + static_cast<uint32_t>(CachedLayout(result_types.back()).element_offsets[i]);
  };
  for (const std::unique_ptr<Node>& node : nodes) {
    if (node->op() != Op::kNextValue) continue;
    a.next_values.push_back(ActivationNextValue{static_cast<uint32_t>(node->attrs().state_index),
                                                final_offset(node->operand(0)), final_offset(node->predicate()),
                                                node.get()});
  }
  return a;
}

}  // namespace xlsaot
