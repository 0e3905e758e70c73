// The result of evaluating a function on any engine: its value and its
// events (xlsaot/events.h, the runtime's vocabulary).
#ifndef XLSAOT_INTERP_EVENTS_H_
#define XLSAOT_INTERP_EVENTS_H_

#include "ir/value.h"
#include "xlsaot/events.h"

namespace xlsaot {

struct EvalResult {
  Value value;
  Events events;
};

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_EVENTS_H_
