#include "xlsaot/network_event_recorder.h"

#include <new>

namespace xlsaot {

Result<std::unique_ptr<NetworkEventRecorder>> NetworkEventRecorder::Create(
    std::span<const MetadataView* const> segments) {
  std::unique_ptr<NetworkEventRecorder> recorder(new (std::nothrow) NetworkEventRecorder());
  if (recorder == nullptr) return MakeError(ErrorCode::kResourceExhausted, "out of memory for an event recorder");
  recorder->recorders_.resize(segments.size());
  recorder->contexts_.assign(segments.size(), nullptr);
  for (size_t i = 0; i < segments.size(); ++i) {
    if (segments[i] == nullptr) continue;
    XLSAOT_ASSIGN_OR_RETURN(EventRecorder segment, EventRecorder::Create(*segments[i]));
    recorder->recorders_[i].emplace(std::move(segment));
  }
  return recorder;
}

void NetworkEventRecorder::Begin(NetworkRunner& runner, Events& events, const RunOptions& options) {
  events = Events{};
  // Every segment's recorder writes into the one Events.
  for (size_t i = 0; i < recorders_.size(); ++i) {
    contexts_[i] = recorders_[i] ? &recorders_[i]->Begin(events, options) : nullptr;
  }
  context_ = xlsaot_context{};
  context_.user_data = this;
  context_.on_assert = &OnAssert;
  context_.on_trace = &OnTrace;
  context_.on_cover = &OnCover;
  context_.on_assumption = &OnAssumption;
  runner_ = &runner;
  previous_ = runner.set_user_context(&context_);
}

void NetworkEventRecorder::End(NetworkRunner& runner) {
  runner.set_user_context(previous_);
  runner_ = nullptr;
  previous_ = nullptr;
}

size_t NetworkEventRecorder::dropped() const {
  size_t n = 0;
  for (const auto& r : recorders_) n += r ? r->dropped() : 0;
  return n;
}

bool NetworkEventRecorder::out_of_memory() const {
  for (const auto& r : recorders_)
    if (r && r->out_of_memory()) return true;
  return false;
}

// The context of the segment that is running (null when it has no sites).
xlsaot_context* NetworkEventRecorder::Current() const {
  const uint32_t segment = runner_->current_segment();
  return segment < contexts_.size() ? contexts_[segment] : nullptr;
}

void NetworkEventRecorder::OnAssert(xlsaot_context* ctx, uint32_t index, const char* message, size_t message_len,
                                    const char* label, size_t label_len) {
  xlsaot_context* c = static_cast<NetworkEventRecorder*>(ctx->user_data)->Current();
  if (c != nullptr && c->on_assert != nullptr) c->on_assert(c, index, message, message_len, label, label_len);
}

void NetworkEventRecorder::OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands) {
  xlsaot_context* c = static_cast<NetworkEventRecorder*>(ctx->user_data)->Current();
  if (c != nullptr && c->on_trace != nullptr) c->on_trace(c, index, operands);
}

void NetworkEventRecorder::OnCover(xlsaot_context* ctx, uint32_t index, const char* label, size_t label_len) {
  xlsaot_context* c = static_cast<NetworkEventRecorder*>(ctx->user_data)->Current();
  if (c != nullptr && c->on_cover != nullptr) c->on_cover(c, index, label, label_len);
}

void NetworkEventRecorder::OnAssumption(xlsaot_context* ctx, uint32_t index) {
  xlsaot_context* c = static_cast<NetworkEventRecorder*>(ctx->user_data)->Current();
  if (c != nullptr && c->on_assumption != nullptr) c->on_assumption(c, index);
}

}  // namespace xlsaot
