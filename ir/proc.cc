#include "ir/proc.h"

namespace xlsaot {

std::string_view ChannelKindName(ChannelKind kind) {
  return kind == ChannelKind::kStreaming ? "streaming" : "single_value";
}

std::string_view ChannelOpsName(ChannelOps ops) {
  switch (ops) {
    case ChannelOps::kSendOnly: return "send_only";
    case ChannelOps::kReceiveOnly: return "receive_only";
    case ChannelOps::kSendReceive: return "send_receive";
  }
  return "send_receive";
}

std::string_view ChannelDirectionName(ChannelDirection direction) {
  return direction == ChannelDirection::kSend ? "send" : "receive";
}

}  // namespace xlsaot
