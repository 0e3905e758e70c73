// HostCpu: a machine's architecture, operating system and CPU features as
// values, for tools and tests that check artifacts against other machines.
// The detection itself is in cpu_features.cc.
#include "xlsaot/host_cpu.h"

#include <algorithm>
#include <string>
#include <vector>

#include "xlsaot/compatibility.h"

namespace xlsaot {

HostCpu::HostCpu(std::string arch, std::string os, std::vector<std::string> features)
    : arch_(std::move(arch)), os_(std::move(os)), features_(std::move(features)) {
  std::sort(features_.begin(), features_.end());
  features_.erase(std::unique(features_.begin(), features_.end()), features_.end());
}

const HostCpu& HostCpu::Detect() {
  static const HostCpu* const host = [] {
    std::vector<std::string> features;
    for (size_t i = 0; !DetectableCpuFeature(i).empty(); ++i) {
      if (HostSupportsCpuFeature(DetectableCpuFeature(i)).value_or(false)) {
        features.emplace_back(DetectableCpuFeature(i));
      }
    }
    return new HostCpu(std::string(HostArch()), std::string(HostOs()), std::move(features));
  }();
  return *host;
}

bool HostCpu::Supports(std::string_view feature) const {
  return std::binary_search(features_.begin(), features_.end(), feature,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

std::span<const std::string_view> DetectableCpuFeatures() {
  static const std::vector<std::string_view>* const names = [] {
    auto* sorted = new std::vector<std::string_view>();
    for (size_t i = 0; !DetectableCpuFeature(i).empty(); ++i) sorted->push_back(DetectableCpuFeature(i));
    std::sort(sorted->begin(), sorted->end());
    return sorted;
  }();
  return *names;
}

Status CheckCompatibility(const MetadataView& metadata, const HostCpu& host) {
  return CheckCompatibility(metadata, host.arch(), host.os(), [&](std::string_view feature) -> std::optional<bool> {
    const auto detectable = DetectableCpuFeatures();
    if (!std::binary_search(detectable.begin(), detectable.end(), feature)) return std::nullopt;
    return host.Supports(feature);
  });
}

}  // namespace xlsaot
