// What ahead-of-time compilation accepts. Asserts are always delivered.
// Traces and covers are opt-in: an artifact compiled with events records
// their sites in its metadata and its runtime delivers them
// (xlsaot/event_recorder.h); without events, a trace or cover reachable from
// the compiled function is rejected when the artifact is generated, naming
// it. Functions the top never reaches are ignored: they are not compiled and
// contribute no feature bit.
#ifndef XLSAOT_AOT_LEGALITY_H_
#define XLSAOT_AOT_LEGALITY_H_

#include <vector>

#include "ir/function.h"
#include "xlsaot/result.h"

namespace xlsaot {

// `top` and every function it reaches through invoke, map, counted_for and
// dynamic_counted_for, each once, in the order a depth-first walk over the
// nodes first meets them (top first).
std::vector<const Function*> ReachableFunctions(const Function& top);

// Without `events`: kUnsupported for the first trace or cover reachable from
// `top`, naming its location, node, function and the chain of calls that
// reaches it. With `events` everything is accepted.
Status CheckAotLegality(const Function& top, bool events = false);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_LEGALITY_H_
