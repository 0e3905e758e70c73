// Helpers shared by the ahead-of-time tests: parsing IR text, temporary
// directories, files and running commands.
#ifndef XLSAOT_TESTS_AOT_AOT_TEST_UTIL_H_
#define XLSAOT_TESTS_AOT_AOT_TEST_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/package.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "tests/support/sanitizer_report.h"
#include "xlsaot/result.h"

namespace xlsaot::testing {

// A verified package from IR text.
inline Result<std::unique_ptr<Package>> ParseVerified(const std::string& text,
                                                      const std::string& filename = "test.ir") {
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<Package> package, ParsePackage(text, filename));
  XLSAOT_RETURN_IF_ERROR(VerifyPackage(*package));
  return package;
}

inline std::string ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void WriteFileText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A fresh directory under the system temp directory, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "xlsaot_aot_XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs `command` with /bin/sh in `cwd` (when given).
inline CommandResult RunCommand(const std::string& command, const std::string& cwd = "") {
  std::string full = cwd.empty() ? command : "cd '" + cwd + "' && " + command;
  full += " 2>&1";
  CommandResult result;
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (test::ShowsSanitizerReport(result.exit_code, result.output)) {
    ADD_FAILURE() << "sanitizer report in `" << command << "` (exit " << result.exit_code << "):\n" << result.output;
  }
  return result;
}

inline std::string Quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace xlsaot::testing

#endif  // XLSAOT_TESTS_AOT_AOT_TEST_UTIL_H_
