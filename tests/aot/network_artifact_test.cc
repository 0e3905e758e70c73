// The generated API of a proc network (examples/pipeline.ir) built with
// xlsaot_add_library: values, state, errors and the allocation promises of
// the runtime's NetworkRunner.
#include <cstdint>
#include <deque>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "interp/proc_network.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "network_events.h"
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

// Tick(events) of an artifact compiled with events reports, tick by tick,
// what the interpreter reports: traces formatted alike, in the same order
// across the segments of both procs, the cover hit, and the failed
// assertion both as an event and as the tick's error.
TEST(NetworkArtifactTest, TickWithEventsReportsWhatTheInterpreterDoes) {
  std::ifstream file(std::string(XLSAOT_SOURCE_DIR) + "/tests/aot/procs/network_events.ir");
  std::stringstream text;
  text << file.rdbuf();
  Result<std::unique_ptr<Package>> package = ParsePackage(text.str());
  ASSERT_TRUE(package.ok()) << package.error();
  ASSERT_TRUE(VerifyPackage(**package).ok());
  Result<std::unique_ptr<ProcNetwork>> interpreter = ProcNetwork::Create(**package, *(*package)->GetProc("producer"));
  ASSERT_TRUE(interpreter.ok()) << interpreter.error();
  Result<tests::network_events::Network> network = tests::network_events::Network::Create();
  ASSERT_TRUE(network.ok()) << network.error();

  size_t seen = 0;
  std::map<std::string, int64_t> covers_before;
  bool saw_three = false;
  bool failed = false;
  for (int tick = 0; tick < 6; ++tick) {
    SCOPED_TRACE("tick " + std::to_string(tick));
    Events events;
    const Status compiled = network->Tick(events);
    const Status interpreted = (*interpreter)->Tick();
    ASSERT_EQ(compiled.ok(), interpreted.ok()) << compiled.error() << " / " << interpreted.error();
    if (!compiled.ok()) {
      failed = true;
      EXPECT_EQ(compiled.code(), ErrorCode::kAssertionFailed);
      EXPECT_EQ(compiled.error(), interpreted.error());
    }
    const Events& all = (*interpreter)->events();
    const std::vector<Event> expected(all.log.begin() + static_cast<std::ptrdiff_t>(seen), all.log.end());
    seen = all.log.size();
    EXPECT_EQ(events.log, expected);
    std::map<std::string, int64_t> hits;
    for (const auto& [label, count] : all.cover_hits)
      if (count != covers_before[label]) hits[label] = count - covers_before[label];
    covers_before = all.cover_hits;
    EXPECT_EQ(events.cover_hits, hits);
    for (const Event& e : events.log) saw_three = saw_three || e.text == "three arrived, total 0x6";
    if (!compiled.ok()) break;
  }
  EXPECT_TRUE(saw_three);
  // The assertion fails on the sixth tick (x = 5).
  EXPECT_TRUE(failed);
}

}  // namespace
}  // namespace xlsaot
