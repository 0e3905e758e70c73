// How many IR nodes one call of a function evaluates, counting loop bodies
// once per iteration and callees once per call: the unit of the
// interpreter's throughput figure (node evaluations per second).
#ifndef XLSAOT_BENCH_EVALUATION_COUNT_H_
#define XLSAOT_BENCH_EVALUATION_COUNT_H_

#include <cstdint>

#include "ir/function.h"

namespace xlsaot::bench {

// Every node except parameters counts one; counted_for adds trip_count times
// its body, invoke its callee, map the array size times its callee. The trip
// count of dynamic_counted_for is only known at run time: its body is not
// counted.
int64_t NodeEvaluationsPerCall(const Function& function);

}  // namespace xlsaot::bench

#endif  // XLSAOT_BENCH_EVALUATION_COUNT_H_
