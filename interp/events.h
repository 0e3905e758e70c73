// Side effects of one evaluation (assert, trace, cover), shared by every
// backend so that interpreter, JIT and AOT results compare directly.
#ifndef XLSAOT_INTERP_EVENTS_H_
#define XLSAOT_INTERP_EVENTS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/value.h"

namespace xlsaot {

struct Event {
  enum class Kind : uint8_t { kAssert, kTrace };
  Kind kind;
  std::string text;   // assert: the message; trace: the formatted text
  std::string label;  // assert: the label ("" when none)

  friend bool operator==(const Event&, const Event&) = default;
};

struct Events {
  // Failing assertions and traces, in execution order.
  std::vector<Event> log;
  // Cover label -> number of times its condition was true; a label appears
  // only once it has been hit.
  std::map<std::string, int64_t> cover_hits;

  int64_t assertion_count() const {
    int64_t n = 0;
    for (const Event& e : log) n += e.kind == Event::Kind::kAssert;
    return n;
  }
};

struct EvalResult {
  Value value;
  Events events;
};

}  // namespace xlsaot

#endif  // XLSAOT_INTERP_EVENTS_H_
