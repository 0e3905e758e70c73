// The expected results of mix.ir, computed in plain C++ with no part of
// xlsaot, and the inputs each thread feeds it: derived from the thread and
// iteration numbers so that every call checks a different, reproducible
// value.
#ifndef XLSAOT_TESTS_CONCURRENCY_MIX_MODEL_H_
#define XLSAOT_TESTS_CONCURRENCY_MIX_MODEL_H_

#include <array>
#include <bit>
#include <cstdint>

namespace xlsaot::test {

struct MixInput {
  uint32_t x;
  uint32_t y;
  std::array<uint32_t, 4> table;
};

struct MixOutput {
  uint32_t rotated;
  uint64_t product;
  std::array<uint32_t, 4> updated;

  friend bool operator==(const MixOutput&, const MixOutput&) = default;
};

// A 64-bit finalizer (splitmix64): consecutive iterations give unrelated
// bit patterns, so shifts by every amount and every array slot occur.
inline uint64_t Scramble(uint64_t z) {
  z += 0x9e3779b97f4a7c15u;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

inline MixInput MixInputFor(uint32_t thread, uint32_t iteration) {
  const uint64_t a = Scramble((uint64_t{thread} << 32) | iteration);
  const uint64_t b = Scramble(a);
  const uint64_t c = Scramble(b);
  return MixInput{.x = static_cast<uint32_t>(a),
                  .y = static_cast<uint32_t>(a >> 32),
                  .table = {static_cast<uint32_t>(b), static_cast<uint32_t>(b >> 32),
                            static_cast<uint32_t>(c), static_cast<uint32_t>(c >> 32)}};
}

inline MixOutput MixModel(const MixInput& in) {
  const uint32_t mixed = (in.x + in.y) ^ in.table[in.y & 3];
  const int amount = static_cast<int>(in.x & 31);
  const uint32_t rotated = std::rotl(mixed, amount);
  const uint64_t product = uint64_t{rotated} * in.y;
  // >> on a negative int32_t is an arithmetic shift (guaranteed since C++20).
  const auto shifted = static_cast<uint32_t>(static_cast<int32_t>(in.x) >> amount);
  MixOutput out{.rotated = rotated, .product = product, .updated = in.table};
  out.updated[in.x & 3] = rotated > in.y ? rotated : shifted;
  return out;
}

}  // namespace xlsaot::test

#endif  // XLSAOT_TESTS_CONCURRENCY_MIX_MODEL_H_
