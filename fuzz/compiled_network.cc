#include "fuzz/compiled_network.h"

#include <utility>

#include "codegen/type_layout.h"
#include "codegen/value_buffer.h"
#include "jit/jit_function.h"  // TraceEvent

namespace xlsaot {

Result<std::unique_ptr<CompiledNetwork>> CompiledNetwork::Create(std::unique_ptr<NetworkPlan> plan,
                                                                 std::vector<AbiInfo> segment_abis,
                                                                 int64_t scratch_size, int64_t scratch_alignment,
                                                                 std::vector<xlsaot_entry_fn> entries,
                                                                 std::unique_ptr<CompiledCode> code) {
  std::unique_ptr<CompiledNetwork> network(new CompiledNetwork());
  for (const AbiInfo& abi : segment_abis) {
    std::vector<std::vector<TraceFormatStep>>& formats = network->trace_formats_.emplace_back();
    for (const TraceSite& site : abi.traces) {
      XLSAOT_ASSIGN_OR_RETURN(std::vector<TraceFormatStep> steps, ParseTraceFormat(site.format));
      formats.push_back(std::move(steps));
    }
  }
  network->tables_ = NetworkTables::Build(*plan, scratch_size, scratch_alignment);
  network->plan_ = std::move(plan);
  network->segment_abis_ = std::move(segment_abis);
  network->entries_ = std::move(entries);
  network->code_ = std::move(code);
  network->sent_.resize(network->plan_->elaborated.channels.size());
  network->context_.on_assert = &CompiledNetwork::OnAssert;
  network->context_.on_trace = &CompiledNetwork::OnTrace;
  network->context_.on_cover = &CompiledNetwork::OnCover;
  network->context_.on_assumption = &CompiledNetwork::OnAssumption;
  network->context_.user_data = network.get();
  XLSAOT_ASSIGN_OR_RETURN(NetworkRunner runner,
                          NetworkRunner::Create(network->tables_->description(), network->entries_, &network->context_));
  network->runner_ = std::make_unique<NetworkRunner>(std::move(runner));
  network->runner_->set_send_observer(NetworkSendObserver{&CompiledNetwork::OnSend, network.get()});
  return network;
}

Status CompiledNetwork::Send(size_t channel, Value value) {
  const ChannelInstance& c = channels()[channel];
  if (c.boundary != ChannelInstance::Boundary::kInput) {
    return MakeError(ErrorCode::kInvalidArgument, "channel '" + c.name + "' is not an input of the network");
  }
  if (!value.HasType(c.type)) {
    return MakeError(ErrorCode::kInvalidArgument, "value " + value.ToString() + " for channel '" + c.name +
                                                      "' is not of its type " + c.type->ToString());
  }
  std::vector<uint64_t> buffer(static_cast<size_t>(CachedLayout(c.type).size + 7) / 8 + 1, 0);
  WriteValueToBuffer(value, c.type, reinterpret_cast<uint8_t*>(buffer.data()));
  return runner_->Send(static_cast<uint32_t>(channel), reinterpret_cast<const uint8_t*>(buffer.data()));
}

Status CompiledNetwork::Tick() { return runner_->Tick(); }

std::vector<Value> CompiledNetwork::State(size_t instance) const {
  std::vector<Value> state;
  const Proc& proc = *instances()[instance].proc;
  for (size_t e = 0; e < proc.state_elements().size(); ++e) {
    state.push_back(ReadValueFromBuffer(proc.state_elements()[e].type,
                                        runner_->State(static_cast<uint32_t>(instance), static_cast<uint32_t>(e))));
  }
  return state;
}

void CompiledNetwork::OnSend(void* user_data, uint32_t channel, const uint8_t* data) {
  auto* network = static_cast<CompiledNetwork*>(user_data);
  network->sent_[channel].push_back(ReadValueFromBuffer(network->channels()[channel].type, data));
}

void CompiledNetwork::OnAssert(xlsaot_context* ctx, uint32_t, const char* message, size_t message_len,
                               const char* label, size_t label_len) {
  auto* network = static_cast<CompiledNetwork*>(ctx->user_data);
  network->events_.log.push_back(
      Event{Event::Kind::kAssert, std::string(message, message_len), std::string(label, label_len)});
}

void CompiledNetwork::OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands) {
  auto* network = static_cast<CompiledNetwork*>(ctx->user_data);
  const uint32_t segment = network->runner_->current_segment();
  network->events_.log.push_back(TraceEvent(network->segment_abis_[segment].traces[index],
                                            network->trace_formats_[segment][index], operands));
}

void CompiledNetwork::OnCover(xlsaot_context* ctx, uint32_t, const char* label, size_t label_len) {
  auto* network = static_cast<CompiledNetwork*>(ctx->user_data);
  ++network->events_.cover_hits[std::string(label, label_len)];
}

void CompiledNetwork::OnAssumption(xlsaot_context* ctx, uint32_t index) {
  auto* network = static_cast<CompiledNetwork*>(ctx->user_data);
  const Node& node = *network->segment_abis_[network->runner_->current_segment()].assumptions[index].node;
  network->events_.RecordAssumptionFailure(node.name(), node.op_info().name);
}

}  // namespace xlsaot
