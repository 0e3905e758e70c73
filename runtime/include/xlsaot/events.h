// The events of one evaluation — failed assertions, traces, cover hits —
// in the one vocabulary every engine reports them in: the interpreter, the
// JIT and ahead-of-time compiled code through the runtime, so that their
// results compare directly and tools print them the same way.
#ifndef XLSAOT_EVENTS_H_
#define XLSAOT_EVENTS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xlsaot {

struct Event {
  enum class Kind : uint8_t { kAssert, kTrace };
  Kind kind;
  std::string text;       // assert: the message; trace: the formatted text
  std::string label;      // assert: the label ("" when none)
  int64_t verbosity = 0;  // trace: its verbosity attribute

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

}  // namespace xlsaot

#endif  // XLSAOT_EVENTS_H_
