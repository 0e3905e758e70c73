// Reader of the shared proc conformance cases (conformance-procs/cases/*.ir):
// an XLS IR package with procs plus a script and expectations in "//!"
// comment lines (conformance-procs/README.md). Shared by the interpreter's
// suite and the command line's, so both run exactly the same cases.
#ifndef XLSAOT_TESTS_SUPPORT_PROC_CONFORMANCE_CASE_H_
#define XLSAOT_TESTS_SUPPORT_PROC_CONFORMANCE_CASE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// One script step: values for a boundary input channel, or ticks.
struct ProcCaseStep {
  bool is_input = false;
  std::string channel;
  std::vector<Value> values;
  int64_t ticks = 0;
  std::string text;  // the directive without "//! ", as eval-proc --script reads it
};

struct ProcCaseOutput {
  std::string channel;
  std::vector<Value> values;
};

struct ProcCaseState {
  std::string proc, element;
  Value value;
};

struct ProcConformanceCase {
  std::string name, path, top;
  std::string ir_text;
  std::vector<ProcCaseStep> script;
  std::vector<ProcCaseOutput> outputs;
  std::vector<ProcCaseState> states;
  std::vector<std::string> traces;
  bool has_trace_lines = false;
  // At most one expected failure, in the script's last tick.
  std::string expected_assert;
  std::vector<std::string> expected_deadlock;  // channels with a blocked receiver
  std::string conflict_proc, conflict_element;
  bool fails() const { return !expected_assert.empty() || !expected_deadlock.empty() || !conflict_proc.empty(); }
};

Result<ProcConformanceCase> LoadProcConformanceCase(const std::string& path);

// The case files under shared_dir/conformance-procs/cases, sorted; empty
// when the directory does not exist.
std::vector<std::string> ListProcConformanceCases(const std::string& shared_dir);

}  // namespace xlsaot

#endif  // XLSAOT_TESTS_SUPPORT_PROC_CONFORMANCE_CASE_H_
