// A consumer that calls only Run() of an artifact compiled with events:
// traces and covers are dropped, and the program links none of the runtime's
// event recording or trace formatting (tests/aot/standalone_test.cc checks
// its symbols).
#include <cstdio>

#include "checks_traced.h"

int main() {
  auto runner = standalone::traced::Runner::Create();
  if (!runner.ok()) {
    std::printf("error: %s\n", runner.error().c_str());
    return 1;
  }
  auto sum = runner->Run(200, 100);
  if (!sum.ok() || *sum != 44) {
    std::printf("traced_sum(200, 100) failed\n");
    return 1;
  }
  std::printf("traced_sum(200, 100) = %d\n", static_cast<int>(*sum));
  return 0;
}
