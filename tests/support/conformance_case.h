// Reader of the shared conformance cases (conformance/cases/*.ir): an XLS IR
// package plus test vectors in "//!" comment lines. Shared by every backend's
// conformance test so that all of them run exactly the same vectors.
//
// Directives (conformance/README.md):
//   //! source: FILE TEST_P|TEST_F NAME [(details)]   provenance, ignored
//   //! top: FN                                       function to evaluate
//   //! run: ARG; ARG; ... -> EXPECTED                one evaluation
//   //! assert: MESSAGE                               failed assertion of the previous run
//   //! trace: MESSAGE                                trace of the previous run
//   //! cover: LABEL                                  a cover firing in the previous run
//                                                    (one line per firing; compared as a
//                                                    multiset: covers carry no token)
//   //! error: TEXT                                   the IR must be rejected
#ifndef XLSAOT_TESTS_SUPPORT_CONFORMANCE_CASE_H_
#define XLSAOT_TESTS_SUPPORT_CONFORMANCE_CASE_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ir/value.h"
#include "xlsaot/events.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct ConformanceRun {
  std::vector<Value> args;
  Value expected;
  std::vector<std::string> asserts, traces;  // in order
  std::vector<std::string> covers;           // one label per firing, any order
  int line = 0;  // of the run: directive, for failure messages
};

struct ConformanceCase {
  std::string name, path, top;
  std::vector<ConformanceRun> runs;
  std::string ir_text;  // the whole file (directives are IR comments)
  std::string expected_error;  // "//! error:" text; empty when the IR is valid
};

// Reads and checks the directives of one case file. Values are parsed as
// typed values (bits[8]:42, (bits[1]:1, token), [bits[4]:1, bits[4]:2]).
// Errors name path:line.
Result<ConformanceCase> LoadConformanceCase(const std::string& path);

// The case files under shared_dir/conformance/cases, sorted by path; empty
// when the directory does not exist.
std::vector<std::string> ListConformanceCases(const std::string& shared_dir);

// `s` without leading and trailing spaces, tabs and carriage returns: how
// directive values are read.
std::string_view TrimDirectiveText(std::string_view s);

// The .ir files directly in `dir`, sorted by path; empty when it does not
// exist.
std::vector<std::string> ListIrFiles(const std::filesystem::path& dir);

// The texts of the events of one kind, in order: what "//! assert:" and
// "//! trace:" lines list.
std::vector<std::string> EventTexts(const Events& events, Event::Kind kind);

// Whether `events` fired exactly the covers `run` lists, as a multiset. A
// run that lists no cover line is not checked (cases list covers only when
// they say so).
bool CoversMatch(const ConformanceRun& run, const Events& events);

}  // namespace xlsaot

#endif  // XLSAOT_TESTS_SUPPORT_CONFORMANCE_CASE_H_
