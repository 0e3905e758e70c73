// A seeded, platform-independent source of random choices for the program
// generator, with the biases that find bugs: interesting bit widths and edge
// values (zero, one, all ones, the sign bit).
//
// Only the raw 64-bit stream of std::mt19937_64 is used (its sequence is fixed
// by the standard); the std:: distributions are not, because their output
// differs between standard libraries and would make a seed mean different
// programs on different hosts.
#ifndef XLSAOT_FUZZ_RANDOM_SOURCE_H_
#define XLSAOT_FUZZ_RANDOM_SOURCE_H_

#include <cstdint>
#include <random>
#include <span>

#include "ir/type.h"
#include "ir/value.h"

namespace xlsaot {

class RandomSource {
 public:
  // Nearby seeds (a run uses seed, seed + 1, ...) are scrambled first so
  // that they start unrelated streams.
  explicit RandomSource(uint64_t seed);

  uint64_t Next() { return engine_(); }
  // Uniform in [lo, hi] (inclusive); lo when hi < lo.
  int64_t Uniform(int64_t lo, int64_t hi);
  // True with probability percent / 100.
  bool Percent(int percent) { return Uniform(0, 99) < percent; }
  bool Bool() { return (Next() >> 63) != 0; }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<size_t>(Uniform(0, static_cast<int64_t>(items.size()) - 1))];
  }

  // A bit width in [0, max_width], biased towards the widths where
  // implementations switch representation (0, 1, 7, 8, 31, 32, 63, 64, 65,
  // 127, 128, 129) and towards small widths.
  int64_t Width(int64_t max_width);

  // Bits of `width` biased towards edge values: 0, 1, all ones, only the
  // sign bit, the largest signed value, small numbers and uniform noise.
  llvm::APInt EdgeBits(int64_t width);

  // A value of `type` whose leaves come from EdgeBits (tokens are tokens).
  Value EdgeValue(const Type* type);

 private:
  std::mt19937_64 engine_;
};

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_RANDOM_SOURCE_H_
