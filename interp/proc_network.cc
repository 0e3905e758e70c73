#include "interp/proc_network.h"

#include <utility>

#include "interp/interpreter.h"
#include "ir/channel_resolution.h"

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
  std::unique_ptr<ProcNetwork> network(new ProcNetwork());
  XLSAOT_RETURN_IF_ERROR(network->Elaborate(package, top));
  return network;
}

Status ProcNetwork::Elaborate(const Package& package, const Proc& top) {
  // One instance per proc to run, with the queue of every channel name it
  // can use.
  struct Pending {
    const Proc* proc;
    std::string path;
    std::vector<std::pair<std::string, uint32_t>> queue_of_name;
  };
  std::vector<Pending> order;
  auto add_channel = [&](ChannelInstance channel, std::span<const Value> initial) {
    queues_.emplace_back();
    queues_.back().values.assign(initial.begin(), initial.end());
    channels_.push_back(std::move(channel));
    return static_cast<uint32_t>(channels_.size() - 1);
  };

  if (top.is_new_style()) {
    Pending root{&top, top.name(), {}};
    for (const InterfaceChannel& c : top.interface()) {
      const auto boundary = c.direction == ChannelDirection::kReceive ? ChannelInstance::Boundary::kInput
                                                                       : ChannelInstance::Boundary::kOutput;
      root.queue_of_name.emplace_back(c.name, add_channel({c.name, c.type, c.kind, boundary}, {}));
    }
    // Pre-order: an instance, then its instantiations, recursively.
    std::vector<Pending> stack{std::move(root)};
    while (!stack.empty()) {
      Pending current = std::move(stack.back());
      stack.pop_back();
      const std::string prefix = current.proc == &top ? "" : current.path.substr(top.name().size() + 2) + "::";
      for (const Channel& c : current.proc->channels()) {
        current.queue_of_name.emplace_back(
            c.name, add_channel({prefix + c.name, c.type, c.kind, ChannelInstance::Boundary::kInternal}, c.initial_values));
      }
      std::vector<Pending> children;
      for (const ProcInstantiation& inst : current.proc->instantiations()) {
        Pending child{inst.proc, current.path + "::" + inst.name, {}};
        for (size_t i = 0; i < inst.channel_args.size(); ++i) {
          for (const auto& [name, queue] : current.queue_of_name)
            if (name == inst.channel_args[i]) child.queue_of_name.emplace_back(inst.proc->interface()[i].name, queue);
        }
        children.push_back(std::move(child));
      }
      order.push_back(std::move(current));
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(std::move(*it));
      if (order.size() > 100000) {
        return MakeError(ErrorCode::kResourceExhausted, "proc network of '" + top.name() + "' has over 100000 instances");
      }
    }
  } else {
    std::vector<std::pair<std::string, uint32_t>> globals;
    for (const Channel& c : package.channels()) {
      const auto boundary = c.ops == ChannelOps::kReceiveOnly ? ChannelInstance::Boundary::kInput
                            : c.ops == ChannelOps::kSendOnly  ? ChannelInstance::Boundary::kOutput
                                                              : ChannelInstance::Boundary::kInternal;
      globals.emplace_back(c.name, add_channel({c.name, c.type, c.kind, boundary}, c.initial_values));
    }
    for (const auto& proc : package.procs())
      if (!proc->is_new_style()) order.push_back(Pending{proc.get(), proc->name(), globals});
  }

  for (Pending& pending : order) {
    auto instance = std::make_unique<Instance>();
    instance->proc = pending.proc;
    instance->plan = GetFunctionPlan(*pending.proc);
    if (!instance->plan->status.ok()) return instance->plan->status;
    const std::vector<PlanStep>& steps = instance->plan->steps;
    instance->queue_of_step.assign(steps.size(), 0);
    for (size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].op != Op::kSend && steps[i].op != Op::kReceive) continue;
      const std::string& name = steps[i].node->attrs().channel;
      bool found = false;
      for (const auto& [channel, queue] : pending.queue_of_name) {
        if (channel == name) {
          instance->queue_of_step[i] = queue;
          found = true;
        }
      }
      if (!found) {
        return MakeError(ErrorCode::kVerify, "proc '" + pending.proc->name() + "' uses channel '" + name +
                                                 "', which is not bound in instance '" + pending.path + "'");
      }
    }
    for (const StateElement& e : pending.proc->state_elements()) instance->state.push_back(e.initial_value);
    instance->next_state.resize(instance->state.size());
    instances_.push_back(std::move(instance));
    instance_infos_.push_back(ProcInstanceInfo{std::move(pending.path), pending.proc});
  }
  return {};
}

std::optional<size_t> ProcNetwork::FindChannel(std::string_view name) const {
  for (size_t i = 0; i < channels_.size(); ++i)
    if (channels_[i].name == name) return i;
  return std::nullopt;
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

std::span<const Value> ProcNetwork::state(size_t instance) const { return instances_[instance]->state; }

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
