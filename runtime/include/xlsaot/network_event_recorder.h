// NetworkEventRecorder: collects the events of a compiled proc network's
// ticks (a network artifact compiled with events, `xlsaot compile --events`)
// into the Events every engine reports: failed assertions, traces formatted
// as XLS formats them, cover hits. Each segment of the network is an entry
// point with its own event sites, so each has an EventRecorder of its own
// metadata; the runner says which segment is running.
//
// Like EventRecorder, only a program that records links the formatting code.
#ifndef XLSAOT_NETWORK_EVENT_RECORDER_H_
#define XLSAOT_NETWORK_EVENT_RECORDER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "xlsaot/abi.h"
#include "xlsaot/event_recorder.h"
#include "xlsaot/events.h"
#include "xlsaot/metadata.h"
#include "xlsaot/network.h"
#include "xlsaot/result.h"

namespace xlsaot {

class NetworkEventRecorder {
 public:
  // `segments[i]` is the metadata of network segment i, or null for a
  // segment without event sites. Errors: those of EventRecorder::Create.
  static Result<std::unique_ptr<NetworkEventRecorder>> Create(std::span<const MetadataView* const> segments);

  NetworkEventRecorder(const NetworkEventRecorder&) = delete;
  NetworkEventRecorder& operator=(const NetworkEventRecorder&) = delete;

  // Records what `runner` runs from now on into `events` (cleared first)
  // per `options`, until End(). The limit of `options.max_events` applies
  // to the log as a whole.
  void Begin(NetworkRunner& runner, Events& events, const RunOptions& options = {});
  // Gives `runner` back the context it had before Begin.
  void End(NetworkRunner& runner);

  // Since Begin: assertions and traces past the limit, and whether memory
  // ran out while recording.
  size_t dropped() const;
  bool out_of_memory() const;

 private:
  NetworkEventRecorder() = default;
  xlsaot_context* Current() const;
  static void OnAssert(xlsaot_context* ctx, uint32_t index, const char* message, size_t message_len,
                       const char* label, size_t label_len);
  static void OnTrace(xlsaot_context* ctx, uint32_t index, const uint8_t* const* operands);
  static void OnCover(xlsaot_context* ctx, uint32_t index, const char* label, size_t label_len);
  static void OnAssumption(xlsaot_context* ctx, uint32_t index);

  std::vector<std::optional<EventRecorder>> recorders_;  // per segment
  std::vector<xlsaot_context*> contexts_;                // per segment, from Begin; null: none
  xlsaot_context context_{};
  const NetworkRunner* runner_ = nullptr;
  xlsaot_context* previous_ = nullptr;
};

}  // namespace xlsaot

#endif  // XLSAOT_NETWORK_EVENT_RECORDER_H_
