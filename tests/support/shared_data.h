// Where the tests find the shared data (../shared beside the repository:
// conformance vectors, the IR corpus) and what they do when it is missing.
//
// Without the data those tests skip with a message, so that the project
// stands alone. CI sets XLSAOT_REQUIRE_SHARED=1 (.ci/run): then a missing
// directory is a failure, never a skip that a summary line would count as a
// pass. XLSAOT_SHARED_DIR in the environment points the tests at another copy
// of the data (the test of this very rule uses it to point at nothing).
//
// Header-only: every layer's test executable includes it, and not all of
// them link tests/support's library. XLSAOT_SHARED_DIR is defined for every
// test executable by tests/CMakeLists.txt.
#ifndef XLSAOT_TESTS_SUPPORT_SHARED_DATA_H_
#define XLSAOT_TESTS_SUPPORT_SHARED_DATA_H_

#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace xlsaot::test {

// The cases of shared/conformance/cases. Every backend's suite checks the
// count, so that losing cases (a renamed directory, a broken listing) fails
// instead of shrinking the suite.
inline constexpr size_t kConformanceCaseCount = 359;
// The cases of shared/conformance-procs/cases.
inline constexpr size_t kProcConformanceCaseCount = 107;

// The shared directory: $XLSAOT_SHARED_DIR when set and not empty, else the
// one beside the source tree at configuration time.
inline std::string SharedDir() {
  const char* env = std::getenv("XLSAOT_SHARED_DIR");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string(XLSAOT_SHARED_DIR);
}

// Whether XLSAOT_REQUIRE_SHARED=1 turns a missing shared directory into a
// failure.
inline bool SharedDataRequired() {
  const char* env = std::getenv("XLSAOT_REQUIRE_SHARED");
  return env != nullptr && std::string_view(env) == "1";
}

}  // namespace xlsaot::test

// Ends the current test because the shared data named by `message` (a
// stream expression) is missing: a skip, or a failure when the data is
// required. Like GTEST_SKIP(), usable only in a function returning void.
#define XLSAOT_SHARED_DATA_MISSING(message)                                                        \
  do {                                                                                             \
    if (::xlsaot::test::SharedDataRequired()) {                                                    \
      GTEST_FAIL() << "missing shared data: " << message                                           \
                   << " (XLSAOT_REQUIRE_SHARED=1 makes this a failure; place the shared data at " \
                   << ::xlsaot::test::SharedDir() << ")";                                          \
    }                                                                                              \
    GTEST_SKIP() << "missing shared data: " << message;                                            \
  } while (0)

#endif  // XLSAOT_TESTS_SUPPORT_SHARED_DATA_H_
