// The result of NAME::Runner::RunWithEvents: the function's value together
// with the events of the call that RunOptions asked for
// (xlsaot/event_recorder.h).
#ifndef XLSAOT_RUN_OUTPUT_H_
#define XLSAOT_RUN_OUTPUT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "xlsaot/events.h"

namespace xlsaot {

template <typename T>
struct RunOutput {
  T output;
  // Messages of the failed assertions, in execution order (empty when all
  // held). A failing assert does not stop evaluation, so `output` is the
  // value the function computed regardless.
  std::vector<std::string> assertions;
  // Every collected event: failed assertions (message and label) and
  // traces (text and verbosity) in execution order, and cover counts by
  // label.
  Events events;
  // Assertions and traces past RunOptions::max_events, which were counted
  // but not kept.
  size_t dropped = 0;
  bool truncated() const { return dropped != 0; }
};

}  // namespace xlsaot

#endif  // XLSAOT_RUN_OUTPUT_H_
