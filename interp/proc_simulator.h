// What every engine that runs a proc network offers the tools: the
// interpreter's ProcNetwork (the oracle) and the compiled networks of the
// JIT and of ahead-of-time code. `xlsaot eval-proc`, `xlsaot fuzz` and the
// tests drive a network only through this interface, so they run every
// engine the same way and compare them tick by tick.
#ifndef XLSAOT_INTERP_PROC_SIMULATOR_H_
#define XLSAOT_INTERP_PROC_SIMULATOR_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ir/proc.h"
#include "ir/proc_elaboration.h"
#include "ir/type.h"
#include "ir/value.h"
#include "xlsaot/events.h"
#include "xlsaot/result.h"

namespace xlsaot {

class ProcSimulator {
 public:
  virtual ~ProcSimulator() = default;

  // Channels and instances in elaboration order (docs/procs.md); the same
  // for every engine.
  virtual std::span<const ChannelInstance> channels() const = 0;
  virtual std::span<const ProcInstanceInfo> instances() const = 0;
  // Index in channels(), or nullopt.
  std::optional<size_t> FindChannel(std::string_view name) const {
    const std::span<const ChannelInstance> all = channels();
    for (size_t i = 0; i < all.size(); ++i)
      if (all[i].name == name) return i;
    return std::nullopt;
  }

  // Appends `value` to boundary input channel `channel` (for a single_value
  // channel: sets it). kInvalidArgument for any other channel or a value of
  // the wrong type.
  virtual Status Send(size_t channel, Value value) = 0;
  // Every value sent on boundary output channel `channel` so far, in order.
  virtual std::span<const Value> SentValues(size_t channel) const = 0;

  // Runs one tick. Errors: kAssertionFailed (the message of the first failed
  // assert; its tick stops when the instance that failed it stops running),
  // kDeadlock (the message names the channels with a blocked receiver),
  // kStateConflict (the message names the proc and the element). After an
  // error the network is left as the failing tick left it.
  virtual Status Tick() = 0;

  // The state instance `instance` starts its next activation with (an
  // instance suspended mid-activation: the state it started it with).
  virtual std::vector<Value> State(size_t instance) const = 0;

  // Traces and failed asserts of every tick so far, in execution order;
  // cover counts.
  virtual const Events& events() const = 0;
};

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_PROC_SIMULATOR_H_
