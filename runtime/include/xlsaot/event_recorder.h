// EventRecorder: collects the events of calls to an artifact compiled with
// events (`xlsaot compile --events`): failed assertions with message and
// label, traces formatted as XLS formats them, cover hits — into the same
// Events every engine reports (xlsaot/events.h). It makes the xlsaot_context
// a call passes to the compiled code (ArtifactRunner::Call(ctx)).
//
// Trace text is formatted here and only here, and only for the traces a
// call collects: a consumer that never creates a recorder links none of the
// formatting code (runtime/src/event_recorder.cc, trace_format.cc,
// value_text.cc are objects of their own in the archive).
#ifndef XLSAOT_EVENT_RECORDER_H_
#define XLSAOT_EVENT_RECORDER_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "xlsaot/abi.h"
#include "xlsaot/events.h"
#include "xlsaot/metadata.h"
#include "xlsaot/result.h"
#include "xlsaot/run_output.h"
#include "xlsaot/runner.h"
#include "xlsaot/trace_format.h"

namespace xlsaot {

// What one call collects (RunWithEvents of the generated API,
// EventRecorder::Begin).
struct RunOptions {
  enum class Collect : uint8_t {
    kNothing,     // no event at all (covers and traces are not even counted)
    kAssertions,  // failed assertions only
    kEverything,  // assertions, traces, covers, failed assumptions
  };
  Collect collect = Collect::kEverything;
  // Traces whose verbosity is above this are neither formatted nor kept.
  int64_t max_trace_verbosity = std::numeric_limits<int64_t>::max();
  // At most this many assertions and traces are kept per call; the rest are
  // counted as dropped (memory stays bounded whatever the loop counts).
  size_t max_events = 100000;
};

class EventRecorder {
 public:
  // A recorder for the artifact described by `metadata` (copied; the strings
  // and tables it points to must outlive the recorder, as those of
  // ArtifactRunner::metadata() and a generated kMetadata do). Parses every
  // trace format once. Errors: kCorruptArtifact for a
  // format that does not parse or whose placeholders are not as many as its
  // operands.
  static Result<EventRecorder> Create(const MetadataView& metadata);

  // Starts recording into `events` (cleared first) per `options`, and
  // returns the context to call the compiled code with; valid until the next
  // Begin and while this recorder and `events` live.
  xlsaot_context& Begin(Events& events, const RunOptions& options = {});

  // After the call: how many assertions and traces did not fit under
  // max_events, and whether memory ran out while recording (then the call's
  // events are incomplete).
  size_t dropped() const { return dropped_; }
  bool out_of_memory() const { return out_of_memory_; }

 private:
  static void OnAssert(xlsaot_context* ctx, uint32_t index, const char* message, size_t message_len,
                       const char* label, size_t label_len);
  static void OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands);
  static void OnCover(xlsaot_context* ctx, uint32_t index, const char* label, size_t label_len);
  static void OnAssumption(xlsaot_context* ctx, uint32_t index);
  // Whether one more assertion or trace may be kept.
  bool Admit();

  MetadataView metadata_;
  std::vector<std::vector<TraceFormatStep>> formats_;  // per trace site
  xlsaot_context context_{};
  Events* events_ = nullptr;
  RunOptions options_;
  size_t dropped_ = 0;
  bool out_of_memory_ = false;
};

// An EventRecorder made on first use. Destroying one goes through a
// function pointer set when the recorder is made, so a program that holds a
// slot (every generated runner does, for RunWithEvents) but never records
// links none of the recorder's code.
class EventRecorderSlot {
 public:
  EventRecorderSlot() = default;
  EventRecorderSlot(EventRecorderSlot&& other) noexcept { *this = std::move(other); }
  EventRecorderSlot& operator=(EventRecorderSlot&& other) noexcept {
    std::swap(recorder_, other.recorder_);
    std::swap(destroy_, other.destroy_);
    return *this;
  }
  ~EventRecorderSlot() {
    if (recorder_ != nullptr) destroy_(recorder_);
  }

  // The recorder for `metadata`, made by the first call (errors: those of
  // EventRecorder::Create). Later calls return the same recorder.
  Result<EventRecorder*> GetOrCreate(const MetadataView& metadata);

 private:
  EventRecorder* recorder_ = nullptr;
  void (*destroy_)(EventRecorder*) = nullptr;
};

// Runs `runner` on its staging buffers with the recorder of `slot`
// (created from the runner's metadata on first use, so that callers that
// never ask for events never make one), recording into `events` per
// `options`. `dropped` gets the number of events past the cap. Errors:
// those of the call, of EventRecorder::Create, and kResourceExhausted when
// memory ran out while recording.
Status CallRecordingEvents(ArtifactRunner& runner, EventRecorderSlot& slot, const RunOptions& options,
                           Events& events, size_t& dropped);

// The same, filling a generated API's RunOutput (its `output` is left to
// the caller): every event in `result.events`, the messages of the failed
// assertions again in `result.assertions`.
template <typename T>
Status CallRecordingEvents(ArtifactRunner& runner, EventRecorderSlot& slot, const RunOptions& options,
                           RunOutput<T>& result) {
  XLSAOT_RETURN_IF_ERROR(CallRecordingEvents(runner, slot, options, result.events, result.dropped));
  for (const Event& e : result.events.log)
    if (e.kind == Event::Kind::kAssert) result.assertions.push_back(e.text);
  return Status::Ok();
}

}  // namespace xlsaot

#endif  // XLSAOT_EVENT_RECORDER_H_
