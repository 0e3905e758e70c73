// The shared data the fuzzers are seeded with (../shared, used in place),
// through the same checks: a seed that fails is a defect found without any
// fuzzing, and one the checks reject would seed nothing.
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "tests/libfuzzer/committed_inputs.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> IrFilesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const fs::path& path : FilesIn(dir))
    if (path.extension() == ".ir") files.push_back(path);
  return files;
}

std::vector<uint8_t> Bytes(std::string_view text) { return std::vector<uint8_t>(text.begin(), text.end()); }

std::string Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return "";
  const size_t last = text.find_last_not_of(' ');
  return std::string(text.substr(first, last - first + 1));
}

// The typed values of the `//! run: ARGS -> EXPECTED` lines of a conformance
// case, the value_parser seeds (fuzz/libfuzzer/run_fuzzer.sh extracts the
// same ones).
std::vector<std::string> RunValues(const fs::path& case_file) {
  const std::vector<uint8_t> bytes = ReadBytes(case_file);
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  constexpr std::string_view kRun = "//! run: ";
  std::vector<std::string> values;
  size_t line_start = 0;
  while (line_start < text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    if (!line.starts_with(kRun)) continue;
    line.remove_prefix(kRun.size());
    std::string fields(line);
    if (const size_t arrow = fields.find("->"); arrow != std::string::npos) fields.replace(arrow, 2, ";");
    size_t start = 0;
    while (start <= fields.size()) {
      size_t end = fields.find(';', start);
      if (end == std::string::npos) end = fields.size();
      if (std::string value = Trim(std::string_view(fields).substr(start, end - start)); !value.empty()) {
        values.push_back(value);
      }
      start = end + 1;
    }
  }
  return values;
}

TEST(SharedSeedsTest, IrCorpusAndConformanceCasesPassTheIrParserCheck) {
  const fs::path shared(test::SharedDir());
  const std::vector<fs::path> corpus = IrFilesIn(shared / "corpus" / "xls-ir");
  const std::vector<fs::path> cases = IrFilesIn(shared / "conformance" / "cases");
  const std::vector<fs::path> proc_cases = IrFilesIn(shared / "conformance-procs" / "cases");
  if (corpus.empty() || cases.empty() || proc_cases.empty())
    XLSAOT_SHARED_DATA_MISSING("no IR corpus or (proc) conformance cases under " << shared);
  for (const std::vector<fs::path>* files : {&corpus, &cases, &proc_cases}) {
    for (const fs::path& file : *files) {
      const CheckResult result = CheckIrParserInput(ReadBytes(file));
      EXPECT_TRUE(result.ok()) << file << ": " << result.finding;
      EXPECT_EQ(result.depth, CheckResult::Depth::kAccepted) << file;
    }
  }
}

TEST(SharedSeedsTest, ConformanceValuesPassTheValueParserCheck) {
  const std::vector<fs::path> cases = IrFilesIn(fs::path(test::SharedDir()) / "conformance" / "cases");
  if (cases.empty()) XLSAOT_SHARED_DATA_MISSING("no conformance cases under " << test::SharedDir());
  size_t checked = 0;
  for (const fs::path& file : cases) {
    for (const std::string& value : RunValues(file)) {
      const CheckResult result = CheckValueParserInput(Bytes(value));
      EXPECT_TRUE(result.ok()) << file << ": " << value << ": " << result.finding;
      EXPECT_EQ(result.depth, CheckResult::Depth::kAccepted) << file << ": " << value;
      ++checked;
    }
  }
  // Most cases have several vectors; far fewer values means the extraction broke.
  EXPECT_GT(checked, cases.size());
}

}  // namespace
}  // namespace xlsaot
