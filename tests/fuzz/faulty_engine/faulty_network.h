// A proc network that is wrong on purpose: the interpreter's network with
// one kind of observation changed, so that the tests can check that the
// tick-by-tick comparison (fuzz/proc_differential.h) catches each kind and
// reports where. Used by tests/fuzz/proc_differential_test.cc and by the
// "faulty" engine of the test command line (main.cc).
#ifndef XLSAOT_TESTS_FUZZ_FAULTY_ENGINE_FAULTY_NETWORK_H_
#define XLSAOT_TESTS_FUZZ_FAULTY_ENGINE_FAULTY_NETWORK_H_

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "fuzz/engines.h"
#include "interp/proc_simulator.h"
#include "ir/value.h"

namespace xlsaot::faulty {

// Flips bit 0 of the first bits leaf that has one; true when it found one.
inline bool FlipFirstBit(Value& value) {
  if (value.IsBits()) {
    if (value.bits().getBitWidth() == 0) return false;
    value.mutable_bits().flipBit(0);
    return true;
  }
  for (Value& element : value.mutable_elements())
    if (FlipFirstBit(element)) return true;
  return false;
}

enum class NetworkFault : uint8_t {
  kOutput,  // the second value sent on each output channel
  kState,   // the state of every instance from the third tick on
  kEvent,   // an extra trace in the third tick
  kStatus,  // the fourth tick reports a deadlock
};

class FaultyNetwork final : public ProcSimulator {
 public:
  FaultyNetwork(std::unique_ptr<ProcSimulator> inner, NetworkFault fault)
      : inner_(std::move(inner)), fault_(fault), outputs_(inner_->channels().size()) {}

  std::span<const ChannelInstance> channels() const override { return inner_->channels(); }
  std::span<const ProcInstanceInfo> instances() const override { return inner_->instances(); }
  Status Send(size_t channel, Value value) override { return inner_->Send(channel, std::move(value)); }
  std::span<const Value> SentValues(size_t channel) const override {
    std::vector<Value>& values = outputs_[channel];
    const std::span<const Value> sent = inner_->SentValues(channel);
    values.assign(sent.begin(), sent.end());
    if (fault_ == NetworkFault::kOutput && values.size() >= 2) FlipFirstBit(values[1]);
    return values;
  }
  Status Tick() override {
    ++ticks_;
    if (fault_ == NetworkFault::kStatus && ticks_ == 4)
      return MakeError(ErrorCode::kDeadlock, "deadlocked on purpose");
    Status status = inner_->Tick();
    events_ = inner_->events();
    if (fault_ == NetworkFault::kEvent && ticks_ >= 3) events_.log.push_back({Event::Kind::kTrace, "faulty", ""});
    return status;
  }
  std::vector<Value> State(size_t instance) const override {
    std::vector<Value> state = inner_->State(instance);
    if (fault_ == NetworkFault::kState && ticks_ >= 3)
      for (Value& v : state)
        if (FlipFirstBit(v)) break;
    return state;
  }
  const Events& events() const override { return events_; }

 private:
  std::unique_ptr<ProcSimulator> inner_;
  NetworkFault fault_;
  int64_t ticks_ = 0;
  // What SentValues hands out must outlive the call.
  mutable std::vector<std::vector<Value>> outputs_;
  Events events_;
};

// The interpreter's network factory with `fault`.
inline NetworkFactory FaultyNetworkFactory(NetworkFault fault) {
  return [fault](const Package& package, const Proc& top) -> Result<std::unique_ptr<ProcSimulator>> {
    XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<ProcSimulator> inner,
                            InterpreterEngine().prepare_network(package, top));
    return std::unique_ptr<ProcSimulator>(std::make_unique<FaultyNetwork>(std::move(inner), fault));
  };
}

}  // namespace xlsaot::faulty

#endif  // XLSAOT_TESTS_FUZZ_FAULTY_ENGINE_FAULTY_NETWORK_H_
