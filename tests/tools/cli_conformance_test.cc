// Every conformance case of shared/conformance run through `xlsaot eval`:
// the vectors become --input-file/--expected-file, and stdout, the assert:
// and trace: lines on stderr and the exit status must be what the case says.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;

struct ConformanceCase {
  std::string top;
  std::vector<std::string> args;      // one ARGS string per run
  std::vector<std::string> expected;  // one typed value per run
  std::string events;                 // "assert: ...\n" / "trace: ...\n", in order
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

ConformanceCase ReadCase(const std::string& text) {
  ConformanceCase c;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.starts_with("//! ")) continue;
    const std::string directive = line.substr(4);
    const size_t colon = directive.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = directive.substr(0, colon);
    // The value follows ": "; "trace:" alone is a trace with empty text.
    const std::string value =
        directive.size() > colon + 1 ? directive.substr(colon + 2) : std::string();
    if (key == "top") {
      c.top = Trim(value);
    } else if (key == "run") {
      const size_t arrow = value.rfind("->");
      c.args.push_back(Trim(value.substr(0, arrow)));
      c.expected.push_back(Trim(value.substr(arrow + 2)));
    } else if (key == "assert" || key == "trace") {
      c.events += key + ": " + value + "\n";
    }
  }
  return c;
}

TEST(CliConformanceTest, EveryCaseThroughEval) {
  const fs::path cases_dir = fs::path(test::SharedDir()) / "conformance" / "cases";
  if (!fs::is_directory(cases_dir)) {
    XLSAOT_SHARED_DATA_MISSING("no conformance cases at " << cases_dir
                                                          << "; the command-line conformance run did not run");
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(cases_dir)) {
    if (entry.path().extension() == ".ir") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());

  cli_test::ScratchDir scratch;
  ASSERT_TRUE(scratch.ok());
  int cases_run = 0;
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    ConformanceCase c = ReadCase(cli_test::ReadFileForTest(file));
    ASSERT_FALSE(c.top.empty());
    ASSERT_FALSE(c.args.empty());
    const bool no_params = std::all_of(c.args.begin(), c.args.end(),
                                       [](const std::string& a) { return a.empty(); });
    std::string out;
    std::string err;
    int worst = 0;
    if (no_params) {
      // Blank lines of an input file are skipped, so a function without
      // parameters is evaluated once per run with --input ''.
      for (size_t i = 0; i < c.args.size(); ++i) {
        cli_test::CliRun run = cli_test::RunXlsaot(
            {"eval", file.string(), "--top", c.top, "--input", "", "--expected", c.expected[i]},
            scratch.path());
        out += run.out;
        err += run.err;
        worst = run.exit_code < 0 ? -1 : std::max(worst, run.exit_code);
      }
    } else {
      std::string inputs;
      std::string expected;
      for (size_t i = 0; i < c.args.size(); ++i) {
        inputs += c.args[i] + "\n";
        expected += c.expected[i] + "\n";
      }
      cli_test::CliRun run = cli_test::RunXlsaot(
          {"eval", file.string(), "--top", c.top, "--input-file", scratch.Write("in.txt", inputs),
           "--expected-file", scratch.Write("expected.txt", expected)},
          scratch.path());
      out = run.out;
      err = run.err;
      worst = run.exit_code;
    }
    const bool asserts = c.events.find("assert: ") != std::string::npos;
    EXPECT_EQ(worst, asserts ? 1 : 0) << err;
    EXPECT_EQ(err, c.events);
    EXPECT_EQ(static_cast<size_t>(std::count(out.begin(), out.end(), '\n')), c.args.size());
    ++cases_run;
  }
  EXPECT_EQ(cases_run, static_cast<int>(files.size()));
}

}  // namespace
}  // namespace xlsaot
