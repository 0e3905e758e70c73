#include "codegen/network_tables.h"

#include "codegen/type_layout.h"
#include "codegen/value_buffer.h"

namespace xlsaot {
namespace {

uint32_t U32(int64_t x) { return static_cast<uint32_t>(x); }

}  // namespace

std::unique_ptr<NetworkTables> NetworkTables::Build(const NetworkPlan& plan, int64_t scratch_size,
                                                    int64_t scratch_alignment) {
  std::unique_ptr<NetworkTables> t(new NetworkTables());
  auto text = [&](std::string s) { return t->strings.emplace_back(std::move(s)).c_str(); };
  auto value_bytes = [&](const Value& v, const Type* type) {
    std::vector<uint8_t>& b = t->bytes.emplace_back(static_cast<size_t>(CachedLayout(type).size) + 1, 0);
    WriteValueToBuffer(v, type, b.data());
    return static_cast<const uint8_t*>(b.data());
  };

  const ElaboratedNetwork& net = plan.elaborated;
  for (size_t c = 0; c < net.channels.size(); ++c) {
    const ChannelInstance& ci = net.channels[c];
    const TypeLayout& layout = CachedLayout(ci.type);
    std::vector<uint8_t>& initial =
        t->bytes.emplace_back(static_cast<size_t>(layout.size) * net.initial_values[c].size() + 1, 0);
    for (size_t v = 0; v < net.initial_values[c].size(); ++v)
      WriteValueToBuffer(net.initial_values[c][v], ci.type, initial.data() + v * static_cast<size_t>(layout.size));
    t->channels.push_back(NetworkChannel{
        text(ci.name), U32(layout.size), U32(layout.alignment),
        ci.kind == ChannelKind::kSingleValue ? NetworkChannelKind::kSingleValue : NetworkChannelKind::kStreaming,
        ci.boundary == ChannelInstance::Boundary::kInput    ? NetworkBoundary::kInput
        : ci.boundary == ChannelInstance::Boundary::kOutput ? NetworkBoundary::kOutput
                                                             : NetworkBoundary::kInternal,
        U32(static_cast<int64_t>(net.initial_values[c].size())), initial.data()});
  }

  for (size_t a = 0; a < plan.activations.size(); ++a) {
    const ProcActivation& activation = plan.activations[a];
    for (size_t s = 0; s < activation.segments.size(); ++s) {
      const ActivationSegment& segment = activation.segments[s];
      std::vector<uint32_t>& inputs = t->words.emplace_back(segment.inputs);
      const uint32_t index = U32(static_cast<int64_t>(plan.first_segment[a] + s));
      t->segments.push_back(NetworkSegment{index, U32(static_cast<int64_t>(inputs.size())), inputs.data(), segment.output});
    }
    std::vector<NetworkStep>& steps = t->steps.emplace_back();
    for (const ActivationStep& step : activation.steps) {
      steps.push_back(NetworkStep{step.kind, static_cast<uint8_t>(step.node != nullptr && step.node->attrs().blocking),
                                  step.predicate, step.channel_operand, step.data, step.valid,
                                  U32(static_cast<int64_t>(plan.first_segment[a] + step.segment))});
    }
    std::vector<NetworkStateElement>& state = t->state.emplace_back();
    const auto& elements = activation.proc->state_elements();
    for (size_t e = 0; e < elements.size(); ++e) {
      state.push_back(NetworkStateElement{text(elements[e].name), activation.state_offsets[e],
                                          U32(CachedLayout(elements[e].type).size),
                                          value_bytes(elements[e].initial_value, elements[e].type)});
    }
    std::vector<NetworkNextValue>& next = t->next_values.emplace_back();
    for (const ActivationNextValue& n : activation.next_values)
      next.push_back(NetworkNextValue{n.state_element, n.value, n.predicate, text(n.node->name())});
    t->procs.push_back(NetworkProc{text(activation.proc->name()), activation.frame_size,
                                   U32(static_cast<int64_t>(steps.size())), steps.data(),
                                   U32(static_cast<int64_t>(state.size())), state.data(),
                                   U32(static_cast<int64_t>(next.size())), next.data(),
                                   U32(static_cast<int64_t>(activation.channel_operands.size()))});
  }

  for (size_t i = 0; i < net.instances.size(); ++i) {
    const ProcActivation& activation = plan.activations[plan.activation_of_instance[i]];
    std::vector<uint32_t>& channels = t->words.emplace_back();
    for (const Node* node : activation.channel_operands) channels.push_back(net.channel_of_node[i][node->position()]);
    t->instances.push_back(
        NetworkInstance{text(net.instances[i].path), U32(static_cast<int64_t>(plan.activation_of_instance[i])), channels.data()});
  }

  t->description_ = NetworkDescription{U32(static_cast<int64_t>(t->channels.size())), t->channels.data(),
                                       U32(static_cast<int64_t>(t->procs.size())), t->procs.data(),
                                       U32(static_cast<int64_t>(t->instances.size())), t->instances.data(),
                                       U32(static_cast<int64_t>(t->segments.size())), t->segments.data(),
                                       static_cast<uint64_t>(scratch_size), static_cast<uint64_t>(scratch_alignment)};
  return t;
}

}  // namespace xlsaot
