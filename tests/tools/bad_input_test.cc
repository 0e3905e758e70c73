// The rows of docs/errors.md that no other command-line test covers: each
// bad input gets one line on stderr naming what and where, its own exit
// status, no crash and no partial output.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"
#include "tools/diagnostics.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(scratch_.ok()); }

  cli_test::CliRun Run(const std::vector<std::string>& args) { return cli_test::RunXlsaot(args, scratch_.path()); }

  // `xlsaot parse` of a file holding `text`: the path and the run.
  cli_test::CliRun ParseText(const std::string& text) { return Run({"parse", scratch_.Write("bad.ir", text)}); }

  // Expects exactly one error line, naming `where` and saying `what`, and
  // the exit status of its kind.
  static void ExpectError(const cli_test::CliRun& run, ExitStatus status, const std::string& where,
                          const std::string& what) {
    EXPECT_EQ(run.exit_code, status) << run.err;
    EXPECT_THAT(run.err, AllOf(StartsWith("xlsaot: error: "), HasSubstr(where), HasSubstr(what)));
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }

  // Compiles a small function into DIR/NAME.{o,h,cc,xlsmeta}; returns the
  // metadata path.
  std::string CompileSmallArtifact(const std::string& name, const std::vector<std::string>& extra = {}) {
    const std::string ir = scratch_.Write(name + ".ir", R"(package small

top fn inc(x: bits[8] id=1) -> bits[8] {
  literal.2: bits[8] = literal(value=1, id=2)
  ret add.3: bits[8] = add(x, literal.2, id=3)
}
)");
    std::vector<std::string> args = {"compile", ir, "--name", name, "--out-dir", (scratch_.path() / "gen").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    cli_test::CliRun run = Run(args);
    EXPECT_EQ(run.exit_code, kExitOk) << run.err;
    return (scratch_.path() / "gen" / (name + ".xlsmeta")).string();
  }

  cli_test::ScratchDir scratch_;
};

constexpr char kHead[] = "package p\n\nfn f(x: bits[8] id=1) -> bits[8] {\n";

TEST_F(BadInputTest, UnknownOpIsASyntaxErrorAtTheOp) {
  cli_test::CliRun run = ParseText(std::string(kHead) + "  ret y: bits[8] = frobnicate(x, id=2)\n}\n");
  ExpectError(run, kExitIrSyntax, "bad.ir:4:", "frobnicate");
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(BadInputTest, UnknownAttributeIsASyntaxErrorAtTheAttribute) {
  cli_test::CliRun run = ParseText(std::string(kHead) + "  ret y: bits[8] = add(x, x, flavor=3, id=2)\n}\n");
  ExpectError(run, kExitIrSyntax, "bad.ir:4:", "flavor");
}

TEST_F(BadInputTest, TypeErrorNamesFunctionAndNode) {
  cli_test::CliRun run = ParseText(
      "package p\n\nfn f(x: bits[8] id=1, w: bits[16] id=2) -> bits[8] {\n  ret y: bits[8] = add(x, w, id=3)\n}\n");
  ExpectError(run, kExitIrInvalid, "bad.ir:4:7", "in function 'f', node 'y'");
  // A declared type that contradicts its node is a typing error too.
  run = ParseText(std::string(kHead) + "  ret y: bits[16] = zero_ext(x, new_bit_count=16, id=2)\n}\n");
  ExpectError(run, kExitIrInvalid, "bad.ir:4:7", "return node 'y' has type bits[16] but function 'f' returns bits[8]");
}

TEST_F(BadInputTest, RecursionNamesTheCycle) {
  cli_test::CliRun run = ParseText(R"(package p

fn g(x: bits[8] id=1) -> bits[8] {
  ret invoke.2: bits[8] = invoke(x, to_apply=h, id=2)
}

fn h(x: bits[8] id=3) -> bits[8] {
  ret invoke.4: bits[8] = invoke(x, to_apply=g, id=4)
}
)");
  ExpectError(run, kExitIrInvalid, "bad.ir:", "recursi");
  EXPECT_THAT(run.err, AllOf(HasSubstr("g"), HasSubstr("h")));
}

TEST_F(BadInputTest, BlockAsTopIsUnsupported) {
  const std::string ir = scratch_.Write("block.ir", R"(package p

fn f(x: bits[8] id=1) -> bits[8] {
  ret identity.2: bits[8] = identity(x, id=2)
}

top block b(a: bits[8], out: bits[8]) {
  a: bits[8] = input_port(name=a, id=3)
  out: () = output_port(a, name=out, id=4)
}
)");
  ExpectError(Run({"eval", ir, "--input", "bits[8]:1"}), kExitUnsupported, "block.ir:7:", "'b' is a block");
  ExpectError(Run({"compile", ir, "--name", "b", "--out-dir", (scratch_.path() / "gen").string()}),
              kExitUnsupported, "block.ir:7:", "'b' is a block");
  EXPECT_FALSE(fs::exists(scratch_.path() / "gen"));
}

TEST_F(BadInputTest, AbsurdWidthIsALimit) {
  cli_test::CliRun run = ParseText("package p\n\nfn f(x: bits[1000000000] id=1) -> bits[1] {\n}\n");
  ExpectError(run, kExitLimit, "bad.ir:3:14", "bit count 1000000000 exceeds the limit of 16777216 bits");
  // A wide type built from dimensions is caught the same way.
  run = ParseText(std::string(kHead) + "  ret y: bits[8][1000000][1000000] = literal(value=[], id=2)\n}\n");
  ExpectError(run, kExitLimit, "bad.ir:4:", "too large");
}

TEST_F(BadInputTest, AbsurdTripCountIsALimit) {
  cli_test::CliRun run = ParseText(R"(package p

fn body(i: bits[64] id=1, acc: bits[8] id=2) -> bits[8] {
  ret add.3: bits[8] = add(acc, acc, id=3)
}

top fn f(x: bits[8] id=4) -> bits[8] {
  ret counted_for.5: bits[8] = counted_for(x, trip_count=1000000000000, stride=1, body=body, id=5)
}
)");
  ExpectError(run, kExitLimit, "bad.ir:8:", "trip_count=1000000000000 exceeds the limit of 4294967296 iterations");
}

TEST_F(BadInputTest, DeepNestingIsALimit) {
  const std::string deep = std::string(150, '(') + "bits[1]" + std::string(150, ')');
  cli_test::CliRun run = ParseText("package p\n\nfn f(x: " + deep + " id=1) -> bits[1] {\n}\n");
  ExpectError(run, kExitLimit, "bad.ir:3:", "nested too deeply (limit 100)");
}

TEST_F(BadInputTest, InputFileWithTheWrongNumberOfValues) {
  const std::string ir = scratch_.Write("add.ir", R"(package adder

top fn add(a: bits[8] id=1, b: bits[8] id=2) -> bits[8] {
  ret add.3: bits[8] = add(a, b, id=3)
}
)");
  const std::string inputs = scratch_.Write("in.txt", "bits[8]:1; bits[8]:2\n\nbits[8]:3\n");
  cli_test::CliRun run = Run({"eval", ir, "--input-file", inputs});
  ExpectError(run, kExitBadValue, "in.txt:3", "1 argument given, but add(a: bits[8], b: bits[8]) -> bits[8] takes 2");
  // Checked before anything runs: no result of the good first line either.
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(BadInputTest, ValueWiderThanItsTypeOnTheCommandLine) {
  const std::string ir = scratch_.Write("id.ir", std::string(kHead) + "  ret identity.2: bits[8] = identity(x, id=2)\n}\n");
  ExpectError(Run({"eval", ir, "--top", "f", "--input", "bits[8]:256"}), kExitBadValue, "--input",
              "does not fit in bits[8]");
}

TEST_F(BadInputTest, ArtifactOfAnotherAbiVersion) {
  const std::string meta = CompileSmallArtifact("small");
  // The ABI version is the 32-bit little-endian word after the magic and
  // the metadata format version (docs/generated-api.md).
  std::fstream blob(meta, std::ios::binary | std::ios::in | std::ios::out);
  blob.seekp(12);
  blob.put(static_cast<char>(99));
  blob.close();
  cli_test::CliRun run = Run({"inspect", meta});
  ExpectError(run, kExitIncompatible, meta, "ABI version 99");
  // The description is still printed, for a person to see what it is.
  EXPECT_THAT(run.out, HasSubstr("cannot run it"));
}

TEST_F(BadInputTest, ArtifactRequiringCpuFeaturesTheHostLacks) {
  // No x86-64 processor has the features of both an AMD Zen 4 (sse4a) and
  // an Intel Sapphire Rapids (avx512fp16, amx): one of them is foreign here.
#if !defined(__x86_64__)
  GTEST_SKIP() << "the CPUs named here are x86-64";
#endif
  int refused = 0;
  for (const char* cpu : {"znver4", "sapphirerapids"}) {
    const std::string meta = CompileSmallArtifact(std::string("on_") + cpu, {"--cpu", cpu});
    cli_test::CliRun run = Run({"inspect", meta});
    if (run.exit_code == kExitOk) continue;
    ++refused;
    ExpectError(run, kExitIncompatible, meta, "cannot run on this machine");
    EXPECT_THAT(run.err, HasSubstr("CPU"));
  }
  EXPECT_GE(refused, 1);
}

TEST_F(BadInputTest, ObjectFileThatIsNotAnObject) {
  const std::string fake = scratch_.Write("fake.o", "this is not an ELF file\n");
  ExpectError(Run({"inspect", fake}), kExitCorrupt, "fake.o", "not an object file");
}

TEST_F(BadInputTest, UnwritableOutputLeavesNothingBehind) {
  CompileSmallArtifact("first");
  const fs::path gen = scratch_.path() / "gen";
  // A directory where the header should go: refused before anything is
  // written, so neither new files nor temporaries appear.
  fs::create_directories(gen / "second.h");
  const std::string ir = (scratch_.path() / "first.ir").string();
  cli_test::CliRun run = Run({"compile", ir, "--name", "second", "--out-dir", gen.string()});
  ExpectError(run, kExitIo, "second.h", "a directory of that name exists");
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(gen)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"first.cc", "first.h", "first.o", "first.xlsmeta", "second.h"}));
  // An output directory below a plain file cannot be created.
  const std::string file = scratch_.Write("plain", "x");
  ExpectError(Run({"compile", ir, "--name", "third", "--out-dir", file + "/sub"}), kExitIo, "plain",
              "cannot create directory");
}

}  // namespace
}  // namespace xlsaot
