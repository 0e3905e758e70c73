// The reference proc interpreter: a proc network elaborated from a package
// and run tick by tick, exactly as XLS's serial proc runtime runs its proc
// interpreter (docs/procs.md has the model).
//
// Elaboration: ir/proc_elaboration.h.
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
#include "interp/proc_simulator.h"
#include "ir/package.h"
#include "ir/proc.h"
#include "ir/value.h"
#include "xlsaot/events.h"
#include "xlsaot/result.h"

namespace xlsaot {

class ProcNetwork final : public ProcSimulator {
 public:
  // `top`: a proc of `package` (which must have passed the verifier).
  static Result<std::unique_ptr<ProcNetwork>> Create(const Package& package, const Proc& top);

  std::span<const ChannelInstance> channels() const override { return channels_; }
  std::span<const ProcInstanceInfo> instances() const override { return instance_infos_; }
  Status Send(size_t channel, Value value) override;
  // Takes the oldest value of boundary output channel `channel` that has not
  // been taken (single_value: its value, without taking it); nullopt when
  // there is none.
  std::optional<Value> Receive(size_t channel);
  std::span<const Value> SentValues(size_t channel) const override { return queues_[channel].sent; }
  Status Tick() override;
  int64_t ticks_run() const { return ticks_run_; }
  std::vector<Value> State(size_t instance) const override;
  const Events& events() const override { return events_; }

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
