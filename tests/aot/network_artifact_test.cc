// The generated API of a proc network (examples/pipeline.ir) built with
// xlsaot_add_library: values, state, errors and the allocation promises of
// the runtime's NetworkRunner.
#include <cstdint>
#include <deque>
#include <random>

#include "gtest/gtest.h"
#include "pipeline.h"

namespace xlsaot {
namespace {

// The pipeline written by hand: a counting forwarder, then four stages,
// each sending 3 * x + acc and then adding x to its accumulator.
struct PipelineModel {
  uint32_t count = 0;
  uint32_t acc[4] = {0, 0, 0, 0};
  uint32_t Push(uint32_t x) {
    ++count;
    for (uint32_t& a : acc) {
      const uint32_t y = x * 3 + a;
      a += x;
      x = y;
    }
    return x;
  }
};

struct CountingAllocator {
  int64_t allocations = 0;
  int64_t live = 0;
  Allocator allocator() {
    return Allocator{
        [](void* self, size_t size, size_t alignment) {
          auto* me = static_cast<CountingAllocator*>(self);
          ++me->allocations;
          ++me->live;
          return DefaultAllocator().allocate(nullptr, size, alignment);
        },
        [](void* self, void* ptr, size_t size, size_t alignment) {
          --static_cast<CountingAllocator*>(self)->live;
          DefaultAllocator().deallocate(nullptr, ptr, size, alignment);
        },
        this};
  }
};

TEST(NetworkArtifactTest, ValuesAndStateMatchTheHandWrittenPipeline) {
  Result<examples::pipeline::Network> network = examples::pipeline::Network::Create();
  ASSERT_TRUE(network.ok()) << network.error();
  PipelineModel model;
  std::mt19937 random(7);
  for (int i = 0; i < 500; ++i) {
    const uint32_t x = static_cast<uint32_t>(random());
    ASSERT_TRUE(network->Send_in(x).ok());
    ASSERT_TRUE(network->Tick().ok());
    std::optional<uint32_t> y = network->Receive_out();
    ASSERT_TRUE(y.has_value()) << "tick " << i;
    EXPECT_EQ(*y, model.Push(x)) << "tick " << i;
    EXPECT_FALSE(network->Receive_out().has_value());
  }
  EXPECT_EQ(network->State_pipeline_count(), model.count);
  EXPECT_EQ(network->State_pipeline__stage0_acc(), model.acc[0]);
  EXPECT_EQ(network->State_pipeline__stage3_acc(), model.acc[3]);
  EXPECT_EQ(network->ticks_run(), 500);
}

TEST(NetworkArtifactTest, ValuesQueuedAheadFlowThroughInOrder) {
  Result<examples::pipeline::Network> network = examples::pipeline::Network::Create();
  ASSERT_TRUE(network.ok());
  PipelineModel model;
  std::deque<uint32_t> expected;
  for (uint32_t x = 1; x <= 100; ++x) {
    ASSERT_TRUE(network->Send_in(x).ok());
    expected.push_back(model.Push(x));
  }
  // One value per proc per tick: the last leaves after 100 ticks.
  ASSERT_TRUE(network->Tick(100).ok());
  for (uint32_t want : expected) {
    std::optional<uint32_t> got = network->Receive_out();
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, want);
  }
  Result<int64_t> ticks = network->TickUntilBlocked(50);
  ASSERT_TRUE(ticks.ok()) << ticks.error();
  // The next tick starts the activations that then block; the one after
  // makes no progress.
  EXPECT_EQ(*ticks, 1);
}

TEST(NetworkArtifactTest, ADeadlockNamesEveryBlockedChannel) {
  Result<examples::pipeline::Network> network = examples::pipeline::Network::Create();
  ASSERT_TRUE(network.ok());
  ASSERT_TRUE(network->Tick().ok());  // every stage starts and blocks
  Status second = network->Tick();
  ASSERT_EQ(second.code(), ErrorCode::kDeadlock);
  EXPECT_NE(second.error().find("blocked channels: in, c0, c1, c2, c3"), std::string::npos) << second.error();
}

TEST(NetworkArtifactTest, OneAllocationAtCreationAndNoneInTheSteadyState) {
  CountingAllocator counting;
  {
    Result<examples::pipeline::Network> network = examples::pipeline::Network::Create(counting.allocator());
    ASSERT_TRUE(network.ok());
    EXPECT_EQ(counting.allocations, 1);
    for (uint32_t x = 0; x < 10000; ++x) {
      ASSERT_TRUE(network->Send_in(x).ok());
      ASSERT_TRUE(network->Tick().ok());
      ASSERT_TRUE(network->Receive_out().has_value());
    }
    EXPECT_EQ(counting.allocations, 1);
    // A streaming queue holding more values grows geometrically.
    for (uint32_t x = 0; x < 1000; ++x) ASSERT_TRUE(network->Send_in(x).ok());
    EXPECT_LE(counting.allocations, 1 + 7);  // 8 -> 16 -> ... -> 1024
    EXPECT_GT(counting.allocations, 1);
  }
  EXPECT_EQ(counting.live, 0);
}

TEST(NetworkArtifactTest, SendingOnAnOutputIsRefused) {
  Result<examples::pipeline::Network> network = examples::pipeline::Network::Create();
  ASSERT_TRUE(network.ok());
  const uint32_t x = 1;
  Status s = network->runner().Send(1, reinterpret_cast<const uint8_t*>(&x));  // 'out'
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace xlsaot
