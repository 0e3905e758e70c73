#include "xlsaot/value_text.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace xlsaot {
namespace {

// The `count` (at most 8) bits of `words` starting at bit `lo`.
uint64_t ExtractBits(std::span<const uint64_t> words, uint64_t lo, unsigned count) {
  const size_t word = static_cast<size_t>(lo / 64);
  const unsigned shift = static_cast<unsigned>(lo % 64);
  uint64_t bits = words[word] >> shift;
  if (shift + count > 64 && word + 1 < words.size()) bits |= words[word + 1] << (64 - shift);
  return bits & ((uint64_t{1} << count) - 1);
}

// Digits in base 2^log2_radix, most significant first, without leading
// zeros unless `pad` (then exactly ceil(width / log2_radix) digits).
std::string PowerOfTwoDigits(std::span<const uint64_t> words, uint64_t width, unsigned log2_radix, bool pad) {
  const uint64_t digit_count = width == 0 ? 1 : (width + log2_radix - 1) / log2_radix;
  std::string digits;
  digits.reserve(static_cast<size_t>(digit_count));
  for (uint64_t d = digit_count; d-- > 0;) {
    const uint64_t lo = d * log2_radix;
    const unsigned n = static_cast<unsigned>(std::min<uint64_t>(log2_radix, width > lo ? width - lo : 0));
    digits.push_back("0123456789abcdef"[n == 0 ? 0 : ExtractBits(words, lo, n)]);
  }
  if (!pad) {
    const size_t first = digits.find_first_not_of('0');
    digits = first == std::string::npos ? "0" : digits.substr(first);
  }
  return digits;
}

// Inserts '_' every four digits counting from the least significant one.
std::string GroupByFour(const std::string& digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 4);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 4 == 0) out.push_back('_');
    out.push_back(digits[i]);
  }
  return out;
}

// Decimal digits of bits[width], as a two's complement number when
// `is_signed`. Repeated division by 10^19, the largest power of ten in a word.
std::string Decimal(std::span<const uint64_t> words, uint64_t width, bool is_signed) {
  if (width == 0) return "0";
  const size_t count = static_cast<size_t>((width + 63) / 64);
  std::vector<uint64_t> value(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(count));
  const unsigned top_bits = static_cast<unsigned>(width - 64 * (count - 1));
  const uint64_t top_mask = top_bits == 64 ? ~uint64_t{0} : (uint64_t{1} << top_bits) - 1;
  value.back() &= top_mask;
  const bool negative = is_signed && ((value.back() >> (top_bits - 1)) & 1) != 0;
  if (negative) {
    // The magnitude: invert and add one, within the width.
    bool carry = true;
    for (uint64_t& w : value) {
      w = ~w + (carry ? 1 : 0);
      carry = carry && w == 0;
    }
    value.back() &= top_mask;
  }
  constexpr uint64_t kChunk = 10'000'000'000'000'000'000ull;  // 10^19
  std::vector<uint64_t> chunks;                               // least significant first
  while (std::any_of(value.begin(), value.end(), [](uint64_t w) { return w != 0; })) {
    unsigned __int128 remainder = 0;
    for (size_t i = value.size(); i-- > 0;) {
      const unsigned __int128 current = (remainder << 64) | value[i];
      value[i] = static_cast<uint64_t>(current / kChunk);
      remainder = current % kChunk;
    }
    chunks.push_back(static_cast<uint64_t>(remainder));
  }
  std::string text = negative ? "-" : "";
  if (chunks.empty()) return text + "0";
  text += std::to_string(chunks.back());
  for (size_t i = chunks.size() - 1; i-- > 0;) {
    const std::string part = std::to_string(chunks[i]);
    text.append(19 - part.size(), '0');
    text += part;
  }
  return text;
}

}  // namespace

void AppendBitsText(std::span<const uint64_t> words, uint64_t bit_count, FormatPreference preference,
                    std::string& out) {
  switch (preference) {
    case FormatPreference::kDefault:
      out += bit_count <= 64 ? Decimal(words, bit_count, false)
                             : "0x" + GroupByFour(PowerOfTwoDigits(words, bit_count, 4, false));
      return;
    case FormatPreference::kUnsignedDecimal:
      out += Decimal(words, bit_count, false);
      return;
    case FormatPreference::kSignedDecimal:
      out += Decimal(words, bit_count, true);
      return;
    case FormatPreference::kBinary:
      out += "0b" + GroupByFour(PowerOfTwoDigits(words, bit_count, 1, false));
      return;
    case FormatPreference::kHex:
      out += "0x" + GroupByFour(PowerOfTwoDigits(words, bit_count, 4, false));
      return;
    case FormatPreference::kPlainBinary:
      out += PowerOfTwoDigits(words, bit_count, 1, false);
      return;
    case FormatPreference::kPlainHex:
      out += PowerOfTwoDigits(words, bit_count, 4, false);
      return;
    // XLS writes no radix prefix for the zero-padded forms (they mirror
    // Verilog's %b / %h), but still groups the digits.
    case FormatPreference::kZeroPaddedBinary:
      out += GroupByFour(PowerOfTwoDigits(words, bit_count, 1, true));
      return;
    case FormatPreference::kZeroPaddedHex:
      out += GroupByFour(PowerOfTwoDigits(words, bit_count, 4, true));
      return;
  }
}

void AppendBufferText(const MetadataView& metadata, uint32_t type, const uint8_t* buffer,
                      FormatPreference preference, std::string& out) {
  const TypeDesc& t = metadata.type(type);
  switch (t.kind) {
    case TypeDescKind::kBits: {
      // The value is the low bit_count bits of its little-endian container.
      std::vector<uint64_t> words(static_cast<size_t>((t.bit_count + 63) / 64), 0);
      // Zero-width bits have no storage (and may have a null buffer).
      const size_t bytes = static_cast<size_t>(std::min<uint64_t>(t.size, words.size() * 8));
      if (bytes != 0) std::memcpy(words.data(), buffer, bytes);
      AppendBitsText(words, t.bit_count, preference, out);
      return;
    }
    case TypeDescKind::kToken:
      out += "token";
      return;
    case TypeDescKind::kTuple:
      out.push_back('(');
      for (uint64_t i = 0; i < t.element_count; ++i) {
        if (i != 0) out += ", ";
        const FieldDesc& field = metadata.fields[static_cast<size_t>(t.first_field + i)];
        AppendBufferText(metadata, field.type, buffer + field.offset, preference, out);
      }
      out.push_back(')');
      return;
    case TypeDescKind::kArray:
      out.push_back('[');
      for (uint64_t i = 0; i < t.element_count; ++i) {
        if (i != 0) out += ", ";
        AppendBufferText(metadata, t.element_type, buffer + i * t.stride, preference, out);
      }
      out.push_back(']');
      return;
  }
}

}  // namespace xlsaot
