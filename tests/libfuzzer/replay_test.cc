// Every committed corpus, regression and seed input of every fuzz target,
// replayed through the target's check: what the fuzzers once found stays
// fixed in every build, with or without Clang.
#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/libfuzzer/committed_inputs.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;

struct CommittedInput {
  const FuzzTarget* target;
  // cppcheck-suppress unusedStructMember ; read by the test-name generator
  std::string kind;  // corpus, regressions, seeds
  fs::path path;
};

// For failure messages: the file, not the bytes of the struct.
void PrintTo(const CommittedInput& input, std::ostream* os) { *os << input.path.string(); }

std::vector<CommittedInput> AllCommittedInputs() {
  std::vector<CommittedInput> inputs;
  for (const FuzzTarget& target : FuzzTargets()) {
    for (const char* kind : {"corpus", "regressions", "seeds"}) {
      for (const fs::path& path : FilesIn(LibFuzzerDir() / kind / target.name)) {
        inputs.push_back({&target, kind, path});
      }
    }
  }
  return inputs;
}

std::string InputName(const testing::TestParamInfo<CommittedInput>& info) {
  std::string name = std::string(info.param.target->name) + "_" + info.param.kind + "_" +
                     info.param.path.filename().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

class CommittedInputTest : public testing::TestWithParam<CommittedInput> {};

TEST_P(CommittedInputTest, PassesItsTargetsCheck) {
  const CommittedInput& input = GetParam();
  const CheckResult result = input.target->check(ReadBytes(input.path));
  EXPECT_TRUE(result.ok()) << input.path << ": " << result.finding;
}

INSTANTIATE_TEST_SUITE_P(LibFuzzer, CommittedInputTest, testing::ValuesIn(AllCommittedInputs()),
                         InputName);

// A corpus that vanished would make the replay above pass vacuously.
TEST(CommittedInputsTest, EveryTargetHasACommittedCorpus) {
  for (const FuzzTarget& target : FuzzTargets()) {
    EXPECT_FALSE(FilesIn(LibFuzzerDir() / "corpus" / target.name).empty())
        << "no corpus committed for " << target.name << " under " << LibFuzzerDir();
  }
}

// The metadata seeds are blobs written by `xlsaot compile`: each must get
// through the whole check (parse, validate, describe, serialize), or the
// fuzzer starts from inputs the reader rejects at the first byte.
TEST(CommittedInputsTest, MetadataSeedsAreAcceptedBlobs) {
  const std::vector<fs::path> seeds = FilesIn(LibFuzzerDir() / "seeds" / "metadata");
  ASSERT_GE(seeds.size(), 4u);
  for (const fs::path& seed : seeds) {
    const CheckResult result = CheckMetadataInput(ReadBytes(seed));
    EXPECT_EQ(result.depth, CheckResult::Depth::kAccepted) << seed;
    EXPECT_TRUE(result.ok()) << seed << ": " << result.finding;
  }
}

}  // namespace
}  // namespace xlsaot
