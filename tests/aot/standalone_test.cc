// The standalone carrier: tests/standalone/ is built through
// xlsaot_add_library like any consumer project. Its executable must depend on
// nothing of the compiler (no libLLVM, no project library, no compiler-side
// symbol) and must run correctly when copied alone to another directory. The
// same project must also build against an installed xlsaot.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/aot/aot_test_util.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::Quote;
using testing::ReadFileText;
using testing::RunCommand;
using testing::TempDir;

const std::string kConsumer = XLSAOT_STANDALONE_CONSUMER;
const std::string kSourceDir = XLSAOT_SOURCE_DIR;
const std::string kBinaryDir = XLSAOT_BINARY_DIR;

bool HaveTool(const std::string& tool) {
  return RunCommand("command -v " + tool + " >/dev/null").exit_code == 0;
}

// Whether `binary` carries a statically linked sanitizer runtime (Clang links
// ASan, UBSan and TSan into the executable; scripts/sanitize.sh builds the
// consumer that way). That runtime is not part of what xlsaot ships: its
// symbols and the libraries it needs are left out of the checks below.
bool HasStaticSanitizerRuntime(const std::string& binary) {
  const CommandResult r = RunCommand("nm " + Quote(binary));
  return r.output.find(" __asan_init") != std::string::npos || r.output.find(" __tsan_init") != std::string::npos ||
         r.output.find(" __ubsan_handle_") != std::string::npos;
}

bool IsSanitizerRuntimeSymbol(const std::string& nm_line) {
  for (const char* prefix : {" __sanitizer", " __asan", " __ubsan", " __lsan", " __tsan", " __interception",
                             " __sancov", " vtable for __sanitizer", " vtable for __ubsan"}) {
    if (nm_line.find(prefix) != std::string::npos) return true;
  }
  return false;
}

std::vector<std::string> NeededLibraries(const std::string& binary) {
  CommandResult r = RunCommand("readelf -d " + Quote(binary));
  std::vector<std::string> needed;
  size_t at = 0;
  while ((at = r.output.find("(NEEDED)", at)) != std::string::npos) {
    const size_t open = r.output.find('[', at);
    const size_t close = r.output.find(']', open);
    needed.push_back(r.output.substr(open + 1, close - open - 1));
    at = close;
  }
  return needed;
}

TEST(StandaloneTest, NeedsNoLlvmAndNoProjectLibrary) {
  if (!HaveTool("readelf")) GTEST_SKIP() << "readelf is not installed; cannot inspect the consumer";
  const std::vector<std::string> needed = NeededLibraries(kConsumer);
  ASSERT_FALSE(needed.empty()) << "readelf found no NEEDED entries in " << kConsumer;
  // Clang's static sanitizer runtime needs libresolv (for its symbolizer).
  const bool sanitized = HaveTool("nm") && HasStaticSanitizerRuntime(kConsumer);
  for (const std::string& lib : needed) {
    EXPECT_EQ(lib.find("LLVM"), std::string::npos) << lib;
    EXPECT_EQ(lib.find("xlsaot"), std::string::npos) << lib;
    // Only the C and C++ runtime libraries of the platform (and the
    // sanitizer runtimes when the consumer itself is built with -fsanitize,
    // as scripts/sanitize.sh does).
    const bool system = lib.starts_with("libc.so") || lib.starts_with("libm.so") ||
                        lib.starts_with("libstdc++.so") || lib.starts_with("libgcc_s.so") ||
                        lib.starts_with("ld-linux") || lib.starts_with("libc++") ||
                        lib.starts_with("libasan.so") || lib.starts_with("libubsan.so") ||
                        lib.starts_with("libtsan.so") || (sanitized && lib.starts_with("libresolv.so"));
    EXPECT_TRUE(system) << "unexpected dependency " << lib;
  }
}

TEST(StandaloneTest, ContainsNoCompilerSideSymbol) {
  if (!HaveTool("nm")) GTEST_SKIP() << "nm is not installed; cannot inspect the consumer";
  CommandResult r = RunCommand("nm -C " + Quote(kConsumer));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  ASSERT_NE(r.output.find("xlsaot_runtime_abi_v1"), std::string::npos)
      << "the consumer does not contain the runtime it should";
  ASSERT_NE(r.output.find("xlsaot_standalone__crc32__crc32"), std::string::npos);
  // The proc network runs on the runtime's scheduler, not on anything compiled in.
  ASSERT_NE(r.output.find("xlsaot::NetworkRunner::Tick"), std::string::npos);
  const char* const kForbidden[] = {"llvm", "LLVM", "xlsaot::Package", "xlsaot::Function",
                                    "xlsaot::Node", "xlsaot::Type::", "xlsaot::Value",
                                    "xlsaot::Interpret", "xlsaot::LowerToLlvm",
                                    "xlsaot::ParsePackage", "xlsaot::CompileAheadOfTime"};
  std::string own_symbols;  // without those of a sanitizer runtime
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);)
    if (!IsSanitizerRuntimeSymbol(line)) own_symbols += line + "\n";
  for (const char* symbol : kForbidden) {
    const size_t at = own_symbols.find(symbol);
    EXPECT_EQ(at, std::string::npos) << "found '" << symbol << "' in the consumer: "
                                     << (at == std::string::npos ? "" : own_symbols.substr(own_symbols.rfind('\n', at) + 1, 160));
  }
}

// Event recording and trace formatting are objects of their own in the
// runtime archive, referenced only by RunWithEvents and EventRecorder: a
// consumer that calls Run() of an events artifact links none of them.
TEST(StandaloneTest, AConsumerOfRunAloneLinksNoEventCode) {
  if (!HaveTool("nm")) GTEST_SKIP() << "nm is not installed; cannot inspect the consumer";
  const std::string run_only = XLSAOT_STANDALONE_RUN_ONLY;
  CommandResult ran = RunCommand(Quote(run_only));
  EXPECT_EQ(ran.exit_code, 0) << ran.output;
  EXPECT_NE(ran.output.find("traced_sum(200, 100) = 44"), std::string::npos) << ran.output;
  CommandResult symbols = RunCommand("nm -C " + Quote(run_only));
  ASSERT_EQ(symbols.exit_code, 0) << symbols.output;
  ASSERT_NE(symbols.output.find("xlsaot::ArtifactRunner::CreateForHeader"), std::string::npos) << "not the consumer expected";
  for (const char* symbol : {"xlsaot::EventRecorder", "xlsaot::RenderTrace", "xlsaot::ParseTraceFormat",
                             "xlsaot::AppendBitsText", "xlsaot::AppendBufferText"}) {
    EXPECT_EQ(symbols.output.find(symbol), std::string::npos) << "the Run()-only consumer links " << symbol;
  }
  // Nor what only tools need (the metadata parser and texts, HostCpu), nor
  // iostreams, locales or std::format.
  for (const char* symbol : {"xlsaot::ParseMetadata", "xlsaot::ValidateMetadata", "xlsaot::SerializeMetadata",
                             "xlsaot::DescribeMetadata", "xlsaot::TypeDescText", "xlsaot::HostCpu",
                             "std::locale", "std::ios_base", "std::basic_ostream", "std::basic_istream",
                             "std::format", "std::vformat", "std::__format"}) {
    EXPECT_EQ(symbols.output.find(symbol), std::string::npos) << "the Run()-only consumer links " << symbol;
  }
  // The full consumer, which calls RunWithEvents, does link them.
  CommandResult full = RunCommand("nm -C " + Quote(kConsumer));
  EXPECT_NE(full.output.find("xlsaot::EventRecorder::Create"), std::string::npos);
}

// What a deployed program pays for the runtime (docs/performance.md,
// "Runtime size"): run_only.cc, one small artifact called through Run(),
// stripped with binutils' strip, stays within 64 KiB, and within 32 KiB of
// the same program without xlsaot (minimal.cc). Sizes of optimised builds
// only: -O0 code and sanitizer runtimes are larger by design.
TEST(StandaloneTest, TheStrippedConsumerOfOneArtifactStaysSmall) {
#if !defined(NDEBUG)
  GTEST_SKIP() << "the size ceiling applies to optimised (NDEBUG) builds";
#endif
  if (!HaveTool("strip")) GTEST_SKIP() << "strip (binutils) is not installed";
  const std::string run_only = XLSAOT_STANDALONE_RUN_ONLY;
  if (HaveTool("nm") && HasStaticSanitizerRuntime(run_only)) GTEST_SKIP() << "a sanitized consumer";
  TempDir dir;
  auto stripped_size = [&](const std::string& binary, const std::string& name) -> uintmax_t {
    const fs::path out = dir.path() / name;
    CommandResult r = RunCommand("strip -o " + Quote(out.string()) + " " + Quote(binary));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.exit_code == 0 ? fs::file_size(out) : 0;
  };
  const uintmax_t consumer = stripped_size(run_only, "run_only");
  const uintmax_t baseline = stripped_size(XLSAOT_STANDALONE_MINIMAL, "minimal");
  ASSERT_GT(consumer, baseline);
  EXPECT_LE(consumer, 64u * 1024) << "the stripped consumer of one artifact takes " << consumer << " bytes";
  EXPECT_LE(consumer - baseline, 32u * 1024)
      << "the runtime and the glue add " << consumer - baseline << " bytes to a " << baseline << "-byte program";
}

TEST(StandaloneTest, RunsWhenCopiedAloneToAnotherDirectory) {
  TempDir dir;
  const fs::path copy = dir.path() / "consumer";
  fs::copy_file(kConsumer, copy);
  CommandResult r = RunCommand("./consumer", dir.path().string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("crc32(\"123456789\") = cbf43926\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mul_wide(2^64-1, 2^64-1) = 0xfffffffffffffffe0000000000000001\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("checked_div(42, 0) -> assertion failed: division by zero\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("trace: 200 + 100 = 0x2c\ncover: sum_wraps x 1\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("pipeline(1, 2, 3) = 81 270 621\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("all results correct\n"), std::string::npos) << r.output;
}

TEST(StandaloneTest, RuntimeSourcesIncludeNothingFromTheCompilerSide) {
  // The archive is what consumers link; its sources may use only the C/C++
  // standard library and the runtime's own headers.
  int files = 0;
  for (const char* dir : {"/runtime/src", "/runtime/include/xlsaot"}) {
    for (const auto& entry : fs::directory_iterator(kSourceDir + dir)) {
      ++files;
      const std::string text = ReadFileText(entry.path());
      size_t at = 0;
      while ((at = text.find("#include \"", at)) != std::string::npos) {
        at += 10;
        const std::string header = text.substr(at, text.find('"', at) - at);
        EXPECT_EQ(header.rfind("xlsaot/", 0), 0u) << entry.path() << " includes " << header;
      }
      EXPECT_EQ(text.find("#include <llvm"), std::string::npos) << entry.path();
    }
  }
  EXPECT_GT(files, 10);
  if (!HaveTool("nm")) GTEST_SKIP() << "nm is not installed; the archive's undefined symbols were not checked";
  // Every symbol the archive leaves undefined comes from the C/C++ runtime:
  // nothing of LLVM, nothing of xlsaot outside the archive itself.
  const std::string archive = Quote(kBinaryDir + "/runtime/libxlsaot_runtime.a");
  CommandResult undefined = RunCommand("nm -C -u " + archive);
  CommandResult defined = RunCommand("nm -C --defined-only " + archive);
  ASSERT_EQ(undefined.exit_code, 0) << undefined.output;
  ASSERT_EQ(defined.exit_code, 0) << defined.output;
  EXPECT_EQ(undefined.output.find("llvm"), std::string::npos) << undefined.output;
  std::istringstream lines(undefined.output);
  std::string line;
  while (std::getline(lines, line)) {
    const size_t u = line.find(" U ");
    if (u == std::string::npos) continue;
    const std::string name = line.substr(u + 3);
    if (!name.starts_with("xlsaot")) continue;
    EXPECT_NE(defined.output.find(" " + name + "\n"), std::string::npos)
        << "the runtime references " << name << " without defining it";
  }
}

TEST(StandaloneTest, BuildsAgainstAnInstalledPackage) {
  if (!HaveTool("cmake")) GTEST_SKIP() << "cmake is not installed";
  TempDir dir;
  const std::string prefix = (dir.path() / "prefix").string();
  CommandResult install =
      RunCommand("cmake --install " + Quote(kBinaryDir) + " --prefix " + Quote(prefix));
  ASSERT_EQ(install.exit_code, 0) << install.output;
  for (const char* file : {"bin/xlsaot", "include/xlsaot/runner.h", "include/xlsaot/abi.h",
                           "lib/cmake/xlsaot/xlsaot-config.cmake",
                           "lib/cmake/xlsaot/XlsaotAddLibrary.cmake"}) {
    EXPECT_TRUE(fs::exists(fs::path(prefix) / file)) << file;
  }
  const std::string build = (dir.path() / "build").string();
  std::string generator = HaveTool("ninja") ? " -G Ninja" : "";
  CommandResult configure = RunCommand(
      "cmake -S " + Quote(kSourceDir + "/tests/standalone") + " -B " + Quote(build) + generator +
      " -DCMAKE_PREFIX_PATH=" + Quote(prefix) + " -DCMAKE_BUILD_TYPE=Release");
  ASSERT_EQ(configure.exit_code, 0) << configure.output;
  CommandResult built = RunCommand("cmake --build " + Quote(build) + " -j2");
  ASSERT_EQ(built.exit_code, 0) << built.output;
  // The installed compiler did the work.
  EXPECT_NE(built.output.find("xlsaot: compiling crc32_byte"), std::string::npos) << built.output;
  CommandResult ran = RunCommand(Quote(build + "/xlsaot_standalone_consumer"));
  EXPECT_EQ(ran.exit_code, 0) << ran.output;
  EXPECT_NE(ran.output.find("all results correct"), std::string::npos) << ran.output;
  // A second build has nothing to do: the compiler does not run again.
  CommandResult rebuilt = RunCommand("cmake --build " + Quote(build));
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
  EXPECT_EQ(rebuilt.output.find("xlsaot: compiling"), std::string::npos) << rebuilt.output;
}

}  // namespace
}  // namespace xlsaot
