// The machine a compiled artifact is about to run on: architecture and the
// CPU features it supports, detected once per process (cpuid on x86-64,
// hwcaps on AArch64 Linux). Feature names use LLVM's spelling ("sse4.2",
// "avx2", "bmi2"), the spelling artifact metadata records.
#ifndef XLSAOT_HOST_CPU_H_
#define XLSAOT_HOST_CPU_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xlsaot {

class HostCpu {
 public:
  // This machine (detected on first use; thread-safe).
  static const HostCpu& Detect();

  // A machine with exactly these properties, for tests and tools that check
  // an artifact against another machine. `features` need not be sorted.
  HostCpu(std::string arch, std::string os, std::vector<std::string> features);

  // Architecture in LLVM triple spelling: "x86_64", "aarch64", ...
  const std::string& arch() const { return arch_; }
  // Operating system in triple spelling: "linux", "darwin", ...
  const std::string& os() const { return os_; }
  // Supported features, sorted.
  const std::vector<std::string>& features() const { return features_; }
  bool Supports(std::string_view feature) const;

 private:
  std::string arch_;
  std::string os_;
  std::vector<std::string> features_;
};

// Every feature the detection of this runtime's architecture can answer for,
// sorted. An artifact that requires a feature outside this list is refused
// (nothing could vouch for it).
std::span<const std::string_view> DetectableCpuFeatures();

// The same detection without containers or strings, which is all a
// generated runner links: this machine's architecture and operating system
// in triple spelling; whether it has `feature` (std::nullopt when the
// detection cannot answer for it); the i-th feature the detection knows, in
// no particular order (empty past the last).
std::string_view HostArch();
std::string_view HostOs();
std::optional<bool> HostSupportsCpuFeature(std::string_view feature);
std::string_view DetectableCpuFeature(size_t i);

}  // namespace xlsaot

#endif  // XLSAOT_HOST_CPU_H_
