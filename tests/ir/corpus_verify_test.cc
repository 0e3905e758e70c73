// Every real XLS IR file of the shared corpus and every conformance case
// parses and verifies (one test per file). A conformance case marked
// "//! error:" must instead be rejected by the parser or the verifier.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;

struct IrFile {
  // cppcheck-suppress unusedStructMember ; read by the test-name generator below
  std::string test_name;  // unique, [A-Za-z0-9_] only
  fs::path path;          // empty: the shared directory is missing
};

std::string TestNameFor(const std::string& prefix, const fs::path& path) {
  std::string name = prefix + "_" + path.stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

std::vector<IrFile> ListIrFiles() {
  const fs::path shared(test::SharedDir());
  const std::pair<const char*, fs::path> dirs[] = {
      {"corpus", shared / "corpus" / "xls-ir"},
      {"conformance", shared / "conformance" / "cases"},
  };
  std::vector<IrFile> files;
  for (const auto& [prefix, dir] : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".ir") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) files.push_back({TestNameFor(prefix, p), p});
  }
  // Keep one placeholder so that the suite reports a visible skip instead of
  // silently instantiating nothing.
  if (files.empty()) files.push_back({"shared_directory_missing", {}});
  return files;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class CorpusVerifyTest : public testing::TestWithParam<IrFile> {};

TEST_P(CorpusVerifyTest, ParsesAndVerifies) {
  const IrFile& file = GetParam();
  if (file.path.empty()) XLSAOT_SHARED_DATA_MISSING("no IR corpus or conformance cases under " << test::SharedDir());
  const std::string text = ReadFile(file.path);
  ASSERT_FALSE(text.empty()) << "cannot read " << file.path;
  const bool must_fail =
      text.find("\n//! error:") != std::string::npos || text.starts_with("//! error:");

  auto package = ParsePackage(text, file.path.string());
  if (must_fail) {
    EXPECT_TRUE(!package.ok() || !VerifyPackage(**package).ok())
        << file.path << " is marked '//! error:' but parses and verifies";
    return;
  }
  ASSERT_TRUE(package.ok()) << package.error();
  Status status = VerifyPackage(**package);
  EXPECT_TRUE(status.ok()) << status.error();
}

INSTANTIATE_TEST_SUITE_P(SharedIr, CorpusVerifyTest, testing::ValuesIn(ListIrFiles()),
                         [](const testing::TestParamInfo<IrFile>& info) {
                           return info.param.test_name;
                         });

}  // namespace
}  // namespace xlsaot
