// The generated sources of representative artifacts, byte for byte against
// the checked-in files under tests/aot/golden/ (NAME.h, NAME.cc, and NAME.txt
// for the metadata as `xlsaot inspect` describes it; for those with
// bindings also the C API, NAME_c.h and NAME_c.cc, and the Python module
// NAME.py).
//
// After an intended change of the generator, regenerate them with
//   XLSAOT_UPDATE_GOLDENS=1 <build>/tests/xlsaot_aot_tests --gtest_filter='GoldenTest.*'
// and review the diff.
#include <cstdlib>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "aot/compiler.h"
#include "aot/target_selection.h"
#include "gtest/gtest.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"
#include "tests/aot/aot_test_util.h"
#include "xlsaot/metadata.h"

namespace xlsaot {
namespace {

using testing::ParseVerified;
using testing::ReadFileText;
using testing::WriteFileText;

const std::string kGoldenDir = XLSAOT_GOLDEN_DIR;

struct Golden {
  const char* name;
  const char* top;        // several, separated by spaces: one artifact of several functions
  bool events = false;    // compiled with events (--events)
  bool bindings = false;  // with the C API and the Python module (--python)
};

// scalar: every scalar container; wide: bits[257]; nested: tuples in arrays
// in tuples; asserts: assertion messages that need escaping; big_loop: a
// counted_for whose state exceeds the stack cutoff; zero_width: tokens, (),
// bits[0] and trailing defaults; events: traces (in a loop body, with
// verbosity, of an aggregate), a cover and a labelled assert, compiled with
// events; multi: two functions sharing a callee with an assert.
constexpr Golden kGoldens[] = {{"scalar", "mac", false, true},
                               {"wide", "wide", false, true},
                               {"nested", "nested", false, true},
                               {"asserts", "checked", false, true},
                               {"big_loop", "big_loop"},
                               {"zero_width", "empties", false, true},
                               {"events", "traced", true},
                               {"multi", "encode checksum", false, true}};

void PrintTo(const Golden& g, std::ostream* os) { *os << g.name; }

class GoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenTest, GeneratedSourcesMatch) {
  // The goldens record the baseline x86-64 Linux target in kMetadata.
  const llvm::Triple host(llvm::sys::getProcessTriple());
  if (host.getArch() != llvm::Triple::x86_64 || !host.isOSLinux()) {
    GTEST_SKIP() << "the goldens pin an x86-64 Linux target; this host is " << host.str();
  }
  const Golden& g = GetParam();
  const std::string base = kGoldenDir + "/" + g.name;
  auto package = ParseVerified(ReadFileText(base + ".ir"), std::string(g.name) + ".ir");
  ASSERT_TRUE(package.ok()) << package.error();
  AotOptions options;
  options.name = g.name;
  options.events = g.events;
  options.python = g.bindings;
  std::vector<const Function*> tops;
  std::istringstream top_names(g.top);
  for (std::string top; top_names >> top;) tops.push_back((*package)->GetFunction(top));
  Result<AotArtifact> artifact = CompileAheadOfTime(tops, options);
  ASSERT_TRUE(artifact.ok()) << artifact.error();
  Result<std::vector<ArtifactMetadata>> entries = ParseArtifactEntries(artifact->metadata);
  ASSERT_TRUE(entries.ok()) << entries.error();
  ASSERT_EQ(entries->size(), tops.size());
  // Each entry's description, under a heading when there are several.
  std::string description;
  for (const ArtifactMetadata& entry : *entries) {
    if (tops.size() > 1) description += "[entry " + std::string(entry->function_name) + "]\n";
    description += DescribeMetadata(entry.view());
  }

  // Only the documented value rewrites: XLSAOT_UPDATE_GOLDENS=0 (or any
  // other value) compares, as when it is unset.
  if (const char* update = std::getenv("XLSAOT_UPDATE_GOLDENS"); update != nullptr && std::string_view(update) == "1") {
    WriteFileText(base + ".h", artifact->header);
    WriteFileText(base + ".cc", artifact->source);
    WriteFileText(base + ".txt", description);
    if (g.bindings) {
      WriteFileText(base + "_c.h", artifact->c_header);
      WriteFileText(base + "_c.cc", artifact->c_glue);
      WriteFileText(base + ".py", artifact->python_module);
    }
    GTEST_SKIP() << "rewrote the goldens of " << g.name;
  }
  EXPECT_EQ(artifact->header, ReadFileText(base + ".h")) << base << ".h differs";
  EXPECT_EQ(artifact->source, ReadFileText(base + ".cc")) << base << ".cc differs";
  EXPECT_EQ(description, ReadFileText(base + ".txt")) << base << ".txt differs";
  if (g.bindings) {
    EXPECT_EQ(artifact->c_header, ReadFileText(base + "_c.h")) << base << "_c.h differs";
    EXPECT_EQ(artifact->c_glue, ReadFileText(base + "_c.cc")) << base << "_c.cc differs";
    EXPECT_EQ(artifact->python_module, ReadFileText(base + ".py")) << base << ".py differs";
  } else {
    EXPECT_EQ(artifact->c_header, "");
    EXPECT_EQ(artifact->python_module, "");
  }
}

std::string GoldenName(const ::testing::TestParamInfo<Golden>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Artifacts, GoldenTest, ::testing::ValuesIn(kGoldens), GoldenName);

}  // namespace
}  // namespace xlsaot
