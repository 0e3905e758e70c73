#include "ir/channel_resolution.h"

namespace xlsaot {

std::optional<ChannelReference> ResolveChannel(const Package& package, const Proc& proc, std::string_view name) {
  if (proc.is_new_style()) {
    for (size_t i = 0; i < proc.channels().size(); ++i) {
      if (proc.channels()[i].name == name)
        return ChannelReference{ChannelReference::Scope::kDeclared, &proc.channels()[i], nullptr, i};
    }
    for (size_t i = 0; i < proc.interface().size(); ++i) {
      if (proc.interface()[i].name == name)
        return ChannelReference{ChannelReference::Scope::kInterface, nullptr, &proc.interface()[i], i};
    }
    return std::nullopt;
  }
  for (size_t i = 0; i < package.channels().size(); ++i) {
    if (package.channels()[i].name == name)
      return ChannelReference{ChannelReference::Scope::kGlobal, &package.channels()[i], nullptr, i};
  }
  return std::nullopt;
}

}  // namespace xlsaot
