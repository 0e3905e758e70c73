#include "ir/proc_verifier.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ir/channel_resolution.h"

namespace xlsaot {
namespace {

Error ProcError(const Proc& proc, SourceLocation loc, const std::string& what) {
  return MakeError(ErrorCode::kVerify,
                   FormatLocation(proc.package()->filename(), loc) + ": in proc '" + proc.name() + "': " + what);
}
Error NodeError(const Proc& proc, const Node& node, const std::string& what) {
  return MakeError(ErrorCode::kVerify, FormatLocation(proc.package()->filename(), node.loc()) + ": in proc '" +
                                           proc.name() + "', node '" + node.name() + "': " + what);
}

Status CheckChannelUse(const Proc& proc, const Node& node) {
  const bool is_send = node.op() == Op::kSend;
  const std::string& name = node.attrs().channel;
  std::optional<ChannelReference> ref = ResolveChannel(*proc.package(), proc, name);
  if (!ref) {
    return NodeError(proc, node,
                     "no channel named '" + name + "'" +
                         (proc.is_new_style() ? " is declared in the proc or its interface" : " in the package"));
  }
  const Type* data = is_send ? node.operand(1)->type() : node.type()->elements()[1];
  if (data != ref->type()) {
    return NodeError(proc, node, std::string(is_send ? "sends " : "receives ") + data->ToString() +
                                     " on channel '" + name + "' of type " + ref->type()->ToString());
  }
  bool allowed = true;
  if (ref->scope == ChannelReference::Scope::kGlobal) {
    allowed = ref->channel->ops == ChannelOps::kSendReceive ||
              ref->channel->ops == (is_send ? ChannelOps::kSendOnly : ChannelOps::kReceiveOnly);
  } else if (ref->scope == ChannelReference::Scope::kInterface) {
    allowed = ref->interface->direction == (is_send ? ChannelDirection::kSend : ChannelDirection::kReceive);
  }
  if (!allowed) {
    return NodeError(proc, node, std::string("cannot ") + (is_send ? "send on" : "receive from") + " channel '" +
                                     name + "': it is " +
                                     (ref->scope == ChannelReference::Scope::kGlobal
                                          ? std::string(ChannelOpsName(ref->channel->ops))
                                          : std::string(ref->interface->direction == ChannelDirection::kSend
                                                            ? "an output"
                                                            : "an input")));
  }
  return {};
}

Status CheckInstantiation(const Proc& proc, const ProcInstantiation& instantiation) {
  const Proc* child = instantiation.proc;
  if (child == nullptr) return ProcError(proc, instantiation.loc, "instantiates unknown proc '" + instantiation.proc_name + "'");
  if (!proc.is_new_style() || !child->is_new_style()) {
    return ProcError(proc, instantiation.loc,
                     "proc_instantiation '" + instantiation.name + "' needs procs with interface lists (proc p<...>)");
  }
  if (instantiation.channel_args.size() != child->interface().size()) {
    return ProcError(proc, instantiation.loc,
                     "proc_instantiation '" + instantiation.name + "' passes " +
                         std::to_string(instantiation.channel_args.size()) + " channels to proc '" + child->name() +
                         "', which has " + std::to_string(child->interface().size()));
  }
  for (size_t i = 0; i < instantiation.channel_args.size(); ++i) {
    const std::string& arg = instantiation.channel_args[i];
    const InterfaceChannel& param = child->interface()[i];
    std::optional<ChannelReference> ref = ResolveChannel(*proc.package(), proc, arg);
    if (!ref) {
      return ProcError(proc, instantiation.loc,
                       "proc_instantiation '" + instantiation.name + "' passes unknown channel '" + arg + "'");
    }
    if (ref->type() != param.type) {
      return ProcError(proc, instantiation.loc,
                       "proc_instantiation '" + instantiation.name + "' passes channel '" + arg + "' of type " +
                           ref->type()->ToString() + " for '" + param.name + "' of type " + param.type->ToString());
    }
    if (ref->scope == ChannelReference::Scope::kInterface && ref->interface->direction != param.direction) {
      return ProcError(proc, instantiation.loc,
                       "proc_instantiation '" + instantiation.name + "' passes " +
                           (ref->interface->direction == ChannelDirection::kSend ? "output" : "input") +
                           " channel '" + arg + "' for " +
                           (param.direction == ChannelDirection::kSend ? "output" : "input") + " '" + param.name + "'");
    }
  }
  return {};
}

}  // namespace

Status VerifyProc(const Proc& proc) {
  for (const auto& owned : proc.nodes()) {
    const Node& node = *owned;
    if (node.op() == Op::kSend || node.op() == Op::kReceive) XLSAOT_RETURN_IF_ERROR(CheckChannelUse(proc, node));
  }
  for (const StateElement& element : proc.state_elements()) {
    if (element.type == nullptr) return ProcError(proc, element.loc, "state element '" + element.name + "' has no type");
  }
  for (const ChannelInterfaceLine& line : proc.channel_interfaces()) {
    const InterfaceChannel* header = proc.FindInterfaceChannel(line.name);
    if (header != nullptr) {
      if (header->direction != line.direction) {
        return ProcError(proc, line.loc,
                         "chan_interface '" + line.name + "' has direction " +
                             std::string(ChannelDirectionName(line.direction)) + " but the interface declares it " +
                             (header->direction == ChannelDirection::kSend ? "out" : "in"));
      }
    } else if (proc.FindDeclaredChannel(line.name) == nullptr) {
      return ProcError(proc, line.loc, "chan_interface '" + line.name + "' names no channel of the proc");
    }
  }
  for (const Channel& channel : proc.channels()) {
    if (proc.FindInterfaceChannel(channel.name) != nullptr) {
      return ProcError(proc, channel.loc, "channel '" + channel.name + "' is also an interface channel");
    }
  }
  for (const ProcInstantiation& instantiation : proc.instantiations())
    XLSAOT_RETURN_IF_ERROR(CheckInstantiation(proc, instantiation));
  return {};
}

Status VerifyProcNetwork(const Package& package) {
  auto check_channel = [&](const Channel& channel) -> Status {
    if (channel.kind == ChannelKind::kSingleValue && !channel.initial_values.empty()) {
      return MakeError(ErrorCode::kVerify, FormatLocation(package.filename(), channel.loc) + ": single_value channel '" +
                                               channel.name + "' cannot have initial values");
    }
    return {};
  };
  for (const Channel& channel : package.channels()) XLSAOT_RETURN_IF_ERROR(check_channel(channel));
  for (const auto& proc : package.procs())
    for (const Channel& channel : proc->channels()) XLSAOT_RETURN_IF_ERROR(check_channel(channel));

  // Global channels: one sending proc, one receiving proc.
  std::vector<const Proc*> senders(package.channels().size(), nullptr);
  std::vector<const Proc*> receivers(package.channels().size(), nullptr);
  for (const auto& proc : package.procs()) {
    if (proc->is_new_style()) continue;
    for (const auto& node : proc->nodes()) {
      if (node->op() != Op::kSend && node->op() != Op::kReceive) continue;
      std::optional<ChannelReference> ref = ResolveChannel(package, *proc, node->attrs().channel);
      const Proc*& user = (node->op() == Op::kSend ? senders : receivers)[ref->index];
      if (user != nullptr && user != proc.get()) {
        return NodeError(*proc, *node, "channel '" + node->attrs().channel + "' is already " +
                                           (node->op() == Op::kSend ? "sent on" : "received from") + " by proc '" +
                                           user->name() + "'");
      }
      user = proc.get();
    }
  }
  for (size_t i = 0; i < package.channels().size(); ++i) {
    const Channel& channel = package.channels()[i];
    if (channel.ops != ChannelOps::kSendReceive) continue;
    if (senders[i] == nullptr || receivers[i] == nullptr) {
      return MakeError(ErrorCode::kVerify, FormatLocation(package.filename(), channel.loc) + ": send_receive channel '" +
                                               channel.name + "' has no " + (senders[i] == nullptr ? "send" : "receive"));
    }
  }

  // No proc reaches itself through instantiations (iterative DFS).
  std::map<const Proc*, int> state;  // 1 on the path, 2 done
  for (const auto& root : package.procs()) {
    if (state[root.get()] != 0) continue;
    std::vector<std::pair<const Proc*, size_t>> stack{{root.get(), 0}};
    state[root.get()] = 1;
    while (!stack.empty()) {
      auto& [proc, next] = stack.back();
      if (next == proc->instantiations().size()) {
        state[proc] = 2;
        stack.pop_back();
        continue;
      }
      const ProcInstantiation& inst = proc->instantiations()[next++];
      const Proc* child = inst.proc;
      if (state[child] == 1) {
        return ProcError(*proc, inst.loc, "proc_instantiation '" + inst.name + "' makes proc '" + child->name() +
                                              "' instantiate itself");
      }
      if (state[child] == 0) {
        state[child] = 1;
        stack.emplace_back(child, 0);
      }
    }
  }
  return {};
}

}  // namespace xlsaot
