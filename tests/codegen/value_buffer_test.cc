// Values to buffers and back: exact round trips, zero padding on write,
// padding ignored on read, little-endian containers.
#include "codegen/value_buffer.h"

#include <cstring>
#include <random>
#include <vector>

#include "codegen/type_layout.h"
#include "gtest/gtest.h"
#include "llvm/ADT/ArrayRef.h"

namespace xlsaot {
namespace {

const Type* B(int64_t n) { return Type::Bits(n); }

Value RandomValue(const Type* t, std::mt19937_64& rng) {
  switch (t->kind()) {
    case TypeKind::kBits: {
      std::vector<uint64_t> words(static_cast<size_t>(t->bit_count() / 64 + 1));
      for (uint64_t& w : words) w = rng();
      return Value::Bits(llvm::APInt(static_cast<unsigned>(t->bit_count()), llvm::ArrayRef<uint64_t>(words)));
    }
    case TypeKind::kToken:
      return Value::Token();
    case TypeKind::kTuple: {
      std::vector<Value> e;
      for (const Type* element : t->elements()) e.push_back(RandomValue(element, rng));
      return Value::Tuple(std::move(e));
    }
    case TypeKind::kArray: {
      std::vector<Value> e;
      e.reserve(t->size());
      for (int64_t i = 0; i < t->size(); ++i) e.push_back(RandomValue(t->element(), rng));
      return Value::Array(std::move(e));
    }
  }
  return Value();
}

std::vector<const Type*> SampleTypes() {
  std::vector<const Type*> types;
  for (int64_t n : {0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 257, 1000})
    types.push_back(B(n));
  const Type* pair[] = {B(3), B(64)};
  types.push_back(Type::Tuple(pair));
  const Type* mixed[] = {B(1), Type::Token(), Type::Array(B(12), 3), B(0), B(100)};
  types.push_back(Type::Tuple(mixed));
  types.push_back(Type::Array(Type::Array(B(5), 2), 3));
  const Type* inner[] = {B(16), B(2)};
  types.push_back(Type::Array(Type::Tuple(inner), 4));
  types.push_back(Type::EmptyTuple());
  types.push_back(Type::Token());
  return types;
}

TEST(ValueBufferTest, RoundTripsAndZeroesPadding) {
  std::mt19937_64 rng(1);
  for (const Type* t : SampleTypes()) {
    const int64_t size = ComputeLayout(t).size;
    for (int i = 0; i < 20; ++i) {
      const Value v = RandomValue(t, rng);
      std::vector<uint8_t> buffer(static_cast<size_t>(size) + 1, 0xa5);
      WriteValueToBuffer(v, t, buffer.data());
      EXPECT_EQ(ReadValueFromBuffer(t, buffer.data()), v) << t->ToString();
      EXPECT_EQ(buffer[static_cast<size_t>(size)], 0xa5) << "wrote past the end of " << t->ToString();
      // Written over garbage, the all-ones value sets exactly the leaf
      // bits: clearing them must leave nothing.
      std::vector<uint8_t> ones(static_cast<size_t>(size), 0xff);
      WriteValueToBuffer(Value::AllOnes(t), t, ones.data());
      for (const LeafLayout& leaf : FlattenLeaves(t)) {
        for (int64_t bit = 0; bit < leaf.bit_count; ++bit)
          ones[static_cast<size_t>(leaf.offset + bit / 8)] &= static_cast<uint8_t>(~(1u << (bit % 8)));
      }
      for (size_t k = 0; k < ones.size(); ++k) EXPECT_EQ(ones[k], 0) << t->ToString() << " padding byte " << k;
    }
  }
}

TEST(ValueBufferTest, ReadingIgnoresPadding) {
  std::mt19937_64 rng(2);
  for (const Type* t : SampleTypes()) {
    const int64_t size = ComputeLayout(t).size;
    const Value v = RandomValue(t, rng);
    std::vector<uint8_t> clean(static_cast<size_t>(size));
    WriteValueToBuffer(v, t, clean.data());
    // Garbage in every padding bit.
    std::vector<uint8_t> dirty(static_cast<size_t>(size), 0xff);
    std::vector<uint8_t> mask(static_cast<size_t>(size), 0);
    for (const LeafLayout& leaf : FlattenLeaves(t))
      for (int64_t bit = 0; bit < leaf.bit_count; ++bit)
        mask[static_cast<size_t>(leaf.offset + bit / 8)] |= static_cast<uint8_t>(1u << (bit % 8));
    for (size_t k = 0; k < dirty.size(); ++k) dirty[k] = static_cast<uint8_t>((clean[k] & mask[k]) | ~mask[k]);
    EXPECT_EQ(ReadValueFromBuffer(t, dirty.data()), v) << t->ToString();
  }
}

TEST(ValueBufferTest, ContainersAreLittleEndian) {
  uint8_t buffer[16];
  WriteValueToBuffer(Value::UBits(0x1234, 16), B(16), buffer);
  EXPECT_EQ(buffer[0], 0x34);
  EXPECT_EQ(buffer[1], 0x12);
  const llvm::APInt wide(65, llvm::ArrayRef<uint64_t>({0x0807060504030201ull, 1ull}));
  WriteValueToBuffer(Value::Bits(wide), B(65), buffer);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(buffer[i], i + 1);
  EXPECT_EQ(buffer[8], 1);
  for (int i = 9; i < 16; ++i) EXPECT_EQ(buffer[i], 0);
}

}  // namespace
}  // namespace xlsaot
