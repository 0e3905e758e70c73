// A proc's activation as plain XLS functions for the one function lowering.
//
// The activation is cut before every send and receive: each run of nodes
// between two channel operations becomes a segment, an ordinary function
// whose parameters are the values it uses from earlier in the activation
// (state reads, received values, nodes of earlier segments) and whose result
// is a tuple of the values used later. The runtime (xlsaot/network.h) calls
// the segments in order and performs the channel operations between them,
// so an instance can stop after a send or before a blocking receive and
// resume there: every value that crosses a cut lives in the instance's
// frame, at the offsets computed here. Nodes without an effect move to the
// earliest segment where their operands are known (literals are copied into
// every segment that uses them), so most activations run one or two
// segments. The commit of the next state reads the next values where they
// are; one that reads state the commit may be overwriting is first copied by
// the last segment.
#ifndef XLSAOT_CODEGEN_PROC_ACTIVATION_H_
#define XLSAOT_CODEGEN_PROC_ACTIVATION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ir/package.h"
#include "ir/proc.h"
#include "xlsaot/network.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct ActivationSegment {
  // In ProcActivation::package; calls of the proc's package functions keep
  // pointing there, so that package must outlive the activation.
  Function* function = nullptr;
  // Frame offset of each parameter's value (kNoOffset: zero-sized).
  std::vector<uint32_t> inputs;
  // Frame offset of the result tuple.
  uint32_t output = kNoOffset;
};

struct ActivationStep {
  NetworkStepKind kind = NetworkStepKind::kSegment;
  size_t segment = 0;        // kSegment: index into ProcActivation::segments
  const Node* node = nullptr;  // kSend, kReceive
  uint32_t channel_operand = 0;  // kSend, kReceive: index into ProcActivation::channel_operands
  uint32_t predicate = kNoOffset;
  uint32_t data = kNoOffset;
  uint32_t valid = kNoOffset;
};

struct ActivationNextValue {
  uint32_t state_element = 0;
  uint32_t value = kNoOffset;
  uint32_t predicate = kNoOffset;
  const Node* node = nullptr;
};

struct ProcActivation {
  const Proc* proc = nullptr;
  std::unique_ptr<Package> package;  // the segment functions
  std::vector<ActivationSegment> segments;
  std::vector<ActivationStep> steps;
  std::vector<uint32_t> state_offsets;  // per state element
  std::vector<ActivationNextValue> next_values;  // in node order
  // Sends and receives in node order: a step's channel operand is its
  // index here.
  std::vector<const Node*> channel_operands;
  uint32_t frame_size = 0;  // a multiple of 8
};

// Splits the activation of `proc` (verified). Segment functions are named
// "<proc>__segment<k>". Errors: kResourceExhausted when the frame exceeds
// 4 GiB.
Result<ProcActivation> SplitActivation(const Proc& proc);

}  // namespace xlsaot

#endif  // XLSAOT_CODEGEN_PROC_ACTIVATION_H_
