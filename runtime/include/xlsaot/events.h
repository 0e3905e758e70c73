// The events of one evaluation — failed assertions, traces, cover hits,
// failed assumptions — in the one vocabulary every engine reports them in:
// the interpreter, the JIT and ahead-of-time compiled code through the
// runtime, so that their results compare directly and tools print them the
// same way.
#ifndef XLSAOT_EVENTS_H_
#define XLSAOT_EVENTS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
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

// An array_index or array_update marked assumed_in_bounds=true that was
// indexed out of bounds.
struct AssumptionFailure {
  std::string description;  // AssumptionDescription(op)
  int64_t count = 0;        // times it failed in the evaluation
  friend bool operator==(const AssumptionFailure&, const AssumptionFailure&) = default;
};

// The description of a failed assumption of op `op` ("array_index").
inline std::string AssumptionDescription(std::string_view op) {
  return std::string(op) + " index out of bounds, though assumed_in_bounds=true";
}

struct Events {
  // Failing assertions and traces, in execution order.
  std::vector<Event> log;
  // Cover label -> number of times its condition was true; a label appears
  // only once it has been hit.
  std::map<std::string, int64_t> cover_hits;
  // Node name -> its failed assumption. Like covers, assumptions carry no
  // token: they are counted, not ordered among the other events.
  std::map<std::string, AssumptionFailure> assumption_failures;

  // Counts one failure of the assumption of node `node`, an op `op`
  // (what every engine calls when an assumed-in-bounds index is not).
  void RecordAssumptionFailure(std::string_view node, std::string_view op) {
    AssumptionFailure& failure = assumption_failures[std::string(node)];
    if (failure.count++ == 0) failure.description = AssumptionDescription(op);
  }

  int64_t assertion_count() const {
    int64_t n = 0;
    for (const Event& e : log) n += e.kind == Event::Kind::kAssert;
    return n;
  }
};

}  // namespace xlsaot

#endif  // XLSAOT_EVENTS_H_
