#include "xlsaot/compatibility.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <string>

#include "xlsaot/abi.h"

namespace xlsaot {
namespace {

Error Mismatch(const MetadataView& m, const std::string& what) {
  return MakeError(ErrorCode::kAbiMismatch,
                   "artifact '" + std::string(m.function_name) + "' " + what);
}

// Component `index` (0-based) of a target triple "arch-vendor-os[-env]".
std::string_view TripleComponent(std::string_view triple, size_t index) {
  for (size_t i = 0; i < index; ++i) {
    const size_t dash = triple.find('-');
    if (dash == std::string_view::npos) return {};
    triple.remove_prefix(dash + 1);
  }
  return triple.substr(0, triple.find('-'));
}

}  // namespace

Status CheckCompatibility(const MetadataView& m, const HostCpu& host) {
  if (m.abi_version != XLSAOT_ABI_VERSION) {
    return Mismatch(m, "was compiled for ABI version " + std::to_string(m.abi_version) +
                           ", but this runtime implements ABI version " +
                           std::to_string(XLSAOT_ABI_VERSION) +
                           "; recompile it with a matching xlsaot");
  }
  if ((m.features & ~XLSAOT_FEATURES_KNOWN) != 0) {
    char bits[32];
    std::snprintf(bits, sizeof(bits), "0x%x", m.features & ~XLSAOT_FEATURES_KNOWN);
    return Mismatch(m, std::string("uses feature bits ") + bits +
                           " that this runtime does not know");
  }
  if constexpr (std::endian::native != std::endian::little) {
    return Mismatch(m, "needs a little-endian machine");
  }
  const std::string_view arch = TripleComponent(m.target_triple, 0);
  if (arch != host.arch()) {
    return Mismatch(m, "was compiled for " + std::string(m.target_triple) +
                           ", but this machine is " + host.arch());
  }
  const std::string_view os = TripleComponent(m.target_triple, 2);
  if (os.substr(0, host.os().size()) != host.os()) {
    return Mismatch(m, "was compiled for " + std::string(m.target_triple) +
                           ", but this system is " + host.os());
  }
  std::string missing, undetectable;
  const auto detectable = DetectableCpuFeatures();
  for (std::string_view feature : m.cpu_features) {
    if (!std::binary_search(detectable.begin(), detectable.end(), feature)) {
      undetectable += (undetectable.empty() ? "" : ", ") + std::string(feature);
    } else if (!host.Supports(feature)) {
      missing += (missing.empty() ? "" : ", ") + std::string(feature);
    }
  }
  if (!undetectable.empty()) {
    return Mismatch(m, "requires CPU features this runtime cannot detect: " + undetectable +
                           " (compiled for cpu '" + std::string(m.cpu) + "')");
  }
  if (!missing.empty()) {
    return Mismatch(m, "requires CPU features this machine lacks: " + missing +
                           " (compiled for cpu '" + std::string(m.cpu) +
                           "'; recompile with a lower --cpu, e.g. the default)");
  }
  return Status::Ok();
}

}  // namespace xlsaot
