#include "ir/proc_elaboration.h"

#include <utility>

namespace xlsaot {

Result<ElaboratedNetwork> ElaborateProcNetwork(const Package& package, const Proc& top) {
  ElaboratedNetwork network;
  // One instance per proc to run, with the channel of every name it can use.
  struct Pending {
    const Proc* proc;
    std::string path;
    std::vector<std::pair<std::string, uint32_t>> channel_of_name;
  };
  std::vector<Pending> order;
  auto add_channel = [&](ChannelInstance channel, std::span<const Value> initial) {
    network.channels.push_back(std::move(channel));
    network.initial_values.emplace_back(initial.begin(), initial.end());
    return static_cast<uint32_t>(network.channels.size() - 1);
  };

  if (top.is_new_style()) {
    Pending root{&top, top.name(), {}};
    for (const InterfaceChannel& c : top.interface()) {
      const auto boundary = c.direction == ChannelDirection::kReceive ? ChannelInstance::Boundary::kInput
                                                                       : ChannelInstance::Boundary::kOutput;
      root.channel_of_name.emplace_back(c.name, add_channel({c.name, c.type, c.kind, boundary}, {}));
    }
    // Pre-order: an instance, then its instantiations, recursively.
    std::vector<Pending> stack{std::move(root)};
    while (!stack.empty()) {
      Pending current = std::move(stack.back());
      stack.pop_back();
      const std::string prefix = current.proc == &top ? "" : current.path.substr(top.name().size() + 2) + "::";
      for (const Channel& c : current.proc->channels()) {
        current.channel_of_name.emplace_back(
            c.name, add_channel({prefix + c.name, c.type, c.kind, ChannelInstance::Boundary::kInternal}, c.initial_values));
      }
      std::vector<Pending> children;
      for (const ProcInstantiation& inst : current.proc->instantiations()) {
        Pending child{inst.proc, current.path + "::" + inst.name, {}};
        for (size_t i = 0; i < inst.channel_args.size(); ++i) {
          for (const auto& [name, channel] : current.channel_of_name)
            if (name == inst.channel_args[i]) child.channel_of_name.emplace_back(inst.proc->interface()[i].name, channel);
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
    const auto nodes = pending.proc->nodes();
    std::vector<uint32_t> channel_of_node(nodes.size(), 0);
    for (const std::unique_ptr<Node>& node : nodes) {
      if (node->op() != Op::kSend && node->op() != Op::kReceive) continue;
      const std::string& name = node->attrs().channel;
      bool found = false;
      for (const auto& [channel_name, channel] : pending.channel_of_name) {
        if (channel_name == name) {
          channel_of_node[node->position()] = channel;
          found = true;
        }
      }
      if (!found) {
        return MakeError(ErrorCode::kVerify, "proc '" + pending.proc->name() + "' uses channel '" + name +
                                                 "', which is not bound in instance '" + pending.path + "'");
      }
    }
    network.channel_of_node.push_back(std::move(channel_of_node));
    network.instances.push_back(ProcInstanceInfo{std::move(pending.path), pending.proc});
  }
  return network;
}

}  // namespace xlsaot
