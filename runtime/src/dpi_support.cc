// The runtime side of the generated DPI-C glue (xlsaot/dpi_support.h). Its
// own object: only programs that call generated DPI-C functions link it.
#include "xlsaot/dpi_support.h"

#include <algorithm>
#include <string>
#include <vector>

namespace xlsaot {
namespace {

// The outcome text of this thread's last DPI-C call.
thread_local std::string last_error;

// Bits [lsb, lsb + count) of `words`, count <= 64.
uint64_t ReadPacked(const uint32_t* words, uint64_t lsb, uint64_t count) {
  uint64_t value = 0;
  for (uint64_t done = 0; done < count;) {
    const uint64_t position = lsb + done;
    const uint64_t shift = position % 32;
    const uint64_t take = std::min<uint64_t>(32 - shift, count - done);
    const uint64_t chunk = (uint64_t{words[position / 32]} >> shift) & ((uint64_t{1} << take) - 1);
    value |= chunk << done;
    done += take;
  }
  return value;
}

// Writes the low `count` bits of `value` (count <= 64) to bits
// [lsb, lsb + count) of `words`.
void WritePacked(uint32_t* words, uint64_t lsb, uint64_t count, uint64_t value) {
  for (uint64_t done = 0; done < count;) {
    const uint64_t position = lsb + done;
    const uint64_t shift = position % 32;
    const uint64_t take = std::min<uint64_t>(32 - shift, count - done);
    const uint32_t mask = static_cast<uint32_t>(((uint64_t{1} << take) - 1) << shift);
    uint32_t& word = words[position / 32];
    word = (word & ~mask) | (static_cast<uint32_t>((value >> done) << shift) & mask);
    done += take;
  }
}

// The ABI container of a bits[width] leaf: bytes, little endian.
uint64_t ContainerBytes(uint64_t width) {
  if (width <= 8) return 1;
  if (width <= 16) return 2;
  if (width <= 32) return 4;
  return (width + 63) / 64 * 8;
}

void StoreLittleEndian(uint64_t value, uint64_t bytes, uint8_t* out) {
  for (uint64_t i = 0; i < bytes; ++i) out[i] = static_cast<uint8_t>(value >> (8 * i));
}

uint64_t LoadLittleEndian(const uint8_t* in, uint64_t bytes) {
  uint64_t value = 0;
  for (uint64_t i = 0; i < bytes; ++i) value |= uint64_t{in[i]} << (8 * i);
  return value;
}

}  // namespace

void UnpackDpiBits(const uint32_t* words, uint64_t lsb, uint64_t width, uint8_t* leaf) {
  const uint64_t bytes = ContainerBytes(width);
  // One 64-bit word of the container at a time; the last may be partial.
  for (uint64_t word = 0; word * 8 < bytes; ++word) {
    const uint64_t count = std::min<uint64_t>(64, width - std::min(width, word * 64));
    const uint64_t value = count == 0 ? 0 : ReadPacked(words, lsb + word * 64, count);
    StoreLittleEndian(value, std::min<uint64_t>(8, bytes - word * 8), leaf + word * 8);
  }
}

void PackDpiBits(const uint8_t* leaf, uint64_t width, uint32_t* words, uint64_t lsb) {
  const uint64_t bytes = ContainerBytes(width);
  for (uint64_t word = 0; word * 64 < width; ++word) {
    const uint64_t value = LoadLittleEndian(leaf + word * 8, std::min<uint64_t>(8, bytes - word * 8));
    WritePacked(words, lsb + word * 64, std::min<uint64_t>(64, width - word * 64), value);
  }
}

void ClearDpiBits(uint32_t* words, uint64_t width) { std::fill(words, words + (width + 31) / 32, 0u); }

DpiStatus CallForDpi(ArtifactRunner& runner) {
  // Kept between calls so that a call whose assertions hold allocates nothing.
  thread_local std::vector<std::string> messages;
  messages.clear();
  AssertionLog log(&messages);
  const Status status = runner.Call(log);
  if (!status.ok()) {
    last_error = status.error();
    return kDpiStatusError;
  }
  last_error.clear();
  if (log.count() == 0) return kDpiStatusOk;
  for (const std::string& message : messages) {
    if (!last_error.empty()) last_error += '\n';
    last_error += "assertion failed: " + message;
  }
  if (log.out_of_memory()) last_error += "\n(not every assertion message could be stored)";
  return kDpiStatusAssertionFailed;
}

const char* DpiLastError() { return last_error.c_str(); }

void SetDpiRunnerError(std::string_view function_name, const Status& error) {
  last_error = "cannot create the runner of '" + std::string(function_name) + "': " + error.error();
}

}  // namespace xlsaot
