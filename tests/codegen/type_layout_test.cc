// Buffer layouts (docs/abi.md): containers of bits, C-struct tuples, arrays
// with a stride, zero-sized tokens.
#include "codegen/type_layout.h"

#include <vector>

#include "gtest/gtest.h"
#include "ir/type.h"

namespace xlsaot {
namespace {

const Type* B(int64_t n) { return Type::Bits(n); }
const Type* Tup(std::vector<const Type*> e) { return Type::Tuple(e); }

TEST(TypeLayoutTest, BitsUseTheSmallestContainer) {
  for (int64_t n = 0; n <= 600; ++n) {
    const TypeLayout l = ComputeLayout(B(n));
    int64_t want;
    if (n == 0) {
      want = 0;
    } else if (n <= 8) {
      want = 1;
    } else if (n <= 16) {
      want = 2;
    } else if (n <= 32) {
      want = 4;
    } else {
      want = (n + 63) / 64 * 8;
    }
    EXPECT_EQ(l.size, want) << n;
    EXPECT_EQ(l.container_bytes, want) << n;
    EXPECT_EQ(l.alignment, n == 0 ? 1 : std::min<int64_t>(want, 8)) << n;
  }
  EXPECT_EQ(ComputeLayout(B(65)).size, 16);
  EXPECT_EQ(ComputeLayout(B(257)).size, 40);
  EXPECT_EQ(ComputeLayout(B(257)).alignment, 8);
  EXPECT_EQ(ComputeLayout(B(8192)).size, 1024);
}

TEST(TypeLayoutTest, TokensAndEmptyAggregatesTakeNoSpace) {
  EXPECT_EQ(ComputeLayout(Type::Token()).size, 0);
  EXPECT_EQ(ComputeLayout(Type::Token()).alignment, 1);
  EXPECT_EQ(ComputeLayout(Type::EmptyTuple()).size, 0);
  EXPECT_EQ(ComputeLayout(Type::Array(B(32), 0)).size, 0);
  EXPECT_EQ(ComputeLayout(Type::Array(Type::Token(), 9)).size, 0);
  EXPECT_EQ(ComputeLayout(Tup({Type::Token(), B(0)})).size, 0);
}

TEST(TypeLayoutTest, TuplesAreCStructs) {
  // (bits[1], bits[32], bits[8]) -> offsets 0, 4, 8; size 12, alignment 4.
  const TypeLayout l = ComputeLayout(Tup({B(1), B(32), B(8)}));
  EXPECT_EQ(l.element_offsets, (std::vector<int64_t>{0, 4, 8}));
  EXPECT_EQ(l.size, 12);
  EXPECT_EQ(l.alignment, 4);
  // A token in the middle occupies nothing.
  const TypeLayout t = ComputeLayout(Tup({B(16), Type::Token(), B(65), B(3)}));
  EXPECT_EQ(t.element_offsets, (std::vector<int64_t>{0, 2, 8, 24}));
  EXPECT_EQ(t.size, 32);
  EXPECT_EQ(t.alignment, 8);
  // Nested: ((bits[8], bits[16]), bits[8]) -> inner size 4 align 2.
  const TypeLayout n = ComputeLayout(Tup({Tup({B(8), B(16)}), B(8)}));
  EXPECT_EQ(n.element_offsets, (std::vector<int64_t>{0, 4}));
  EXPECT_EQ(n.size, 6);
  EXPECT_EQ(n.alignment, 2);
}

TEST(TypeLayoutTest, ArraysHaveAStrideOfTheElementSize) {
  const TypeLayout a = ComputeLayout(Type::Array(B(7), 5));
  EXPECT_EQ(a.element_stride, 1);
  EXPECT_EQ(a.size, 5);
  EXPECT_EQ(a.alignment, 1);
  const Type* element = Tup({B(32), B(8)});  // size 8, alignment 4
  const TypeLayout t = ComputeLayout(Type::Array(element, 3));
  EXPECT_EQ(t.element_stride, 8);
  EXPECT_EQ(t.size, 24);
  EXPECT_EQ(t.alignment, 4);
  const TypeLayout nested = ComputeLayout(Type::Array(Type::Array(B(65), 2), 3));
  EXPECT_EQ(nested.element_stride, 32);
  EXPECT_EQ(nested.size, 96);
  EXPECT_EQ(nested.alignment, 8);
}

TEST(TypeLayoutTest, CachedLayoutAgreesWithComputeLayout) {
  const Type* t = Tup({B(3), Type::Array(Tup({B(64), B(1)}), 4), Type::Token()});
  const TypeLayout& cached = CachedLayout(t);
  const TypeLayout computed = ComputeLayout(t);
  EXPECT_EQ(cached.size, computed.size);
  EXPECT_EQ(cached.alignment, computed.alignment);
  EXPECT_EQ(cached.element_offsets, computed.element_offsets);
  EXPECT_EQ(&CachedLayout(t), &cached);
}

TEST(TypeLayoutTest, LeavesAndDensity) {
  const Type* t = Tup({B(3), Type::Array(B(16), 2), Type::Token(), B(0), B(64)});
  const std::vector<LeafLayout> leaves = FlattenLeaves(t);
  ASSERT_EQ(leaves.size(), 4u);
  EXPECT_EQ(leaves[0].offset, 0);
  EXPECT_EQ(leaves[0].bit_count, 3);
  EXPECT_EQ(leaves[1].offset, 2);
  EXPECT_EQ(leaves[2].offset, 4);
  EXPECT_EQ(leaves[3].offset, 8);
  EXPECT_EQ(leaves[3].bit_count, 64);
  EXPECT_FALSE(LayoutIsDense(t));
  EXPECT_TRUE(LayoutIsDense(B(32)));
  EXPECT_TRUE(LayoutIsDense(B(128)));
  EXPECT_FALSE(LayoutIsDense(B(65)));
  EXPECT_TRUE(LayoutIsDense(Tup({B(32), B(16), B(16)})));
  EXPECT_FALSE(LayoutIsDense(Tup({B(16), B(32)})));
  EXPECT_TRUE(LayoutIsDense(Type::Array(B(8), 3)));
  EXPECT_TRUE(LayoutIsDense(Type::Token()));
}

}  // namespace
}  // namespace xlsaot
