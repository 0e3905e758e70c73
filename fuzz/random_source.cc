#include "fuzz/random_source.h"

#include <algorithm>
#include <vector>

#include "llvm/ADT/ArrayRef.h"

namespace xlsaot {
namespace {

// SplitMix64's finaliser: a bijection that spreads consecutive seeds over
// the whole 64-bit space.
uint64_t Scramble(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Word and register boundaries, and (for wide profiles) the boundaries of
// wider vector registers and of the word loops that very wide ops use.
constexpr int64_t kInterestingWidths[] = {0,   1,   7,   8,    31,   32,   63,   64,   65,  127, 128,
                                          129, 255, 256, 257,  511,  512,  513,  1023, 1024, 1025,
                                          2047, 2048, 2049, 4095, 4096};

}  // namespace

RandomSource::RandomSource(uint64_t seed) : engine_(Scramble(seed)) {}

int64_t RandomSource::Uniform(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  // In unsigned arithmetic: hi - lo overflows int64_t for the widest ranges.
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
  // span == 0 means the full 64-bit range (lo = INT64_MIN, hi = INT64_MAX).
  // cppcheck-suppress knownConditionTrueFalse ; the unsigned sum wraps to 0 for that range
  const uint64_t r = span == 0 ? Next() : Next() % span;
  return lo + static_cast<int64_t>(r);
}

int64_t RandomSource::Width(int64_t max_width) {
  max_width = std::max<int64_t>(max_width, 0);
  const int64_t roll = Uniform(0, 99);
  if (roll < 40) {
    std::vector<int64_t> fitting;
    for (int64_t w : kInterestingWidths)
      if (w <= max_width) fitting.push_back(w);
    return Pick(std::span<const int64_t>(fitting));
  }
  if (roll < 80) return Uniform(1, std::min<int64_t>(16, std::max<int64_t>(max_width, 1)));
  return Uniform(0, max_width);
}

llvm::APInt RandomSource::EdgeBits(int64_t width) {
  const unsigned w = static_cast<unsigned>(width);
  llvm::APInt bits(w, uint64_t{0});
  if (w == 0) return bits;
  const int64_t roll = Uniform(0, 99);
  if (roll < 15) return bits;                                   // 0
  if (roll < 25) return llvm::APInt(w, uint64_t{1});            // 1
  if (roll < 40) return llvm::APInt::getAllOnes(w);             // -1
  if (roll < 48) return llvm::APInt::getSignMask(w);            // most negative
  if (roll < 53) return llvm::APInt::getSignedMaxValue(w);      // most positive
  if (roll < 65) return llvm::APInt(w, static_cast<uint64_t>(Uniform(0, 16)), false);
  // Uniform noise, 64 bits at a time.
  std::vector<uint64_t> words((w + 63) / 64);
  for (uint64_t& word : words) word = Next();
  bits = llvm::APInt(w, llvm::ArrayRef<uint64_t>(words));
  if (roll < 75) {
    // Noise confined to the low bits: values near the bottom of the range.
    const unsigned keep = static_cast<unsigned>(Uniform(1, w));
    bits.clearHighBits(w - keep);
  }
  return bits;
}

Value RandomSource::EdgeValue(const Type* type) {
  switch (type->kind()) {
    case TypeKind::kBits:
      return Value::Bits(EdgeBits(type->bit_count()));
    case TypeKind::kToken:
      return Value::Token();
    case TypeKind::kTuple: {
      std::vector<Value> elements;
      for (const Type* e : type->elements()) elements.push_back(EdgeValue(e));
      return Value::Tuple(std::move(elements));
    }
    case TypeKind::kArray: {
      std::vector<Value> elements;
      elements.reserve(static_cast<size_t>(type->size()));
      for (int64_t i = 0; i < type->size(); ++i) elements.push_back(EdgeValue(type->element()));
      return Value::Array(std::move(elements));
    }
  }
  return Value();
}

}  // namespace xlsaot
