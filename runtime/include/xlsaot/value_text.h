// XLS's text forms of values, as traces print them: bits of any width in
// each FormatPreference, and tuples, arrays and tokens around them. The one
// implementation every engine uses: the IR library renders its Values with
// it, and the runtime renders the buffers of compiled code with it, so a
// trace reads the same whichever engine produced it.
//
// Standard library only (it is part of the runtime); in its own object file,
// so a consumer that never formats a trace does not link it.
#ifndef XLSAOT_VALUE_TEXT_H_
#define XLSAOT_VALUE_TEXT_H_

#include <cstdint>
#include <span>
#include <string>

#include "xlsaot/metadata.h"

namespace xlsaot {

// How bits are rendered as text (XLS's FormatPreference).
enum class FormatPreference : uint8_t {
  kDefault,           // decimal up to 64 bits, hex (0x...) beyond
  kBinary,            // 0b1010_1010: grouped by 4 from the LSB
  kHex,               // 0xdead_beef: grouped by 4 from the LSB
  kUnsignedDecimal,   // 42
  kSignedDecimal,     // -3 (two's complement)
  kPlainBinary,       // 1010
  kPlainHex,          // deadbeef
  kZeroPaddedBinary,  // 0000_1010: padded to the full width, no prefix
  kZeroPaddedHex,     // 000a: padded to the full width, no prefix
};

// Appends bits[bit_count] (any width, 0 included) rendered per `preference`.
// `words` holds the value little-endian, 64 bits a word, at least
// ceil(bit_count / 64) of them; bits past bit_count are ignored.
void AppendBitsText(std::span<const uint64_t> words, uint64_t bit_count, FormatPreference preference,
                    std::string& out);

// Appends the value of type `type` of `metadata`'s table held in `buffer`
// (laid out as docs/abi.md says; padding is ignored) in XLS's human-readable
// form, every leaf per `preference`: "(0x1, [0x2, 0x3], token)".
void AppendBufferText(const MetadataView& metadata, uint32_t type, const uint8_t* buffer,
                      FormatPreference preference, std::string& out);

}  // namespace xlsaot

#endif  // XLSAOT_VALUE_TEXT_H_
