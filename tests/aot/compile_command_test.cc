// `xlsaot compile` and `xlsaot inspect` through the built binary:
// reproducible artifacts, options, and no partial output on failure.
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "tests/aot/aot_test_util.h"
#include "tools/diagnostics.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::Quote;
using testing::ReadFileText;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFileText;

const std::string kCli = XLSAOT_CLI_PATH;
const std::string kGoldenDir = XLSAOT_GOLDEN_DIR;
const char* const kExtensions[] = {".o", ".h", ".cc", ".xlsmeta"};

TEST(CompileCommandTest, ArtifactsAreIdenticalWhereverAndHoweverTheyAreBuilt) {
  TempDir a, b;
  ASSERT_FALSE(a.path().empty());
  ASSERT_FALSE(b.path().empty());
  // The same IR under different names in different directories.
  const std::string ir = ReadFileText(kGoldenDir + "/nested.ir");
  fs::create_directories(a.path() / "src");
  fs::create_directories(b.path() / "deeper" / "tree");
  WriteFileText(a.path() / "src" / "design.ir", ir);
  WriteFileText(b.path() / "deeper" / "tree" / "other_name.ir", ir);

  // Relative paths from one working directory, absolute ones from another.
  CommandResult first = RunCommand(Quote(kCli) + " compile src/design.ir --top nested --name nested "
                                                 "--namespace chip::model --out-dir out -O2",
                                   a.path().string());
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const fs::path b_out = b.path() / "elsewhere" / "out";
  CommandResult second =
      RunCommand(Quote(kCli) + " compile " + Quote((b.path() / "deeper/tree/other_name.ir").string()) +
                     " --top nested --name nested --namespace chip::model --out-dir " +
                     Quote(b_out.string()) + " -O2",
                 "/");
  ASSERT_EQ(second.exit_code, 0) << second.output;

  for (const char* ext : kExtensions) {
    const std::string x = ReadFileText(a.path() / "out" / (std::string("nested") + ext));
    const std::string y = ReadFileText(b_out / (std::string("nested") + ext));
    EXPECT_FALSE(x.empty()) << ext;
    EXPECT_EQ(x, y) << "nested" << ext << " differs between the two builds";
    // No trace of the host: no directory names.
    EXPECT_EQ(x.find(a.path().filename().string()), std::string::npos) << ext;
    EXPECT_EQ(y.find(b.path().filename().string()), std::string::npos) << ext;
    EXPECT_EQ(x.find("design.ir"), std::string::npos) << ext;
  }
  // Nothing but the four files.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(a.path() / "out")) {
    ++files;
    EXPECT_NE(entry.path().filename().string()[0], '.') << entry.path();
  }
  EXPECT_EQ(files, 4);
}

TEST(CompileCommandTest, OptionsChangeWhatTheyShould) {
  TempDir dir;
  const std::string ir = Quote(kGoldenDir + "/scalar.ir");
  auto compile = [&](const std::string& out, const std::string& extra) {
    return RunCommand(Quote(kCli) + " compile " + ir + " --top mac --name scalar --out-dir " +
                      Quote((dir.path() / out).string()) + " " + extra);
  };
  ASSERT_EQ(compile("o0", "-O0").exit_code, 0);
  ASSERT_EQ(compile("o3", "-O3").exit_code, 0);
  ASSERT_EQ(compile("ns", "--namespace other").exit_code, 0);
  // The optimisation level changes the code, not the API.
  EXPECT_NE(ReadFileText(dir.path() / "o0/scalar.o"), ReadFileText(dir.path() / "o3/scalar.o"));
  EXPECT_EQ(ReadFileText(dir.path() / "o0/scalar.h"), ReadFileText(dir.path() / "o3/scalar.h"));
  EXPECT_NE(ReadFileText(dir.path() / "ns/scalar.h").find("namespace other {"), std::string::npos);
  EXPECT_NE(ReadFileText(dir.path() / "ns/scalar.h").find("xlsaot_other__scalar_artifact"),
            std::string::npos);
}

TEST(CompileCommandTest, CpuSelection) {
  TempDir dir;
  const std::string ir = Quote(kGoldenDir + "/scalar.ir");
  const std::string base = Quote(kCli) + " compile " + ir + " --top mac --name scalar --out-dir ";
  CommandResult native = RunCommand(base + Quote((dir.path() / "native").string()) + " --cpu native");
  ASSERT_EQ(native.exit_code, 0) << native.output;
  CommandResult inspect = RunCommand(Quote(kCli) + " inspect " + Quote((dir.path() / "native/scalar").string()));
  ASSERT_EQ(inspect.exit_code, 0) << inspect.output;
  EXPECT_EQ(inspect.output.find("cpu:           native"), std::string::npos)
      << "the metadata records the CPU's name, not 'native'";
  EXPECT_NE(inspect.output.find("this machine:  can run it"), std::string::npos) << inspect.output;

  CommandResult unknown = RunCommand(base + Quote((dir.path() / "bad").string()) + " --cpu not-a-cpu");
  EXPECT_EQ(unknown.exit_code, kExitUsage);
  EXPECT_NE(unknown.output.find("unknown CPU 'not-a-cpu'"), std::string::npos) << unknown.output;
  EXPECT_FALSE(fs::exists(dir.path() / "bad" / "scalar.o"));

  CommandResult baseline = RunCommand(base + Quote((dir.path() / "baseline").string()));
  ASSERT_EQ(baseline.exit_code, 0) << baseline.output;
  inspect = RunCommand(Quote(kCli) + " inspect " + Quote((dir.path() / "baseline/scalar.xlsmeta").string()));
#if defined(__x86_64__)
  EXPECT_NE(inspect.output.find("cpu:           x86-64\n"), std::string::npos) << inspect.output;
  EXPECT_NE(inspect.output.find("cpu features:  64bit cmov cx8 fxsr mmx sse sse2 x87\n"),
            std::string::npos)
      << inspect.output;
#endif
}

TEST(CompileCommandTest, FailureLeavesNoFilesBehind) {
  TempDir dir;
  const fs::path ir = dir.path() / "traced.ir";
  WriteFileText(ir, R"(package traced

fn f(x: bits[8]) -> bits[8] {
  tkn: token = after_all()
  yes: bits[1] = literal(value=1)
  t: token = trace(tkn, yes, format="x={}", data_operands=[x])
  ret r: bits[8] = identity(x)
}
)");
  const fs::path out = dir.path() / "out";
  CommandResult r = RunCommand(Quote(kCli) + " compile " + Quote(ir.string()) +
                               " --top f --name traced --out-dir " + Quote(out.string()));
  EXPECT_EQ(r.exit_code, kExitUnsupported);
  EXPECT_NE(r.output.find("traced.ir:6:3: trace 't' in function 'f'"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out) && !fs::is_empty(out));

  // Bad names are refused before anything is compiled.
  r = RunCommand(Quote(kCli) + " compile " + Quote(kGoldenDir + "/scalar.ir") +
                 " --top mac --name 9lives --out-dir " + Quote(out.string()));
  EXPECT_EQ(r.exit_code, kExitUsage);
  EXPECT_NE(r.output.find("must be a C identifier"), std::string::npos) << r.output;
  r = RunCommand(Quote(kCli) + " compile " + Quote(kGoldenDir + "/scalar.ir") +
                 " --top mac --name ok --namespace class --out-dir " + Quote(out.string()));
  EXPECT_EQ(r.exit_code, kExitUsage);
  EXPECT_NE(r.output.find("namespace 'class'"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out) && !fs::is_empty(out));
}

TEST(CompileCommandTest, ObjectsLinkOnlyAgainstARuntimeOfTheirAbiVersion) {
  if (RunCommand("command -v cc >/dev/null").exit_code != 0) GTEST_SKIP() << "no C compiler";
  TempDir dir;
  CommandResult r = RunCommand(Quote(kCli) + " compile " + Quote(kGoldenDir + "/scalar.ir") +
                               " --top mac --name scalar --out-dir " + Quote(dir.path().string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // A program using the artifact, linked against a stand-in runtime of ABI
  // version 2 and then of version 1.
  auto link = [&](int version) {
    const std::string source = "prog" + std::to_string(version) + ".c";
    WriteFileText(dir.path() / source,
                  "#include <stdint.h>\n"
                  "extern const char xlsaot_scalar__scalar_artifact[];\n"
                  "const uint32_t xlsaot_runtime_abi_v" + std::to_string(version) + " = " +
                      std::to_string(version) + ";\n"
                  "int main(void) { return xlsaot_scalar__scalar_artifact[0] == 0 ? 0 : 0; }\n");
    return RunCommand("cc " + source + " scalar.o -o prog" + std::to_string(version),
                      dir.path().string());
  };
  CommandResult v2 = link(2);
  EXPECT_NE(v2.exit_code, 0) << "linked against a runtime of another ABI version";
  EXPECT_NE(v2.output.find("xlsaot_runtime_abi_v1"), std::string::npos) << v2.output;
  CommandResult v1 = link(1);
  EXPECT_EQ(v1.exit_code, 0) << v1.output;
}

TEST(InspectCommandTest, ReadsTheMetadataFileTheObjectAndTheStem) {
  TempDir dir;
  CommandResult r = RunCommand(Quote(kCli) + " compile " + Quote(kGoldenDir + "/asserts.ir") +
                               " --top checked --name asserts --out-dir " + Quote(dir.path().string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string stem = (dir.path() / "asserts").string();
  CommandResult from_stem = RunCommand(Quote(kCli) + " inspect " + Quote(stem));
  CommandResult from_meta = RunCommand(Quote(kCli) + " inspect " + Quote(stem + ".xlsmeta"));
  CommandResult from_object = RunCommand(Quote(kCli) + " inspect " + Quote(stem + ".o"));
  ASSERT_EQ(from_stem.exit_code, 0) << from_stem.output;
  EXPECT_EQ(from_stem.output, from_meta.output);
  EXPECT_EQ(from_stem.output, from_object.output);
  const std::string& text = from_stem.output;
  EXPECT_NE(text.find("entry symbol:  xlsaot_asserts__asserts\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ABI version:   1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("features:      0x1 (assert)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("input 1 \"x\": bits[8], 1 byte, alignment 1"), std::string::npos) << text;
  EXPECT_NE(text.find("0: \"x exceeds \\\"limit\\\" \\\\ 100%\" label \"range\""), std::string::npos)
      << text;

  // A corrupt metadata file is an error with the file named.
  std::string blob = ReadFileText(stem + ".xlsmeta");
  blob.resize(blob.size() / 2);
  WriteFileText(stem + ".xlsmeta", blob);
  CommandResult corrupt = RunCommand(Quote(kCli) + " inspect " + Quote(stem + ".xlsmeta"));
  EXPECT_EQ(corrupt.exit_code, kExitCorrupt);
  EXPECT_NE(corrupt.output.find(stem + ".xlsmeta: invalid artifact metadata"), std::string::npos)
      << corrupt.output;
}

TEST(EvalAotBackendTest, RunsTheExampleThroughTheEmittedObject) {
  const std::string examples = std::string(XLSAOT_SOURCE_DIR) + "/examples";
  CommandResult r = RunCommand(Quote(kCli) + " eval " + Quote(examples + "/crc32.ir") +
                               " --backend aot --input-file " + Quote(examples + "/crc32_inputs.txt") +
                               " --expected-file " + Quote(examples + "/crc32_expected.txt"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // Assertions are reported and make the exit status 1, as with the interpreter.
  CommandResult failing = RunCommand(Quote(kCli) + " eval " + Quote(kGoldenDir + "/asserts.ir") +
                                     " --top checked --backend aot --input 'token; bits[8]:0; bits[8]:9'");
  EXPECT_EQ(failing.exit_code, 1) << failing.output;
  EXPECT_NE(failing.output.find("assert: x is zero?\n"), std::string::npos) << failing.output;
  EXPECT_NE(failing.output.find("9\n"), std::string::npos) << failing.output;
}

// A proc network's NAME.xlsmeta describes the network for `inspect`: its
// target (checked against this machine as a function artifact's is), its
// channels and its instances with their state.
TEST(CompileCommandTest, InspectDescribesAProcNetwork) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::string pipeline = std::string(XLSAOT_SOURCE_DIR) + "/examples/pipeline.ir";
  CommandResult compiled = RunCommand(Quote(kCli) + " compile " + Quote(pipeline) + " --name pl --out-dir out",
                                      dir.path().string());
  ASSERT_EQ(compiled.exit_code, 0) << compiled.output;
  CommandResult inspect = RunCommand(Quote(kCli) + " inspect out/pl", dir.path().string());
  EXPECT_EQ(inspect.exit_code, 0) << inspect.output;
  for (const char* line : {"network:       pipeline\n", "cpu:           x86-64\n", "channels:      6\n",
                           "  0 \"in\": bits[32], 4 bytes, streaming, boundary input\n",
                           "  1 \"out\": bits[32], 4 bytes, streaming, boundary output\n", "instances:     5\n",
                           "  4 \"pipeline::stage3\": proc \"stage\"", "    state \"acc\": bits[32], 4 bytes at +",
                           "this machine:  can run it\n"}) {
    EXPECT_NE(inspect.output.find(line), std::string::npos) << line << " not in:\n" << inspect.output;
  }
  // The object holds no metadata blob; the error says where to look.
  CommandResult object = RunCommand(Quote(kCli) + " inspect out/pl.o", dir.path().string());
  EXPECT_EQ(object.exit_code, kExitNotFound) << object.output;
  EXPECT_NE(object.output.find("inspect its NAME.xlsmeta"), std::string::npos) << object.output;

  // A target this machine cannot run: described, then status 9.
  std::string text = ReadFileText(dir.path() / "out" / "pl.xlsmeta");
  const std::string target = "target:        ";
  const size_t at = text.find(target);
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at + target.size(), text.find('\n', at) - at - target.size(), "riscv64-unknown-linux-gnu");
  WriteFileText(dir.path() / "out" / "pl.xlsmeta", text);
  CommandResult foreign = RunCommand(Quote(kCli) + " inspect out/pl.xlsmeta", dir.path().string());
  EXPECT_EQ(foreign.exit_code, kExitIncompatible) << foreign.output;
  EXPECT_NE(foreign.output.find("this machine:  cannot run it"), std::string::npos) << foreign.output;
}

}  // namespace
}  // namespace xlsaot
