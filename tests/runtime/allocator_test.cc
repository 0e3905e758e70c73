#include "xlsaot/allocator.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace xlsaot {
namespace {

TEST(ScratchBufferTest, HonoursOrdinaryAndOverAlignedRequests) {
  for (size_t alignment : {1u, 8u, 16u, 64u, 256u, 4096u}) {
    auto buffer = ScratchBuffer::Create(1000, alignment);
    ASSERT_TRUE(buffer.ok()) << buffer.error();
    EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer->data()) % alignment, 0u) << alignment;
    EXPECT_EQ(buffer->size(), 1000u);
  }
}

TEST(ScratchBufferTest, RejectsNonPowerOfTwoAlignment) {
  auto buffer = ScratchBuffer::Create(16, 24);
  ASSERT_FALSE(buffer.ok());
  EXPECT_EQ(buffer.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(buffer.error().find("power of two"), std::string::npos);
}

struct CountingState {
  int allocations = 0;
  int deallocations = 0;
  bool fail = false;
};

Allocator CountingAllocator(CountingState* state) {
  Allocator a;
  a.user_data = state;
  a.allocate = [](void* user, size_t size, size_t alignment) -> void* {
    auto* s = static_cast<CountingState*>(user);
    if (s->fail) return nullptr;
    ++s->allocations;
    return DefaultAllocator().allocate(nullptr, size, alignment);
  };
  a.deallocate = [](void* user, void* ptr, size_t size, size_t alignment) {
    ++static_cast<CountingState*>(user)->deallocations;
    DefaultAllocator().deallocate(nullptr, ptr, size, alignment);
  };
  return a;
}

TEST(ScratchBufferTest, UsesTheSuppliedAllocatorOnceAndReleasesOnce) {
  CountingState state;
  {
    auto buffer = ScratchBuffer::Create(64, 32, CountingAllocator(&state));
    ASSERT_TRUE(buffer.ok());
    ScratchBuffer moved = std::move(*buffer);
    EXPECT_NE(moved.data(), nullptr);
  }
  EXPECT_EQ(state.allocations, 1);
  EXPECT_EQ(state.deallocations, 1);
}

TEST(ScratchBufferTest, AllocationFailureIsAnErrorResult) {
  CountingState state;
  state.fail = true;
  auto buffer = ScratchBuffer::Create(64, 8, CountingAllocator(&state));
  ASSERT_FALSE(buffer.ok());
  EXPECT_EQ(buffer.code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(buffer.error().find("64 bytes"), std::string::npos);
}

}  // namespace
}  // namespace xlsaot
