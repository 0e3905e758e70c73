#include "interp/proc_network.h"

#include <utility>

#include "interp/interpreter.h"

namespace xlsaot {

// An instance's progress through its current activation: the values of the
// nodes evaluated so far and the next step, so that an activation blocked on
// a receive resumes at that receive with everything before it kept.
struct ProcNetwork::Instance {
  const Proc* proc = nullptr;
  std::shared_ptr<const FunctionPlan> plan;
  // Per step: the queue a send or receive uses (other steps: unused).
  std::vector<uint32_t> queue_of_step;
  std::vector<Value> state;
  bool in_activation = false;
  size_t next_step = 0;
  std::vector<Value> slots;
  std::vector<std::optional<Value>> next_state;
  // Set when two next_values of one element fire in this activation.
  std::string conflict;
};

ProcNetwork::~ProcNetwork() = default;

Result<std::unique_ptr<ProcNetwork>> ProcNetwork::Create(const Package& package, const Proc& top) {
  Result<ElaboratedNetwork> elaborated = ElaborateProcNetwork(package, top);
  if (!elaborated.ok()) return elaborated.error_value();
  std::unique_ptr<ProcNetwork> network(new ProcNetwork());
  network->channels_ = std::move(elaborated->channels);
  network->queues_.resize(network->channels_.size());
  for (size_t i = 0; i < network->queues_.size(); ++i) {
    std::vector<Value>& initial = elaborated->initial_values[i];
    network->queues_[i].values.assign(initial.begin(), initial.end());
  }
  for (size_t i = 0; i < elaborated->instances.size(); ++i) {
    auto instance = std::make_unique<Instance>();
    const Proc* proc = elaborated->instances[i].proc;
    instance->proc = proc;
    instance->plan = GetFunctionPlan(*proc);
    if (!instance->plan->status.ok()) return instance->plan->status;
    const std::vector<PlanStep>& steps = instance->plan->steps;
    instance->queue_of_step.assign(steps.size(), 0);
    for (size_t s = 0; s < steps.size(); ++s) {
      if (steps[s].op == Op::kSend || steps[s].op == Op::kReceive)
        instance->queue_of_step[s] = elaborated->channel_of_node[i][steps[s].node->position()];
    }
    for (const StateElement& e : proc->state_elements()) instance->state.push_back(e.initial_value);
    instance->next_state.resize(instance->state.size());
    network->instances_.push_back(std::move(instance));
  }
  network->instance_infos_ = std::move(elaborated->instances);
  return network;
}

Status ProcNetwork::Send(size_t channel, Value value) {
  const ChannelInstance& c = channels_[channel];
  if (c.boundary != ChannelInstance::Boundary::kInput) {
    return MakeError(ErrorCode::kInvalidArgument, "channel '" + c.name + "' is not an input of the network");
  }
  if (!value.HasType(c.type)) {
    return MakeError(ErrorCode::kInvalidArgument, "value " + value.ToString() + " for channel '" + c.name +
                                                      "' is not of its type " + c.type->ToString());
  }
  Queue& q = queues_[channel];
  if (c.kind == ChannelKind::kSingleValue) {
    q.values.assign(1, std::move(value));
    q.has_value = true;
  } else {
    q.values.push_back(std::move(value));
  }
  return {};
}

std::optional<Value> ProcNetwork::Receive(size_t channel) {
  Queue& q = queues_[channel];
  if (q.values.empty()) return std::nullopt;
  if (channels_[channel].kind == ChannelKind::kSingleValue) return q.values.front();
  Value v = std::move(q.values.front());
  q.values.pop_front();
  return v;
}

std::vector<Value> ProcNetwork::State(size_t instance) const { return instances_[instance]->state; }

Result<ProcNetwork::Stop> ProcNetwork::Run(Instance& instance, size_t instance_index, bool& evaluated_any,
                                           size_t& woken_channel) {
  const FunctionPlan& plan = *instance.plan;
  if (!instance.in_activation) {
    instance.in_activation = true;
    instance.next_step = 0;
    if (instance.slots.size() < plan.slot_count) instance.slots.resize(plan.slot_count);
    for (auto& v : instance.next_state) v.reset();
    instance.conflict.clear();
    // Starting an activation is progress even for a proc without nodes.
    evaluated_any = true;
  }
  std::vector<Value>& slots = instance.slots;
  while (instance.next_step < plan.steps.size()) {
    const size_t index = instance.next_step;
    const PlanStep& step = plan.steps[index];
    const Node& node = *step.node;
    const std::span<const uint32_t> ops = plan.operands(step);
    const bool enabled = !node.attrs().has_predicate || slots[ops.back()].bits().getBoolValue();
    switch (step.op) {
      case Op::kStateRead:
        // A false predicate leaves the value unspecified; XLS's interpreter
        // reads the state anyway.
        slots[step.slot] = instance.state[static_cast<size_t>(node.attrs().state_index)];
        break;
      case Op::kNextValue:
        if (enabled) {
          std::optional<Value>& next = instance.next_state[static_cast<size_t>(node.attrs().state_index)];
          if (next.has_value()) {
            // Reported when the activation ends, after any failed assert.
            if (instance.conflict.empty()) {
              instance.conflict = "proc '" + instance.proc->name() +
                                  "' has multiple active next values for state element '" +
                                  node.attrs().state_element + "' in one activation (node '" + node.name() + "')";
            }
          } else {
            next = slots[ops[0]];
          }
        }
        slots[step.slot] = Value::Tuple({});
        break;
      case Op::kSend: {
        slots[step.slot] = Value::Token();
        if (!enabled) break;
        const uint32_t q = instance.queue_of_step[index];
        Queue& queue = queues_[q];
        if (channels_[q].kind == ChannelKind::kSingleValue) {
          queue.values.assign(1, slots[ops[1]]);
          queue.has_value = true;
        } else {
          queue.values.push_back(slots[ops[1]]);
        }
        if (channels_[q].boundary == ChannelInstance::Boundary::kOutput) queue.sent.push_back(slots[ops[1]]);
        evaluated_any = true;
        instance.next_step = index + 1;
        woken_channel = q;
        return Stop::kSent;
      }
      case Op::kReceive: {
        if (!enabled) {
          slots[step.slot] = plan.constants[step.aux];
          break;
        }
        const uint32_t q = instance.queue_of_step[index];
        Queue& queue = queues_[q];
        const bool single = channels_[q].kind == ChannelKind::kSingleValue;
        if (queue.values.empty()) {
          if (node.attrs().blocking) {
            queue.blocked_receiver = static_cast<int64_t>(instance_index);
            return Stop::kBlocked;
          }
          slots[step.slot] = plan.constants[step.aux];
          break;
        }
        Value data = single ? queue.values.front() : std::move(queue.values.front());
        if (!single) queue.values.pop_front();
        std::vector<Value> elements{Value::Token(), std::move(data)};
        if (!node.attrs().blocking) elements.push_back(Value::Bool(true));
        slots[step.slot] = Value::Tuple(std::move(elements));
        break;
      }
      default:
        XLSAOT_RETURN_IF_ERROR(EvaluateNode(plan, step, slots, events_));
        break;
    }
    evaluated_any = true;
    instance.next_step = index + 1;
  }
  instance.in_activation = false;
  if (!instance.conflict.empty()) return Stop::kEnded;  // the state stays as it was
  for (size_t i = 0; i < instance.state.size(); ++i) {
    if (instance.next_state[i].has_value()) instance.state[i] = std::move(*instance.next_state[i]);
  }
  return Stop::kEnded;
}

Status ProcNetwork::Tick() {
  std::deque<size_t> ready;
  for (size_t i = 0; i < instances_.size(); ++i) ready.push_back(i);
  for (Queue& q : queues_) q.blocked_receiver = -1;
  bool evaluated_any = false;
  while (!ready.empty()) {
    const size_t index = ready.front();
    ready.pop_front();
    size_t woken_channel = 0;
    const size_t events_before = events_.log.size();
    Result<Stop> stopped = Run(*instances_[index], index, evaluated_any, woken_channel);
    if (!stopped.ok()) {
      ++ticks_run_;
      return stopped.error_value();
    }
    const Stop stop = *stopped;
    // A failed assert fails the tick once its instance stops running.
    for (size_t i = events_before; i < events_.log.size(); ++i) {
      if (events_.log[i].kind == Event::Kind::kAssert) {
        ++ticks_run_;
        return MakeError(ErrorCode::kAssertionFailed, events_.log[i].text);
      }
    }
    if (!instances_[index]->conflict.empty()) {
      ++ticks_run_;
      return MakeError(ErrorCode::kStateConflict, instances_[index]->conflict);
    }
    if (stop == Stop::kSent) {
      Queue& q = queues_[woken_channel];
      if (q.blocked_receiver >= 0) {
        ready.push_back(static_cast<size_t>(q.blocked_receiver));
        q.blocked_receiver = -1;
      }
      ready.push_back(index);
    }
  }
  ++ticks_run_;
  if (!evaluated_any) {
    std::string blocked;
    for (size_t i = 0; i < queues_.size(); ++i) {
      if (queues_[i].blocked_receiver < 0) continue;
      blocked += (blocked.empty() ? "" : ", ") + channels_[i].name;
    }
    return MakeError(ErrorCode::kDeadlock, "proc network is deadlocked; blocked channels: " + blocked);
  }
  return {};
}

}  // namespace xlsaot
