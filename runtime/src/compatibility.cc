#include "xlsaot/compatibility.h"

#include <bit>
#include <string>

#include "xlsaot/abi.h"
#include "xlsaot/error_text.h"

namespace xlsaot {
namespace {

// Component `index` (0-based) of a target triple "arch-vendor-os[-env]".
std::string_view TripleComponent(std::string_view triple, size_t index) {
  for (size_t i = 0; i < index; ++i) {
    const size_t dash = triple.find('-');
    if (dash == std::string_view::npos) return {};
    triple.remove_prefix(dash + 1);
  }
  return triple.substr(0, triple.find('-'));
}

// "0x" and the hexadecimal digits of `x`.
std::string HexText(uint32_t x) {
  std::string text = "0x";
  int shift = 28;
  while (shift > 0 && ((x >> shift) & 0xf) == 0) shift -= 4;
  for (; shift >= 0; shift -= 4) text += "0123456789abcdef"[(x >> shift) & 0xf];
  return text;
}

std::optional<bool> ThisMachineSupports(const void*, std::string_view feature) {
  return HostSupportsCpuFeature(feature);
}

}  // namespace

Status CheckCompatibility(const MetadataView& m, std::string_view arch, std::string_view os,
                          CpuFeatureQuery supports, const void* context) {
  const std::string_view prefix = "artifact '";
  const std::string_view name = m.function_name;
  if (m.abi_version != XLSAOT_ABI_VERSION) {
    return JoinedError(ErrorCode::kAbiMismatch,
                       {prefix, name, "' was compiled for ABI version ", DecimalText(m.abi_version),
                        ", but this runtime implements ABI version ", DecimalText(XLSAOT_ABI_VERSION),
                        "; recompile it with a matching xlsaot"});
  }
  if ((m.features & ~XLSAOT_FEATURES_KNOWN) != 0) {
    return JoinedError(ErrorCode::kAbiMismatch, {prefix, name, "' uses feature bits ",
                                                 HexText(m.features & ~XLSAOT_FEATURES_KNOWN),
                                                 " that this runtime does not know"});
  }
  if constexpr (std::endian::native != std::endian::little) {
    return JoinedError(ErrorCode::kAbiMismatch, {prefix, name, "' needs a little-endian machine"});
  }
  if (TripleComponent(m.target_triple, 0) != arch) {
    return JoinedError(ErrorCode::kAbiMismatch, {prefix, name, "' was compiled for ", m.target_triple,
                                                 ", but this machine is ", arch});
  }
  if (TripleComponent(m.target_triple, 2).substr(0, os.size()) != os) {
    return JoinedError(ErrorCode::kAbiMismatch, {prefix, name, "' was compiled for ", m.target_triple,
                                                 ", but this system is ", os});
  }
  std::string missing, undetectable;
  for (std::string_view feature : m.cpu_features) {
    const std::optional<bool> supported = supports(context, feature);
    std::string& list = !supported.has_value() ? undetectable : missing;
    if (supported.value_or(false)) continue;
    if (!list.empty()) list += ", ";
    list += feature;
  }
  if (!undetectable.empty()) {
    return JoinedError(ErrorCode::kAbiMismatch, {prefix, name, "' requires CPU features this runtime cannot detect: ",
                                                 undetectable, " (compiled for cpu '", m.cpu, "')"});
  }
  if (!missing.empty()) {
    return JoinedError(ErrorCode::kAbiMismatch,
                       {prefix, name, "' requires CPU features this machine lacks: ", missing,
                        " (compiled for cpu '", m.cpu, "'; recompile with a lower --cpu, e.g. the default)"});
  }
  return Status::Ok();
}

Status CheckCompatibilityWithThisMachine(const MetadataView& metadata) {
  return CheckCompatibility(metadata, HostArch(), HostOs(), &ThisMachineSupports, nullptr);
}

}  // namespace xlsaot
