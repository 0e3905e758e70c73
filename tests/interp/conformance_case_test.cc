// The conformance case reader: directives, values, and malformed files.
#include "tests/support/conformance_case.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <string>

#include "gtest/gtest.h"

namespace xlsaot {
namespace {

class ConformanceCaseTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_ = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("xlsaot_conformance_case_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d / "conformance" / "cases");
    return d;
  }();
};

TEST_F(ConformanceCaseTest, ReadsRunsWithTheirEvents) {
  const std::string path = Write("Demo.ir",
                                 "//! source: somewhere TEST_P Demo\n"
                                 "// a plain note\n"
                                 "//! top: f\n"
                                 "//! run: bits[8]:1; (bits[1]:1, token); [bits[4]:0x2, bits[4]:3] -> bits[8]:0x2a\n"
                                 "//! assert: first failure\n"
                                 "//! trace: a  b \n"
                                 "//! assert: second failure\n"
                                 "//! run: -> ()\n"
                                 "//! trace:\n"
                                 "package Demo\n");
  Result<ConformanceCase> c = LoadConformanceCase(path);
  ASSERT_TRUE(c.ok()) << c.error();
  EXPECT_EQ(c->name, "Demo");
  EXPECT_EQ(c->path, path);
  EXPECT_EQ(c->top, "f");
  EXPECT_NE(c->ir_text.find("package Demo"), std::string::npos);
  ASSERT_EQ(c->runs.size(), 2u);
  const ConformanceRun& r0 = c->runs[0];
  ASSERT_EQ(r0.args.size(), 3u);
  EXPECT_EQ(r0.args[0], Value::UBits(1, 8));
  EXPECT_EQ(r0.args[1], Value::Tuple({Value::UBits(1, 1), Value::Token()}));
  EXPECT_EQ(r0.args[2], Value::Array({Value::UBits(2, 4), Value::UBits(3, 4)}));
  EXPECT_EQ(r0.expected, Value::UBits(42, 8));
  EXPECT_EQ(r0.asserts, (std::vector<std::string>{"first failure", "second failure"}));
  EXPECT_EQ(r0.traces, (std::vector<std::string>{"a  b "}));
  EXPECT_EQ(r0.line, 4);
  const ConformanceRun& r1 = c->runs[1];
  EXPECT_TRUE(r1.args.empty());
  EXPECT_EQ(r1.expected, Value::Tuple({}));
  EXPECT_EQ(r1.traces, (std::vector<std::string>{""}));
  EXPECT_TRUE(r1.asserts.empty());
}

// Cover lines: one per firing, compared with the events as a multiset.
TEST_F(ConformanceCaseTest, CoverLinesAreAMultisetOfFirings) {
  const std::string path = Write("Covers.ir",
                                 "//! top: f\n"
                                 "//! run: bits[1]:1 -> ()\n"
                                 "//! cover: hit\n"
                                 "//! trace: between\n"
                                 "//! cover: other\n"
                                 "//! cover: hit\n"
                                 "//! run: bits[1]:0 -> ()\n"
                                 "package Covers\n");
  Result<ConformanceCase> c = LoadConformanceCase(path);
  ASSERT_TRUE(c.ok()) << c.error();
  ASSERT_EQ(c->runs.size(), 2u);
  EXPECT_EQ(c->runs[0].covers, (std::vector<std::string>{"hit", "other", "hit"}));
  EXPECT_EQ(c->runs[0].traces, (std::vector<std::string>{"between"}));
  Events events;
  events.cover_hits = {{"other", 1}, {"hit", 2}};
  EXPECT_TRUE(CoversMatch(c->runs[0], events));
  events.cover_hits["hit"] = 1;
  EXPECT_FALSE(CoversMatch(c->runs[0], events));
  events.cover_hits = {{"hit", 2}, {"other", 1}, {"third", 1}};
  EXPECT_FALSE(CoversMatch(c->runs[0], events));
  // A run without cover lines is not checked.
  EXPECT_TRUE(CoversMatch(c->runs[1], events));
}

TEST_F(ConformanceCaseTest, RejectsMalformedDirectives) {
  const struct {
    const char* text;
    const char* expect;
  } cases[] = {
      {"//! run: bits[8]:1 -> bits[8]:1\n", "no top"},
      {"//! top: f\n//! assert: early\n", "before any run"},
      {"//! top: f\n//! frobnicate: x\n", "unknown directive"},
      {"//! top: f\n//! run: bits[8]:1\n", "ARGS -> EXPECTED"},
      {"//! top: f\n//! run: bits[8]:zz -> bits[8]:1\n", "bad value"},
  };
  int i = 0;
  for (const auto& c : cases) {
    const std::string path = Write("Bad" + std::to_string(i++) + ".ir", c.text);
    Result<ConformanceCase> r = LoadConformanceCase(path);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.error().find(c.expect), std::string::npos) << r.error();
    EXPECT_NE(r.error().find(path), std::string::npos) << r.error();
  }
  EXPECT_FALSE(LoadConformanceCase((dir_ / "missing.ir").string()).ok());
}

TEST_F(ConformanceCaseTest, ListsCaseFilesSorted) {
  Write("conformance/cases/b.ir", "");
  Write("conformance/cases/a.ir", "");
  Write("conformance/cases/notes.txt", "");
  const std::vector<std::string> listed = ListConformanceCases(dir_.string());
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(std::filesystem::path(listed[0]).filename(), "a.ir");
  EXPECT_EQ(std::filesystem::path(listed[1]).filename(), "b.ir");
  EXPECT_TRUE(ListConformanceCases((dir_ / "nowhere").string()).empty());
}

}  // namespace
}  // namespace xlsaot
