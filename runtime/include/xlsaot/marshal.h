// Conversion between the C++ types of the generated API and ABI buffers
// (docs/abi.md), plus the empty types that stand for values without bits.
//
// Generated code calls these with the bit count of each leaf spelled out, so
// that every store masks the value to its width (bits above the width of an
// XLS value are always zero in a buffer) and every load returns exactly the
// value's bits.
#ifndef XLSAOT_MARSHAL_H_
#define XLSAOT_MARSHAL_H_

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "xlsaot/bits.h"

namespace xlsaot {

// A token value. Tokens carry no data: pass `{}` (generated signatures give
// trailing token parameters a default), never inspect one.
struct Token {
  friend constexpr bool operator==(Token, Token) { return true; }
};

// A bits[0] value: no bits, no storage. Like Token, pass `{}`.
struct ZeroBits {
  friend constexpr bool operator==(ZeroBits, ZeroBits) { return true; }
};

// The C++ type of bits[N] for 1 <= N <= 64: bool for bits[1], then the
// smallest of uint8_t, uint16_t, uint32_t, uint64_t. Wider values are
// xlsaot::Bits<N>.
template <int64_t N>
using UIntForBits = std::conditional_t<
    N == 1, bool,
    std::conditional_t<N <= 8, uint8_t,
                       std::conditional_t<N <= 16, uint16_t,
                                          std::conditional_t<N <= 32, uint32_t, uint64_t>>>>;

// Stores bits[N] (1 <= N <= 64) into its container at `dst`, masked to N bits.
template <int64_t N>
inline void StoreBits(UIntForBits<N> value, uint8_t* dst) {
  static_assert(N >= 1 && N <= 64);
  using Container = std::conditional_t<N == 1, uint8_t, UIntForBits<N>>;
  Container bits = static_cast<Container>(value);
  if constexpr (N == 1) {
    bits = value ? 1 : 0;
  } else if constexpr (N < 64) {
    bits = static_cast<Container>(bits & ((uint64_t{1} << N) - 1));
  }
  std::memcpy(dst, &bits, sizeof(bits));
}

// Stores bits[N] (N > 64): ceil(N/64) little-endian words.
template <int64_t N>
inline void StoreBits(const Bits<N>& value, uint8_t* dst) {
  std::memcpy(dst, value.data(), Bits<N>::kWordCount * 8);
}

// Loads bits[N] (1 <= N <= 64) from its container; bits above N are ignored.
template <int64_t N>
inline UIntForBits<N> LoadBits(const uint8_t* src) {
  static_assert(N >= 1 && N <= 64);
  using Container = std::conditional_t<N == 1, uint8_t, UIntForBits<N>>;
  Container bits;
  std::memcpy(&bits, src, sizeof(bits));
  if constexpr (N == 1) {
    return (bits & 1) != 0;
  } else if constexpr (N < 64) {
    return static_cast<Container>(bits & ((uint64_t{1} << N) - 1));
  } else {
    return bits;
  }
}

// Loads bits[N] (N > 64).
template <int64_t N>
inline Bits<N> LoadWideBits(const uint8_t* src) {
  Bits<N> value;
  for (size_t i = 0; i < Bits<N>::kWordCount; ++i) {
    uint64_t word;
    std::memcpy(&word, src + 8 * i, 8);
    value.set_word(i, word);  // masks the top word
  }
  return value;
}

}  // namespace xlsaot

#endif  // XLSAOT_MARSHAL_H_
