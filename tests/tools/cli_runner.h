// Runs the built `xlsaot` binary (XLSAOT_CLI_PATH) and captures its exit
// status, stdout and stderr, for the end-to-end command-line tests.
#ifndef XLSAOT_TESTS_TOOLS_CLI_RUNNER_H_
#define XLSAOT_TESTS_TOOLS_CLI_RUNNER_H_

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/sanitizer_report.h"

extern char** environ;

namespace xlsaot::cli_test {

struct CliRun {
  int exit_code = -1;  // -1 when the process did not exit normally (a crash)
  std::string out;
  std::string err;
};

inline std::string ReadFileForTest(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the program `binary` (an xlsaot command line) with `args` and stdin
// from /dev/null; stdout and stderr go through files in `scratch_dir`.
inline CliRun RunCliBinary(const std::string& binary, const std::vector<std::string>& args,
                           const std::filesystem::path& scratch_dir) {
  const std::string out_path = (scratch_dir / "xlsaot.stdout").string();
  const std::string err_path = (scratch_dir / "xlsaot.stderr").string();
  std::vector<std::string> strings = {binary};
  strings.insert(strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(strings.size() + 1);
  for (std::string& s : strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  CliRun run;
  if (rc != 0) {
    run.err = std::string("cannot start ") + argv[0];
    return run;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  run.out = ReadFileForTest(out_path);
  run.err = ReadFileForTest(err_path);
  // A report in the child fails the test whatever else it checks.
  if (test::ShowsSanitizerReport(run.exit_code, run.err)) {
    ADD_FAILURE() << "sanitizer report in " << binary << " (exit " << run.exit_code << "):\n" << run.err;
  }
  return run;
}

// Runs the built xlsaot with `args` (RunCliBinary).
inline CliRun RunXlsaot(const std::vector<std::string>& args, const std::filesystem::path& scratch_dir) {
  return RunCliBinary(XLSAOT_CLI_PATH, args, scratch_dir);
}

// A fresh directory under the system temp directory, removed on destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "xlsaot_cli_XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }

  // Writes `content` to `name` inside the directory; returns the full path.
  std::string Write(const std::string& name, const std::string& content) const {
    std::string file = (path_ / name).string();
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace xlsaot::cli_test

#endif  // XLSAOT_TESTS_TOOLS_CLI_RUNNER_H_
