#include "xlsaot/event_recorder.h"

#include <new>
#include <string>
#include <utility>

namespace xlsaot {

Result<EventRecorder> EventRecorder::Create(const MetadataView& metadata) {
  try {
    EventRecorder recorder;
    recorder.metadata_ = metadata;
    recorder.formats_.reserve(metadata.traces.size());
    for (size_t i = 0; i < metadata.traces.size(); ++i) {
      const TraceDesc& site = metadata.traces[i];
      Result<std::vector<TraceFormatStep>> steps = ParseTraceFormat(site.format);
      if (!steps.ok()) {
        return MakeError(ErrorCode::kCorruptArtifact,
                         "artifact '" + std::string(metadata.function_name) + "', trace " + std::to_string(i) + ": " +
                             steps.error());
      }
      if (TraceOperandCount(*steps) != static_cast<int64_t>(site.operand_types.size())) {
        return MakeError(ErrorCode::kCorruptArtifact,
                         "artifact '" + std::string(metadata.function_name) + "', trace " + std::to_string(i) +
                             ": the format has " + std::to_string(TraceOperandCount(*steps)) +
                             " placeholders for " + std::to_string(site.operand_types.size()) + " operands");
      }
      recorder.formats_.push_back(std::move(steps).value());
    }
    return recorder;
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kResourceExhausted, "out of memory creating an event recorder");
  }
}

xlsaot_context& EventRecorder::Begin(Events& events, const RunOptions& options) {
  events.log.clear();
  events.cover_hits.clear();
  events.assumption_failures.clear();
  events_ = &events;
  options_ = options;
  dropped_ = 0;
  out_of_memory_ = false;
  context_ = xlsaot_context{};
  context_.user_data = this;
  if (options.collect != RunOptions::Collect::kNothing) context_.on_assert = &OnAssert;
  if (options.collect == RunOptions::Collect::kEverything) {
    context_.on_trace = &OnTrace;
    context_.on_cover = &OnCover;
    context_.on_assumption = &OnAssumption;
  }
  return context_;
}

bool EventRecorder::Admit() {
  if (events_->log.size() < options_.max_events) return true;
  ++dropped_;
  return false;
}

// The callbacks run inside compiled code: nothing may escape them, so an
// allocation failure is recorded and reported after the call.

void EventRecorder::OnAssert(xlsaot_context* ctx, uint32_t, const char* message, size_t message_len,
                             const char* label, size_t label_len) {
  auto* self = static_cast<EventRecorder*>(ctx->user_data);
  if (!self->Admit()) return;
  try {
    self->events_->log.push_back(
        Event{Event::Kind::kAssert, std::string(message, message_len), std::string(label, label_len)});
  } catch (const std::bad_alloc&) {
    self->out_of_memory_ = true;
  }
}

void EventRecorder::OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands) {
  auto* self = static_cast<EventRecorder*>(ctx->user_data);
  if (index >= self->formats_.size()) return;
  const TraceDesc& site = self->metadata_.traces[index];
  if (static_cast<int64_t>(site.verbosity) > self->options_.max_trace_verbosity || !self->Admit()) return;
  try {
    self->events_->log.push_back(Event{Event::Kind::kTrace,
                                       RenderTrace(self->formats_[index], self->metadata_, site.operand_types, operands),
                                       "", static_cast<int64_t>(site.verbosity)});
  } catch (const std::bad_alloc&) {
    self->out_of_memory_ = true;
  }
}

void EventRecorder::OnCover(xlsaot_context* ctx, uint32_t, const char* label, size_t label_len) {
  auto* self = static_cast<EventRecorder*>(ctx->user_data);
  try {
    ++self->events_->cover_hits[std::string(label, label_len)];
  } catch (const std::bad_alloc&) {
    self->out_of_memory_ = true;
  }
}

void EventRecorder::OnAssumption(xlsaot_context* ctx, uint32_t index) {
  auto* self = static_cast<EventRecorder*>(ctx->user_data);
  if (index >= self->metadata_.assumptions.size()) return;
  const AssumptionDesc& site = self->metadata_.assumptions[index];
  try {
    self->events_->RecordAssumptionFailure(site.node, site.kind);
  } catch (const std::bad_alloc&) {
    self->out_of_memory_ = true;
  }
}

Result<EventRecorder*> EventRecorderSlot::GetOrCreate(const MetadataView& metadata) {
  if (recorder_ == nullptr) {
    XLSAOT_ASSIGN_OR_RETURN(EventRecorder made, EventRecorder::Create(metadata));
    try {
      recorder_ = new EventRecorder(std::move(made));
    } catch (const std::bad_alloc&) {
      return MakeError(ErrorCode::kResourceExhausted, "out of memory creating an event recorder");
    }
    destroy_ = [](EventRecorder* recorder) { delete recorder; };
  }
  return recorder_;
}

Status CallRecordingEvents(ArtifactRunner& runner, EventRecorderSlot& slot, const RunOptions& options,
                           Events& events, size_t& dropped) {
  XLSAOT_ASSIGN_OR_RETURN(EventRecorder* recorder, slot.GetOrCreate(runner.metadata()));
  XLSAOT_RETURN_IF_ERROR(runner.Call(recorder->Begin(events, options)));
  if (recorder->out_of_memory()) {
    return MakeError(ErrorCode::kResourceExhausted,
                     "out of memory recording the events of '" + std::string(runner.metadata().function_name) + "'");
  }
  dropped = recorder->dropped();
  return Status::Ok();
}

}  // namespace xlsaot
