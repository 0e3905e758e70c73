// Whether an artifact may run here: the checks a runner performs before it
// ever calls compiled code, so that a mismatch is a clear error instead of
// undefined behaviour.
#ifndef XLSAOT_COMPATIBILITY_H_
#define XLSAOT_COMPATIBILITY_H_

#include <optional>
#include <string_view>

#include "xlsaot/host_cpu.h"
#include "xlsaot/metadata.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Checks, in this order, and reports the first failure (kAbiMismatch):
//   * the artifact's ABI version is this runtime's (XLSAOT_ABI_VERSION);
//   * it sets no feature bit this runtime does not know;
//   * it was compiled for the architecture and operating system of `host`
//     and this is a little-endian machine;
//   * `host` supports every CPU feature it requires (all missing ones are
//     named, with the CPU the artifact was compiled for).
Status CheckCompatibility(const MetadataView& metadata, const HostCpu& host = HostCpu::Detect());

// The same checks against this machine through HostSupportsCpuFeature, with
// no HostCpu built: what a generated runner's Create() links.
Status CheckCompatibilityWithThisMachine(const MetadataView& metadata);

// The checks against any machine: `arch` and `os` in triple spelling,
// `supports(feature)` whether it has a CPU feature (std::nullopt when that
// cannot be known).
using CpuFeatureQuery = std::optional<bool> (*)(const void* context, std::string_view feature);
Status CheckCompatibility(const MetadataView& metadata, std::string_view arch, std::string_view os,
                          CpuFeatureQuery supports, const void* context);
template <typename Supports>
Status CheckCompatibility(const MetadataView& metadata, std::string_view arch, std::string_view os,
                          const Supports& supports) {
  return CheckCompatibility(
      metadata, arch, os,
      [](const void* context, std::string_view feature) -> std::optional<bool> {
        return (*static_cast<const Supports*>(context))(feature);
      },
      &supports);
}

}  // namespace xlsaot

#endif  // XLSAOT_COMPATIBILITY_H_
