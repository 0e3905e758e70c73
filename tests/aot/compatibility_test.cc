// The checks a runner makes before calling compiled code: ABI version,
// feature bits, architecture, CPU features.
#include "xlsaot/compatibility.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "xlsaot/abi.h"
#include "xlsaot/host_cpu.h"

namespace xlsaot {
namespace {

struct Sample {
  std::vector<std::string_view> features;
  std::vector<TypeDesc> types = {{.kind = TypeDescKind::kBits, .bit_count = 8, .size = 1, .alignment = 1}};
  std::vector<ParamDesc> params = {{"x", 0}};
  std::string triple;

  MetadataView View() const {
    MetadataView v;
    v.abi_version = XLSAOT_ABI_VERSION;
    v.function_name = "f";
    v.entry_symbol = "xlsaot_f";
    v.target_triple = triple;
    v.cpu = "somecpu";
    v.cpu_features = features;
    v.types = types;
    v.params = params;
    return v;
  }
};

const HostCpu& Host() { return HostCpu::Detect(); }

Sample HostSample() {
  Sample s;
  s.triple = Host().arch() + "-unknown-" + Host().os() + "-gnu";
  return s;
}

TEST(CompatibilityTest, AcceptsAnArtifactForThisMachine) {
  Sample s = HostSample();
  Status status = CheckCompatibility(s.View());
  EXPECT_TRUE(status.ok()) << status.error();
}

TEST(CompatibilityTest, RejectsAnotherAbiVersion) {
  Sample s = HostSample();
  MetadataView v = s.View();
  v.abi_version = XLSAOT_ABI_VERSION + 1;
  Status status = CheckCompatibility(v);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(status.error().find("ABI version " + std::to_string(XLSAOT_ABI_VERSION + 1)),
            std::string::npos)
      << status.error();
}

TEST(CompatibilityTest, RejectsUnknownFeatureBits) {
  Sample s = HostSample();
  MetadataView v = s.View();
  v.features = XLSAOT_FEATURE_ASSERT | 0x100;
  Status status = CheckCompatibility(v);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(status.error().find("0x100"), std::string::npos) << status.error();
}

TEST(CompatibilityTest, RejectsAnotherArchitecture) {
  Sample s = HostSample();
  s.triple = (Host().arch() == "riscv64" ? "x86_64" : "riscv64") + std::string("-unknown-linux-gnu");
  Status status = CheckCompatibility(s.View());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(status.error().find("this machine is " + Host().arch()), std::string::npos)
      << status.error();
}

TEST(CompatibilityTest, RejectsAFeatureNoRuntimeCanDetect) {
  Sample s = HostSample();
  s.features = {"fakefeature"};
  Status status = CheckCompatibility(s.View());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(status.error().find("cannot detect: fakefeature"), std::string::npos)
      << status.error();
  EXPECT_NE(status.error().find("cpu 'somecpu'"), std::string::npos) << status.error();
}

TEST(CompatibilityTest, RejectsFeaturesTheMachineLacks) {
  const auto detectable = DetectableCpuFeatures();
  if (detectable.size() < 2) GTEST_SKIP() << "no CPU feature detection on this architecture";
  // A machine of this architecture with only the first detectable feature.
  HostCpu small(Host().arch(), Host().os(), {std::string(detectable[0])});
  Sample s = HostSample();
  s.features = {detectable[0], detectable[1]};
  std::sort(s.features.begin(), s.features.end());
  Status status = CheckCompatibility(s.View(), small);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kAbiMismatch);
  EXPECT_NE(status.error().find("lacks: " + std::string(detectable[1])), std::string::npos)
      << status.error();
  // The same metadata passes on a machine that has both.
  HostCpu big(Host().arch(), Host().os(), {std::string(detectable[0]), std::string(detectable[1])});
  EXPECT_TRUE(CheckCompatibility(s.View(), big).ok());
}

TEST(HostCpuTest, DetectsTheBaselineOfItsArchitecture) {
#if defined(__x86_64__)
  EXPECT_EQ(Host().arch(), "x86_64");
  // Every x86-64 machine has these (the "x86-64" baseline).
  for (const char* feature : {"64bit", "cmov", "cx8", "fxsr", "mmx", "sse", "sse2", "x87"}) {
    EXPECT_TRUE(Host().Supports(feature)) << feature;
  }
  EXPECT_FALSE(Host().Supports("fakefeature"));
  // Every detected feature is one the table knows.
  const auto detectable = DetectableCpuFeatures();
  for (const std::string& f : Host().features()) {
    EXPECT_TRUE(std::binary_search(detectable.begin(), detectable.end(), f)) << f;
  }
  EXPECT_TRUE(std::is_sorted(detectable.begin(), detectable.end()));
#else
  GTEST_SKIP() << "baseline features are only pinned for x86-64";
#endif
}

#if defined(__x86_64__)
TEST(HostCpuTest, AgreesWithTheCompilersOwnDetection) {
  // __builtin_cpu_supports knows a subset of the names; where it does, the
  // cpuid table must agree with it.
  EXPECT_EQ(Host().Supports("sse4.2"), __builtin_cpu_supports("sse4.2") != 0);
  EXPECT_EQ(Host().Supports("avx"), __builtin_cpu_supports("avx") != 0);
  EXPECT_EQ(Host().Supports("avx2"), __builtin_cpu_supports("avx2") != 0);
  EXPECT_EQ(Host().Supports("bmi2"), __builtin_cpu_supports("bmi2") != 0);
  EXPECT_EQ(Host().Supports("popcnt"), __builtin_cpu_supports("popcnt") != 0);
  EXPECT_EQ(Host().Supports("avx512f"), __builtin_cpu_supports("avx512f") != 0);
  EXPECT_EQ(Host().Supports("fma"), __builtin_cpu_supports("fma") != 0);
}
#endif

}  // namespace
}  // namespace xlsaot
