#include "tools/print_events.h"

#include <cstdio>
#include <string>

namespace xlsaot {

void PrintEvents(const Events& events, std::optional<int64_t> max_trace_verbosity) {
  std::string text;
  for (const Event& event : events.log) {
    if (event.kind == Event::Kind::kTrace && max_trace_verbosity && event.verbosity > *max_trace_verbosity) continue;
    text += event.kind == Event::Kind::kAssert ? "assert: " : "trace: ";
    text += event.text;
    text += '\n';
  }
  for (const auto& [label, count] : events.cover_hits) {
    for (int64_t i = 0; i < count; ++i) text += "cover: " + label + "\n";
  }
  for (const auto& [node, failure] : events.assumption_failures) {
    for (int64_t i = 0; i < failure.count; ++i) text += "assumption: " + node + ": " + failure.description + "\n";
  }
  if (text.empty()) return;
  std::fflush(stdout);  // results so far stay ahead of these lines on a terminal
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace xlsaot
