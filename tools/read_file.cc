#include "tools/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace xlsaot {
namespace {

// IR files of real designs are a few megabytes at most; the limit keeps a
// mistaken argument (a disk image, /dev/zero) from exhausting memory.
constexpr size_t kMaxFileBytes = size_t{1} << 30;

Error FileError(ErrorCode code, const std::string& path, const std::string& what) {
  return MakeError(code, path + ": " + what);
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path) {
  if (path.empty()) return MakeError(ErrorCode::kIo, "empty file name");
  const bool is_stdin = path == "-";
  int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return FileError(ErrorCode::kIo, path, std::string("cannot open: ") + std::strerror(err));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (!is_stdin) ::close(fd);
    return FileError(ErrorCode::kIo, path, "is a directory, not a file");
  }
  std::string content;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      if (!is_stdin) ::close(fd);
      return FileError(ErrorCode::kIo, path, std::string("cannot read: ") + std::strerror(err));
    }
    if (n == 0) break;
    if (content.size() + static_cast<size_t>(n) > kMaxFileBytes) {
      if (!is_stdin) ::close(fd);
      return FileError(ErrorCode::kResourceExhausted, path, "file is larger than 1 GiB");
    }
    content.append(buffer, static_cast<size_t>(n));
  }
  if (!is_stdin) ::close(fd);
  return content;
}

}  // namespace xlsaot
