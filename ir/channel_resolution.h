// Which channel a send or receive of a proc names.
//
// A proc with an interface list (`proc p<...>`) uses proc-scoped channels:
// a name is a channel the proc declares or one of its interface channels.
// Any other proc uses the package's global channels.
#ifndef XLSAOT_IR_CHANNEL_RESOLUTION_H_
#define XLSAOT_IR_CHANNEL_RESOLUTION_H_

#include <string_view>

#include "ir/package.h"
#include "ir/proc.h"

namespace xlsaot {

struct ChannelReference {
  enum class Scope : uint8_t { kGlobal, kDeclared, kInterface };
  Scope scope;
  const Channel* channel = nullptr;            // kGlobal, kDeclared
  const InterfaceChannel* interface = nullptr;  // kInterface
  size_t index = 0;  // in Package::channels(), Proc::channels() or Proc::interface()

  const Type* type() const { return channel != nullptr ? channel->type : interface->type; }
  ChannelKind kind() const { return channel != nullptr ? channel->kind : interface->kind; }
};

// nullopt when `name` names no channel the proc can use.
std::optional<ChannelReference> ResolveChannel(const Package& package, const Proc& proc, std::string_view name);

}  // namespace xlsaot

#endif  // XLSAOT_IR_CHANNEL_RESOLUTION_H_
