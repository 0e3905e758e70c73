// xlsaot::Bits<N>: a fixed-width bit vector for XLS values wider than 64
// bits in the generated C++ API.
//
// Storage is ceil(N/64) little-endian 64-bit words, which is exactly the ABI
// buffer layout of bits[N] for N > 64 (docs/abi.md), so a Bits<N> is passed
// to compiled code without conversion. Bits above N are always zero.
#ifndef XLSAOT_BITS_H_
#define XLSAOT_BITS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace xlsaot {

template <int64_t N>
class Bits {
  static_assert(N > 0, "Bits<N> needs N >= 1");

 public:
  static constexpr int64_t kBitCount = N;
  static constexpr size_t kWordCount = static_cast<size_t>((N + 63) / 64);
  static constexpr size_t kByteCount = static_cast<size_t>((N + 7) / 8);

  constexpr Bits() = default;

  // From a 64-bit value (truncated to N bits when N < 64).
  static constexpr Bits FromUint64(uint64_t value) {
    Bits b;
    b.words_[0] = value;
    b.MaskTop();
    return b;
  }

  // From little-endian bytes (byte 0 holds bits 0..7). Missing bytes are
  // zero; bits beyond N are dropped.
  static Bits FromBytes(std::span<const uint8_t> bytes) {
    Bits b;
    for (size_t i = 0; i < bytes.size() && i < kByteCount; ++i)
      b.words_[i / 8] |= static_cast<uint64_t>(bytes[i]) << (8 * (i % 8));
    b.MaskTop();
    return b;
  }

  // From hexadecimal text: optional "0x", digits, '_' separators. Returns
  // nullopt on a bad digit or a value that does not fit in N bits.
  static std::optional<Bits> FromHex(std::string_view text) {
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
    Bits b;
    int64_t bit = 0;
    bool any_digit = false;
    for (size_t i = text.size(); i-- > 0;) {
      const char c = text[i];
      if (c == '_') continue;
      int digit;
      if (c >= '0' && c <= '9') digit = c - '0';
      else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      else return std::nullopt;
      any_digit = true;
      for (int k = 0; k < 4; ++k, ++bit) {
        if (((digit >> k) & 1) == 0) continue;
        if (bit >= N) return std::nullopt;
        b.words_[static_cast<size_t>(bit / 64)] |= uint64_t{1} << (bit % 64);
      }
    }
    if (!any_digit) return std::nullopt;
    return b;
  }

  // Little-endian bytes, kByteCount of them.
  std::array<uint8_t, kByteCount> ToBytes() const {
    std::array<uint8_t, kByteCount> out{};
    for (size_t i = 0; i < kByteCount; ++i) out[i] = static_cast<uint8_t>(words_[i / 8] >> (8 * (i % 8)));
    return out;
  }

  // "0x" followed by lower-case hex digits, no leading zeros ("0x0" for zero).
  std::string ToHex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string digits;
    for (int64_t nibble = (N + 3) / 4; nibble-- > 0;) {
      const int64_t bit = nibble * 4;
      const uint64_t d = (words_[static_cast<size_t>(bit / 64)] >> (bit % 64)) & 0xf;
      if (digits.empty() && d == 0) continue;
      digits.push_back(kDigits[d]);
    }
    return "0x" + (digits.empty() ? std::string("0") : digits);
  }

  constexpr bool bit(int64_t i) const { return (words_[static_cast<size_t>(i / 64)] >> (i % 64)) & 1; }
  constexpr void set_bit(int64_t i, bool value) {
    const uint64_t mask = uint64_t{1} << (i % 64);
    auto& w = words_[static_cast<size_t>(i / 64)];
    w = value ? (w | mask) : (w & ~mask);
  }
  constexpr uint64_t word(size_t i) const { return words_[i]; }
  constexpr void set_word(size_t i, uint64_t value) {
    words_[i] = value;
    MaskTop();
  }
  // The low 64 bits.
  constexpr uint64_t low64() const { return words_[0]; }

  const uint8_t* data() const { return reinterpret_cast<const uint8_t*>(words_.data()); }
  uint8_t* data() { return reinterpret_cast<uint8_t*>(words_.data()); }

  friend constexpr bool operator==(const Bits&, const Bits&) = default;

 private:
  constexpr void MaskTop() {
    if constexpr (N % 64 != 0) words_[kWordCount - 1] &= (uint64_t{1} << (N % 64)) - 1;
  }

  std::array<uint64_t, kWordCount> words_{};
};

}  // namespace xlsaot

#endif  // XLSAOT_BITS_H_
