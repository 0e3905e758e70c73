// Events of an evaluation or a proc run as the command line prints them.
#ifndef XLSAOT_TOOLS_PRINT_EVENTS_H_
#define XLSAOT_TOOLS_PRINT_EVENTS_H_

#include <cstdint>
#include <optional>

#include "xlsaot/events.h"

namespace xlsaot {

// The events of one evaluation on stderr: assertions and traces in
// execution order (traces above `max_trace_verbosity` left out), then one
// `cover: LABEL` line per cover firing, grouped by label, and one
// `assumption: NODE: DESCRIPTION` line per failed assumption, grouped by
// node: covers and assumptions carry no token, so their order among the
// other events is not defined.
void PrintEvents(const Events& events, std::optional<int64_t> max_trace_verbosity);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_PRINT_EVENTS_H_
