// The runtime's ArtifactRunner on real compiled objects: scratch memory
// above the stack cutoff, over-aligned scratch, no allocation per call,
// allocation failure, and refusal of incompatible artifacts.
#include "xlsaot/runner.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "aot/aot_evaluator.h"
#include "big_loop.h"
#include "codegen/value_buffer.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "scalar.h"
#include "tests/aot/aot_test_util.h"
#include "xlsaot/artifact.h"

// Counts every plain operator new while a test asks for it, to prove calls
// allocate nothing. (GCC cannot see that this new and delete pair up.)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
namespace {
std::atomic<bool> g_count_news{false};
std::atomic<long> g_news{0};
}  // namespace

void* operator new(size_t size) {
  if (g_count_news.load(std::memory_order_relaxed)) g_news.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
// The nothrow form too: the default one would forward to the new above, but
// under AddressSanitizer it is the sanitizer's own, and its blocks (LLVM's
// std::stable_sort buffers) would then reach the free() below.
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  if (g_count_news.load(std::memory_order_relaxed)) g_news.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

// The descriptor symbol the compiler emits for NAME scalar in namespace
// scalar (docs/abi.md); its spelling is fixed by the ABI, not chosen here.
extern "C" const xlsaot_artifact xlsaot_scalar__scalar_artifact;  // NOLINT(bugprone-reserved-identifier)

namespace xlsaot {
namespace {

using testing::ParseVerified;
using testing::ReadFileText;

const std::string kGoldenDir = XLSAOT_GOLDEN_DIR;

// An allocator that counts, remembers the last alignment asked for, and can
// be told to fail.
struct CountingAllocator {
  int allocations = 0;
  int deallocations = 0;
  size_t last_alignment = 0;
  bool fail = false;

  Allocator Get() {
    Allocator a;
    a.user_data = this;
    a.allocate = [](void* user, size_t size, size_t alignment) -> void* {
      auto* self = static_cast<CountingAllocator*>(user);
      if (self->fail) return nullptr;
      ++self->allocations;
      self->last_alignment = alignment;
      return DefaultAllocator().allocate(nullptr, size, alignment);
    };
    a.deallocate = [](void* user, void* ptr, size_t size, size_t alignment) {
      ++static_cast<CountingAllocator*>(user)->deallocations;
      DefaultAllocator().deallocate(nullptr, ptr, size, alignment);
    };
    return a;
  }
};

std::unique_ptr<Package> LoadGolden(const std::string& name) {
  auto package = ParseVerified(ReadFileText(kGoldenDir + "/" + name + ".ir"), name + ".ir");
  EXPECT_TRUE(package.ok()) << package.error();
  return package.ok() ? std::move(*package) : nullptr;
}

// cppcheck-suppress constParameter ; std::mt19937::operator() is not const
Value RandomArray(std::mt19937& rng) {
  std::vector<Value> elements;
  elements.reserve(300);
  for (int i = 0; i < 300; ++i) elements.push_back(Value::UBits(rng(), 32));
  return Value::Array(std::move(elements));
}

TEST(RunnerTest, StateAboveTheStackCutoffLivesInScratch) {
  std::unique_ptr<Package> package = LoadGolden("big_loop");
  ASSERT_NE(package, nullptr);
  const Function& top = *package->GetFunction("big_loop");
  AotOptions options;
  options.name = "big_loop";
  auto evaluator = AotEvaluator::Create(top, options);
  ASSERT_TRUE(evaluator.ok()) << evaluator.error();
  const MetadataView& m = (*evaluator)->runner().metadata();
  // The loop state (1200 bytes) is beyond the 512-byte cutoff.
  EXPECT_GE(m.scratch_size, 1200u);
  EXPECT_NE(m.features & XLSAOT_FEATURE_SCRATCH, 0u);
  EXPECT_NE((*evaluator)->runner().scratch(), nullptr);
  std::mt19937 rng(7);
  for (int i = 0; i < 3; ++i) {
    std::vector<Value> args = {RandomArray(rng), Value::UBits(rng(), 32)};
    Result<EvalResult> got = (*evaluator)->Run(args);
    ASSERT_TRUE(got.ok()) << got.error();
    Result<EvalResult> want = Interpret(top, args);
    ASSERT_TRUE(want.ok()) << want.error();
    EXPECT_EQ(got->value, want->value);
  }
}

TEST(RunnerTest, OverAlignedScratchIsHonoured) {
  std::unique_ptr<Package> package = LoadGolden("big_loop");
  ASSERT_NE(package, nullptr);
  const Function& top = *package->GetFunction("big_loop");
  for (int64_t alignment : {64, 4096}) {
    AotOptions options;
    options.name = "overaligned";
    options.scratch_alignment = alignment;
    CountingAllocator counting;
    auto evaluator = AotEvaluator::Create(top, options, counting.Get());
    ASSERT_TRUE(evaluator.ok()) << evaluator.error();
    ArtifactRunner& runner = (*evaluator)->runner();
    EXPECT_EQ(runner.metadata().scratch_alignment, static_cast<uint64_t>(alignment));
    EXPECT_EQ(counting.allocations, 1);
    EXPECT_EQ(counting.last_alignment, static_cast<size_t>(alignment));
    ASSERT_NE(runner.scratch(), nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(runner.scratch()) % alignment, 0u);
    std::mt19937 rng(11);
    std::vector<Value> args = {RandomArray(rng), Value::UBits(5, 32)};
    Result<EvalResult> got = (*evaluator)->Run(args);
    ASSERT_TRUE(got.ok()) << got.error();
    EXPECT_EQ(got->value, Interpret(top, args)->value);
  }
}

TEST(RunnerTest, BuffersHaveTheirLayoutsAlignment) {
  auto runner = ArtifactRunner::Create(xlsaot_scalar__scalar_artifact);
  ASSERT_TRUE(runner.ok()) << runner.error();
  const MetadataView& m = runner->metadata();
  for (size_t i = 0; i < runner->input_count(); ++i) {
    EXPECT_EQ(reinterpret_cast<uintptr_t>(runner->input(i)) % m.param_type(i).alignment, 0u);
  }
  EXPECT_EQ(reinterpret_cast<uintptr_t>(runner->output()) % m.result_type().alignment, 0u);
}

TEST(RunnerTest, CallsAllocateNothingInSteadyState) {
  CountingAllocator counting;
  auto typed = big_loop::Runner::Create(counting.Get());
  ASSERT_TRUE(typed.ok()) << typed.error();
  auto raw = ArtifactRunner::Create(xlsaot_scalar__scalar_artifact, counting.Get());
  ASSERT_TRUE(raw.ok()) << raw.error();
  EXPECT_EQ(counting.allocations, 2);  // one block per runner, nothing else

  big_loop::Runner::Output state{};
  for (int i = 0; i < 3; ++i) state = *typed->Run(state, 3);  // warm up

  g_news = 0;
  g_count_news = true;
  uint32_t checksum = 0;
  for (int i = 0; i < 100; ++i) {
    Result<big_loop::Runner::Output> next = typed->Run(state, static_cast<uint32_t>(i));
    if (!next.ok()) break;
    state = *next;
    AssertionLog log;
    if (!raw->Call(log).ok()) break;
    checksum += state[static_cast<size_t>(i)];
  }
  g_count_news = false;
  EXPECT_EQ(g_news.load(), 0) << "operator new during calls";
  EXPECT_EQ(counting.allocations, 2) << "allocator used during calls";
  EXPECT_NE(checksum, 0u);
}

TEST(RunnerTest, AllocationFailureIsAnErrorResult) {
  CountingAllocator failing;
  failing.fail = true;
  auto typed = big_loop::Runner::Create(failing.Get());
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(typed.error().find("could not allocate"), std::string::npos) << typed.error();
  EXPECT_EQ(typed.error().rfind("artifact '", 0), 0u) << typed.error();
  auto raw = ArtifactRunner::Create(xlsaot_scalar__scalar_artifact, failing.Get());
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.code(), ErrorCode::kResourceExhausted);
}

TEST(RunnerTest, ReleasesItsMemoryOnce) {
  CountingAllocator counting;
  {
    auto runner = scalar::Runner::Create(counting.Get());
    ASSERT_TRUE(runner.ok());
    scalar::Runner moved = std::move(*runner);
    EXPECT_TRUE(moved.Run(1, 2, false, 3).ok());
  }
  EXPECT_EQ(counting.allocations, 1);
  EXPECT_EQ(counting.deallocations, 1);
}

// A descriptor like the object's, with different metadata.
struct PatchedArtifact {
  std::vector<uint8_t> blob;
  xlsaot_artifact artifact;

  explicit PatchedArtifact(std::vector<uint8_t> bytes)
      : blob(std::move(bytes)), artifact(xlsaot_scalar__scalar_artifact) {
    artifact.metadata = blob.data();
    artifact.metadata_size = blob.size();
  }
};

std::vector<uint8_t> ScalarBlob() {
  const xlsaot_artifact& a = xlsaot_scalar__scalar_artifact;
  return std::vector<uint8_t>(a.metadata, a.metadata + a.metadata_size);
}

TEST(RunnerTest, RefusesAnotherAbiVersion) {
  Result<ArtifactMetadata> m = ParseMetadata(ScalarBlob());
  ASSERT_TRUE(m.ok()) << m.error();
  MetadataView v = m->view();
  v.abi_version = XLSAOT_ABI_VERSION + 1;
  Result<std::vector<uint8_t>> blob = SerializeMetadata(v);
  ASSERT_TRUE(blob.ok());
  PatchedArtifact patched(*blob);
  auto runner = ArtifactRunner::Create(patched.artifact);
  ASSERT_FALSE(runner.ok());
  EXPECT_EQ(runner.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(runner.error().find("ABI version " + std::to_string(XLSAOT_ABI_VERSION + 1)),
            std::string::npos)
      << runner.error();
}

TEST(RunnerTest, RefusesAnotherMetadataFormatVersion) {
  std::vector<uint8_t> blob = ScalarBlob();
  blob[8] = 7;
  PatchedArtifact patched(blob);
  auto runner = ArtifactRunner::Create(patched.artifact);
  ASSERT_FALSE(runner.ok());
  EXPECT_EQ(runner.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(runner.error().find("format version 7"), std::string::npos) << runner.error();
}

TEST(RunnerTest, RefusesAnObjectLinkedAgainstAnotherRuntime) {
  static const uint32_t kOtherRuntime = XLSAOT_ABI_VERSION + 1;
  xlsaot_artifact artifact = xlsaot_scalar__scalar_artifact;
  artifact.runtime_abi = &kOtherRuntime;
  auto runner = ArtifactRunner::Create(artifact);
  ASSERT_FALSE(runner.ok());
  EXPECT_EQ(runner.code(), ErrorCode::kAbiMismatch);
}

TEST(RunnerTest, RefusesAMissingCpuFeature) {
  Result<ArtifactMetadata> m = ParseMetadata(ScalarBlob());
  ASSERT_TRUE(m.ok()) << m.error();
  std::vector<std::string_view> features(m->view().cpu_features.begin(), m->view().cpu_features.end());
  features.emplace_back("zzz-fake-feature");
  MetadataView v = m->view();
  v.cpu_features = features;
  Result<std::vector<uint8_t>> blob = SerializeMetadata(v);
  ASSERT_TRUE(blob.ok()) << blob.error();
  PatchedArtifact patched(*blob);
  auto runner = ArtifactRunner::Create(patched.artifact);
  ASSERT_FALSE(runner.ok());
  EXPECT_EQ(runner.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(runner.error().find("zzz-fake-feature"), std::string::npos) << runner.error();

  // A real feature this (simulated) machine lacks: the baseline minus sse2.
  std::vector<std::string> host;
  for (std::string_view f : m->view().cpu_features)
    if (f != "sse2") host.emplace_back(f);
  if (host.size() == m->view().cpu_features.size()) GTEST_SKIP() << "the baseline has no sse2";
  HostCpu old_machine(HostCpu::Detect().arch(), HostCpu::Detect().os(), host);
  auto refused = ArtifactRunner::Create(xlsaot_scalar__scalar_artifact, DefaultAllocator(), nullptr,
                                        old_machine);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("lacks: sse2"), std::string::npos) << refused.error();
}

TEST(RunnerTest, RefusesAHeaderFromAnotherCompilation) {
  auto runner = ArtifactRunner::Create(xlsaot_scalar__scalar_artifact, DefaultAllocator(),
                                       &big_loop::kMetadata);
  ASSERT_FALSE(runner.ok());
  EXPECT_EQ(runner.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(runner.error().find("does not match its generated header"), std::string::npos)
      << runner.error();
  EXPECT_TRUE(ArtifactRunner::Create(xlsaot_scalar__scalar_artifact, DefaultAllocator(),
                                     &scalar::kMetadata)
                  .ok());
}

}  // namespace
}  // namespace xlsaot
