// Elaboration of a proc network: which proc instances run, which channel
// instances exist, and which channel each send and receive of each instance
// uses. Every engine (the interpreter, the JIT, ahead-of-time code)
// elaborates through this one function, so they agree on the order of
// instances and channels that ticks, outputs and states are reported in.
//
// A top proc with an interface list (`proc p<...>`) is one instance plus,
// recursively and in pre-order, one instance per proc_instantiation; every
// channel a proc declares is one channel instance per proc instance; the
// top's interface channels are the boundary. Otherwise every proc without
// an interface list is one instance, in file order, over the package's
// global channels, whose receive_only / send_only channels are the boundary.
#ifndef XLSAOT_IR_PROC_ELABORATION_H_
#define XLSAOT_IR_PROC_ELABORATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ir/package.h"
#include "ir/proc.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

// One channel of the elaborated network.
struct ChannelInstance {
  enum class Boundary : uint8_t { kInternal, kInput, kOutput };
  // The declared name; a channel declared by an instantiated proc is
  // prefixed by the instantiation path: "inst0::inst1::chan".
  std::string name;
  const Type* type = nullptr;
  ChannelKind kind = ChannelKind::kStreaming;
  Boundary boundary = Boundary::kInternal;
};

// One proc instance: "top" is the top proc's (or, for global channels, the
// proc's) name; instantiated ones are "top::inst0::inst1".
struct ProcInstanceInfo {
  std::string path;
  const Proc* proc = nullptr;
};

struct ElaboratedNetwork {
  std::vector<ChannelInstance> channels;
  // Per channel: the values it holds before the first tick.
  std::vector<std::vector<Value>> initial_values;
  std::vector<ProcInstanceInfo> instances;
  // Per instance, per node position of its proc: the channel instance a
  // send or receive uses (other nodes: 0).
  std::vector<std::vector<uint32_t>> channel_of_node;
};

// `top`: a proc of `package`, which passed the verifier. Errors:
// kResourceExhausted for more than 100000 instances, kVerify for a channel
// an instance cannot resolve.
Result<ElaboratedNetwork> ElaborateProcNetwork(const Package& package, const Proc& top);

}  // namespace xlsaot

#endif  // XLSAOT_IR_PROC_ELABORATION_H_
