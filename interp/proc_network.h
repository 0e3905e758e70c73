// The reference proc interpreter: a proc network elaborated from a package
// and run tick by tick, exactly as XLS's serial proc runtime runs its proc
// interpreter (docs/procs.md has the model).
//
// Elaboration. A top proc with an interface list (`proc p<...>`) is one
// instance plus, recursively and in pre-order, one instance per
// proc_instantiation; every channel a proc declares is one queue per
// instance; the top's interface channels are the boundary. Otherwise every
// proc without an interface list is one instance, in file order, over the
// package's global channels, whose receive_only / send_only channels are the
// boundary.
//
// A tick runs every instance until it ends its activation or blocks on a
// receive from an empty channel; a send stops the sender and wakes the
// instance blocked on that channel, so values sent early in a tick can be
// received later in the same tick.
#ifndef XLSAOT_INTERP_PROC_NETWORK_H_
#define XLSAOT_INTERP_PROC_NETWORK_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interp/evaluation_plan.h"
#include "ir/package.h"
#include "ir/proc.h"
#include "ir/value.h"
#include "xlsaot/events.h"
#include "xlsaot/result.h"

namespace xlsaot {

// One channel of the elaborated network.
struct ChannelInstance {
  enum class Boundary : uint8_t { kInternal, kInput, kOutput };
  // The declared name; a channel declared by an instantiated proc is
  // prefixed by the instantiation path: "inst0::inst1::chan".
  std::string name;
  const Type* type = nullptr;
  ChannelKind kind = ChannelKind::kStreaming;
  Boundary boundary = Boundary::kInternal;
};

// One proc instance: "top" is the top proc's (or, for global channels, the
// proc's) name; instantiated ones are "top::inst0::inst1".
struct ProcInstanceInfo {
  std::string path;
  const Proc* proc = nullptr;
};

class ProcNetwork {
 public:
  // `top`: a proc of `package` (which must have passed the verifier).
  static Result<std::unique_ptr<ProcNetwork>> Create(const Package& package, const Proc& top);

  std::span<const ChannelInstance> channels() const { return channels_; }
  // Index in channels(), or nullopt.
  std::optional<size_t> FindChannel(std::string_view name) const;

  // Appends `value` to boundary input channel `channel` (for a single_value
  // channel: sets it). kInvalidArgument for any other channel or a value of
  // the wrong type.
  Status Send(size_t channel, Value value);
  // Takes the oldest value of boundary output channel `channel` that has not
  // been taken (single_value: its value, without taking it); nullopt when
  // there is none.
  std::optional<Value> Receive(size_t channel);
  // Every value sent on boundary output channel `channel` so far, in order.
  std::span<const Value> SentValues(size_t channel) const { return queues_[channel].sent; }

  // Runs one tick. Errors: kAssertionFailed (the message of the first failed
  // assert; its tick stops when the instance that failed it stops running),
  // kDeadlock (the message names the channels with a blocked receiver),
  // kStateConflict (the message names the proc and the element). After an
  // error the network is left as the failing tick left it.
  Status Tick();
  int64_t ticks_run() const { return ticks_run_; }

  std::span<const ProcInstanceInfo> instances() const { return instance_infos_; }
  // The state instance `instance` starts its next activation with (an
  // instance suspended mid-activation: the state it started it with).
  std::span<const Value> state(size_t instance) const;

  // Traces and failed asserts of every tick so far, in execution order;
  // cover counts.
  const Events& events() const { return events_; }

  ~ProcNetwork();
  ProcNetwork(const ProcNetwork&) = delete;
  ProcNetwork& operator=(const ProcNetwork&) = delete;

 private:
  struct Queue {
    std::deque<Value> values;
    bool has_value = false;  // single_value: written at least once
    std::vector<Value> sent;  // boundary outputs: every value sent
    int64_t blocked_receiver = -1;  // instance blocked on this channel
  };
  struct Instance;
  enum class Stop : uint8_t { kEnded, kSent, kBlocked };

  ProcNetwork() = default;
  Status Elaborate(const Package& package, const Proc& top);
  Result<Stop> Run(Instance& instance, size_t instance_index, bool& evaluated_any, size_t& woken_channel);

  std::vector<ChannelInstance> channels_;
  std::vector<Queue> queues_;
  std::vector<std::unique_ptr<Instance>> instances_;
  std::vector<ProcInstanceInfo> instance_infos_;
  Events events_;
  int64_t ticks_run_ = 0;
};

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_PROC_NETWORK_H_
