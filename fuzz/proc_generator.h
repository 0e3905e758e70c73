// Random XLS proc networks for tick-by-tick differential testing.
//
// A network is a package of procs in one of the two forms XLS has:
//   * global channels: one to three procs without an interface list over
//     package-level `chan`s (receive_only inputs, send_only outputs,
//     send_receive channels between procs or from a proc to itself);
//   * proc-scoped channels: a top proc with an interface list that declares
//     `chan`s and instantiates leaf procs (one of them sometimes twice, and
//     sometimes through a middle proc), two to four instances in all.
// Channels are streaming or single_value, some with initial values; bodies
// read every state element, receive (blocking, non-blocking, predicated),
// send (predicated or not) along an after_all token chain, compute with the
// function generator's operations (fuzz/function_builder.h) and choose next
// values, with and without predicates, now and then two for one element
// that may both fire (the conflict failure).
//
// Generation is a pure function of the options, as for functions.
#ifndef XLSAOT_FUZZ_PROC_GENERATOR_H_
#define XLSAOT_FUZZ_PROC_GENERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzz/program_generator.h"
#include "ir/package.h"
#include "ir/proc.h"
#include "ir/value.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct ProcGeneratorOptions {
  uint64_t seed = 0;
  // Ticks the inputs are generated for.
  int ticks = 10;
  // Shapes the body computations and the helper functions they call; its
  // seed is ignored. allow_assert and allow_trace are upper bounds: a failed
  // assert ends a run, so only a quarter of the networks get asserts.
  GeneratorOptions body = DefaultProcBodyOptions();

  static GeneratorOptions DefaultProcBodyOptions() {
    GeneratorOptions body;
    body.max_nodes = 12;  // per proc body
    body.max_helpers = 2;
    return body;
  }
};

// A value sent on a boundary input channel before a tick.
struct ProcInput {
  std::string channel;  // the elaborated channel's name (ChannelInstance::name)
  Value value;
};

struct GeneratedNetwork {
  std::unique_ptr<Package> package;
  const Proc* top = nullptr;
  // inputs[t]: what is sent, in order, before tick t; one entry per tick.
  std::vector<std::vector<ProcInput>> inputs;
};

// Generates a network that verifies and prints to text that parses back to
// the same text (the package returned is the re-parsed one). An error
// (kInternal) is a generator bug, reported with the seed.
Result<GeneratedNetwork> GenerateProcNetwork(const ProcGeneratorOptions& options);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_PROC_GENERATOR_H_
