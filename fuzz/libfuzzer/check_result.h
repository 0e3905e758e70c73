// The outcome of feeding one input to a fuzz target's check function.
//
// The checks live in plain functions (not in LLVMFuzzerTestOneInput) so that
// the ordinary test suite can replay every committed corpus and regression
// input through exactly the code the fuzzers run, in any build, with or
// without Clang.
#ifndef XLSAOT_FUZZ_LIBFUZZER_CHECK_RESULT_H_
#define XLSAOT_FUZZ_LIBFUZZER_CHECK_RESULT_H_

#include <cstdio>
#include <cstdlib>
#include <string>

namespace xlsaot {

struct CheckResult {
  // How far the input got. A rejected input is not a defect (bad input must
  // give an error, and did); the depth only says which checks had something
  // to look at, so tests can make sure a seed reaches the deep checks.
  enum class Depth { kRejected, kAccepted };
  Depth depth = Depth::kRejected;
  // A defect, described in one line: a round trip that changed the input,
  // accepted text that does not verify after printing, an error that is not
  // one line, ... Empty when none.
  std::string finding;

  bool ok() const { return finding.empty(); }
};

// For LLVMFuzzerTestOneInput: a finding is reported like a crash, so
// libFuzzer saves the input and stops.
inline void AbortOnFinding(const CheckResult& result) {
  if (result.ok()) return;
  std::fprintf(stderr, "==xlsaot finding== %s\n", result.finding.c_str());
  std::abort();
}

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_LIBFUZZER_CHECK_RESULT_H_
