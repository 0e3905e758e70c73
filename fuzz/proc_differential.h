// Differential testing of proc networks: random networks (proc_generator.h)
// created by the interpreter (the oracle) and by every other engine through
// its Engine::prepare_network, fed the same boundary inputs and compared
// after every tick: the tick's status (ok, or the failure and its message),
// every value sent on each boundary output so far, the state of every
// instance, and the events (traces and failed asserts in order, cover
// counts, failed assumptions).
#ifndef XLSAOT_FUZZ_PROC_DIFFERENTIAL_H_
#define XLSAOT_FUZZ_PROC_DIFFERENTIAL_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fuzz/differential.h"
#include "fuzz/engines.h"
#include "fuzz/proc_generator.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct ProcDifferentialOptions {
  // Network i of the run is generated from seed + i.
  uint64_t seed = 0;
  int count = 100;
  // Ticks each network runs (fewer when a tick fails: the run of a network
  // ends with its first failing tick).
  int ticks = 10;
  int opt_level = 2;
  // The engines compared with the interpreter; each must have a
  // prepare_network (otherwise kInvalidArgument).
  std::vector<std::string> engines = {"jit", "aot"};
  // Body shapes; its seed and ticks are replaced per network.
  ProcGeneratorOptions generator;
};

// Runs networks until the end of the count or the first network on which an
// engine disagrees (the report then holds that network's disagreements, one
// per disagreeing engine, each at its first difference). The report counts
// networks as programs and ticks as evaluations (FormatSummary names them
// so). An error result: bad options, an engine without proc networks, or a
// generator defect.
Result<DifferentialReport> RunProcDifferential(const ProcDifferentialOptions& options);

// Runs one network on the interpreter and on `engines`, appending to
// `report` as RunProcDifferential does. An error: the interpreter itself
// could not create or feed the network (a generator defect).
Status CompareNetworks(const GeneratedNetwork& network, std::span<const Engine> engines, uint64_t seed,
                       DifferentialReport& report);

// The inputs of ticks [0, ticks) as an `xlsaot eval-proc --script` file.
std::string FormatProcScript(std::span<const std::vector<ProcInput>> inputs, int64_t ticks);

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_PROC_DIFFERENTIAL_H_
