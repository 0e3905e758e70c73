// XLS IR procs and channels: stateful processes that run activation by
// activation and exchange values over channels.
//
// A proc's body is a list of nodes like a function's (so every layer that
// walks nodes works on it unchanged); what a function does not have, its
// state elements, channels and instantiations, lives here.
#ifndef XLSAOT_IR_PROC_H_
#define XLSAOT_IR_PROC_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ir/function.h"
#include "ir/source_location.h"
#include "ir/type.h"
#include "ir/value.h"

namespace xlsaot {

class Proc;

enum class ChannelKind : uint8_t { kStreaming, kSingleValue };
enum class ChannelOps : uint8_t { kSendOnly, kReceiveOnly, kSendReceive };
enum class ChannelDirection : uint8_t { kSend, kReceive };

std::string_view ChannelKindName(ChannelKind kind);     // streaming, single_value
std::string_view ChannelOpsName(ChannelOps ops);        // send_only, ...
std::string_view ChannelDirectionName(ChannelDirection direction);  // send, receive

// An attribute kept verbatim for printing: it does not change what a proc
// network computes (fifo_depth, flow_control, strictness, flop kinds, ...).
struct VerbatimAttribute {
  std::string key;
  std::string text;
};

// `chan NAME(TYPE, initial_values={...}, id=N, kind=..., ops=..., ...)`, at
// package level (global channels) or inside a proc (proc-scoped).
struct Channel {
  std::string name;
  const Type* type = nullptr;
  ChannelKind kind = ChannelKind::kStreaming;
  ChannelOps ops = ChannelOps::kSendReceive;
  bool has_initial_values = false;
  std::vector<Value> initial_values;
  std::optional<int64_t> id;
  // Everything else, in the order written; printed after kind= and ops=.
  std::vector<VerbatimAttribute> other_attributes;
  SourceLocation loc;
};

// One entry of a proc's interface: `proc p<NAME: TYPE in|out, ...>`.
struct InterfaceChannel {
  std::string name;
  const Type* type = nullptr;
  ChannelDirection direction = ChannelDirection::kReceive;  // `in` receives
  ChannelKind kind = ChannelKind::kStreaming;  // from its chan_interface line, if any
  SourceLocation loc;
};

// `chan_interface NAME(direction=..., kind=..., ...)`: the proc's view of a
// channel end (of an interface channel or of a channel it declares).
struct ChannelInterfaceLine {
  std::string name;
  ChannelDirection direction = ChannelDirection::kReceive;
  ChannelKind kind = ChannelKind::kStreaming;
  std::vector<VerbatimAttribute> other_attributes;  // after direction= and kind=
  SourceLocation loc;
};

// `proc_instantiation NAME(CHANNEL, ..., proc=P)`.
struct ProcInstantiation {
  std::string name;
  std::vector<std::string> channel_args;
  std::string proc_name;
  Proc* proc = nullptr;  // resolved after the package is read
  SourceLocation loc;
};

// A state element: `proc p(NAME: TYPE, ..., init={V, ...})`.
struct StateElement {
  std::string name;
  const Type* type = nullptr;
  Value initial_value;
  SourceLocation loc;
};

class Proc : public Function {
 public:
  Proc(std::string name, Package* package) : Function(std::move(name), package, /*is_proc=*/true) {}

  // Written with an interface list `proc p<...>(...)`, even an empty one:
  // the proc uses proc-scoped channels.
  bool is_new_style() const { return is_new_style_; }
  void set_new_style(bool new_style) { is_new_style_ = new_style; }

  std::span<const InterfaceChannel> interface() const { return interface_; }
  std::vector<InterfaceChannel>& mutable_interface() { return interface_; }

  std::span<const StateElement> state_elements() const { return state_elements_; }
  std::vector<StateElement>& mutable_state_elements() { return state_elements_; }
  // Position in state_elements(), or -1.
  int64_t StateElementIndex(std::string_view name) const {
    for (size_t i = 0; i < state_elements_.size(); ++i)
      if (state_elements_[i].name == name) return static_cast<int64_t>(i);
    return -1;
  }

  // The declaration lines of the body, printed before the nodes in the
  // order they were written.
  struct Declaration {
    enum class Kind : uint8_t { kChannel, kChannelInterface, kInstantiation };
    Kind kind;
    size_t index;  // into channels(), channel_interfaces() or instantiations()
  };
  std::span<const Declaration> declarations() const { return declarations_; }

  std::span<const Channel> channels() const { return channels_; }
  std::span<const ChannelInterfaceLine> channel_interfaces() const { return channel_interfaces_; }
  std::span<const ProcInstantiation> instantiations() const { return instantiations_; }
  std::span<ProcInstantiation> mutable_instantiations() { return instantiations_; }

  void AddChannel(Channel channel) {
    declarations_.push_back({Declaration::Kind::kChannel, channels_.size()});
    channels_.push_back(std::move(channel));
  }
  void AddChannelInterface(ChannelInterfaceLine line) {
    declarations_.push_back({Declaration::Kind::kChannelInterface, channel_interfaces_.size()});
    channel_interfaces_.push_back(std::move(line));
  }
  void AddInstantiation(ProcInstantiation instantiation) {
    declarations_.push_back({Declaration::Kind::kInstantiation, instantiations_.size()});
    instantiations_.push_back(std::move(instantiation));
  }

  // The channel a send/receive of this proc names: a channel it declares,
  // else an interface channel; nullptr for neither (global channels are
  // the package's).
  const Channel* FindDeclaredChannel(std::string_view name) const {
    for (const Channel& c : channels_)
      if (c.name == name) return &c;
    return nullptr;
  }
  const InterfaceChannel* FindInterfaceChannel(std::string_view name) const {
    for (const InterfaceChannel& c : interface_)
      if (c.name == name) return &c;
    return nullptr;
  }

 private:
  bool is_new_style_ = false;
  std::vector<InterfaceChannel> interface_;
  std::vector<StateElement> state_elements_;
  std::vector<Declaration> declarations_;
  std::vector<Channel> channels_;
  std::vector<ChannelInterfaceLine> channel_interfaces_;
  std::vector<ProcInstantiation> instantiations_;
};

inline const Proc* AsProc(const Function& f) { return f.is_proc() ? static_cast<const Proc*>(&f) : nullptr; }

}  // namespace xlsaot

#endif  // XLSAOT_IR_PROC_H_
