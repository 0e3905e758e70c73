// The proc network of a seed, for the tests of the proc generator and of the
// tick-by-tick comparison.
#ifndef XLSAOT_TESTS_FUZZ_GENERATED_NETWORK_H_
#define XLSAOT_TESTS_FUZZ_GENERATED_NETWORK_H_

#include <cstdint>
#include <utility>

#include "fuzz/proc_generator.h"
#include "gtest/gtest.h"

namespace xlsaot {

// The network of `seed` with inputs for `ticks` ticks; an empty one (and a
// test failure) when generation fails.
inline GeneratedNetwork GenerateNetwork(uint64_t seed, int ticks = 10) {
  ProcGeneratorOptions options;
  options.seed = seed;
  options.ticks = ticks;
  Result<GeneratedNetwork> network = GenerateProcNetwork(options);
  EXPECT_TRUE(network.ok()) << network.error();
  return network.ok() ? std::move(network).value() : GeneratedNetwork{};
}

}  // namespace xlsaot

#endif  // XLSAOT_TESTS_FUZZ_GENERATED_NETWORK_H_
