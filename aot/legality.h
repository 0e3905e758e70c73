// What ahead-of-time compilation accepts: the artifact runs without the
// compiler, so it can only report events the runtime can deliver. Asserts
// are delivered; traces (whose text needs the IR's format machinery) and
// covers are not, so a trace or cover reachable from the compiled function
// is rejected when the artifact is generated. Functions the top never
// reaches are ignored: they are not compiled and contribute no feature bit.
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

// kUnsupported for the first trace or cover reachable from `top`, naming its
// location, node, function and the chain of calls that reaches it.
Status CheckAotLegality(const Function& top);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_LEGALITY_H_
