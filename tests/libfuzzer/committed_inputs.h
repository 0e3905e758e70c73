// The inputs committed under fuzz/libfuzzer/ for each fuzz target: its
// minimised corpus, its regression inputs and its hand-made seeds.
#ifndef XLSAOT_TESTS_LIBFUZZER_COMMITTED_INPUTS_H_
#define XLSAOT_TESTS_LIBFUZZER_COMMITTED_INPUTS_H_

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "fuzz/libfuzzer/check_result.h"
#include "fuzz/libfuzzer/ir_parser_check.h"
#include "fuzz/libfuzzer/metadata_check.h"
#include "fuzz/libfuzzer/value_parser_check.h"

namespace xlsaot {

struct FuzzTarget {
  const char* name;  // the directory name under corpus/, regressions/, seeds/
  CheckResult (*check)(std::span<const uint8_t>);
};

inline const std::vector<FuzzTarget>& FuzzTargets() {
  static const std::vector<FuzzTarget> kTargets = {
      {"ir_parser", CheckIrParserInput},
      {"value_parser", CheckValueParserInput},
      {"metadata", CheckMetadataInput},
  };
  return kTargets;
}

inline std::filesystem::path LibFuzzerDir() {
  return std::filesystem::path(XLSAOT_SOURCE_DIR) / "fuzz" / "libfuzzer";
}

// The regular files of `dir` (libFuzzer reads every file of a corpus
// directory as an input, so nothing else may live there), sorted; none when
// the directory does not exist.
inline std::vector<std::filesystem::path> FilesIn(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<uint8_t> ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace xlsaot

#endif  // XLSAOT_TESTS_LIBFUZZER_COMMITTED_INPUTS_H_
