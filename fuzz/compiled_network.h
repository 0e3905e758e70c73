// The proc network of compiled code behind the ProcSimulator interface: a
// NetworkRunner of the standalone runtime driving segment entry points that
// the JIT compiled or that an ahead-of-time object (linked into the process
// byte for byte) exports. Values cross the interface as IR values; events
// are rendered like the JIT's.
#ifndef XLSAOT_FUZZ_COMPILED_NETWORK_H_
#define XLSAOT_FUZZ_COMPILED_NETWORK_H_

#include <memory>
#include <vector>

#include "codegen/network_lowering.h"
#include "codegen/network_tables.h"
#include "interp/proc_simulator.h"
#include "interp/trace_format.h"
#include "xlsaot/network.h"

namespace xlsaot {

// What keeps the compiled code alive (a JIT, a linked object).
class CompiledCode {
 public:
  virtual ~CompiledCode() = default;
};

class CompiledNetwork final : public ProcSimulator {
 public:
  // `entries[i]` is the entry point of segment i of `plan`, whose event
  // sites are `segment_abis[i]`.
  static Result<std::unique_ptr<CompiledNetwork>> Create(std::unique_ptr<NetworkPlan> plan,
                                                         std::vector<AbiInfo> segment_abis, int64_t scratch_size,
                                                         int64_t scratch_alignment,
                                                         std::vector<xlsaot_entry_fn> entries,
                                                         std::unique_ptr<CompiledCode> code);

  std::span<const ChannelInstance> channels() const override { return plan_->elaborated.channels; }
  std::span<const ProcInstanceInfo> instances() const override { return plan_->elaborated.instances; }
  Status Send(size_t channel, Value value) override;
  std::span<const Value> SentValues(size_t channel) const override { return sent_[channel]; }
  Status Tick() override;
  std::vector<Value> State(size_t instance) const override;
  const Events& events() const override { return events_; }

  NetworkRunner& runner() { return *runner_; }

 private:
  CompiledNetwork() = default;
  static void OnAssert(xlsaot_context* ctx, uint32_t index, const char* message, size_t message_len,
                       const char* label, size_t label_len);
  static void OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands);
  static void OnCover(xlsaot_context* ctx, uint32_t index, const char* label, size_t label_len);
  static void OnAssumption(xlsaot_context* ctx, uint32_t index);
  static void OnSend(void* user_data, uint32_t channel, const uint8_t* data);

  std::unique_ptr<NetworkPlan> plan_;
  std::vector<AbiInfo> segment_abis_;
  std::vector<std::vector<std::vector<TraceFormatStep>>> trace_formats_;  // per segment, per trace
  std::unique_ptr<NetworkTables> tables_;
  std::vector<xlsaot_entry_fn> entries_;
  std::unique_ptr<CompiledCode> code_;
  xlsaot_context context_{};
  std::unique_ptr<NetworkRunner> runner_;
  std::vector<std::vector<Value>> sent_;
  Events events_;
};

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_COMPILED_NETWORK_H_
