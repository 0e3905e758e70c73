// Every real XLS IR file of the shared corpus and every conformance case must
// parse, print, and parse again to the same IR; printing is a fixed point.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/package.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;

constexpr char kMissing[] = "missing";

// The .ir files of one shared directory, or a single kMissing entry so the
// test reports a visible skip instead of silently instantiating nothing.
std::vector<std::string> IrFilesIn(const std::string& relative) {
  const fs::path dir = fs::path(test::SharedDir()) / relative;
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    for (const auto& entry : fs::directory_iterator(dir, ec))
      if (entry.path().extension() == ".ir") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) files.emplace_back(kMissing);
  return files;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

std::string OperandNames(const Node& node) {
  std::string out;
  for (const Node* operand : node.operands()) out += operand->name() + ",";
  return out;
}

// Structural equality of two parses: everything the IR model holds.
void ExpectSamePackage(const Package& a, const Package& b) {
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(a.top_name(), b.top_name());
  EXPECT_EQ(a.file_numbers(), b.file_numbers());
  ASSERT_EQ(a.functions().size(), b.functions().size());
  // The printer may reorder functions (callees first); match them by name.
  for (size_t i = 0; i < a.functions().size(); ++i) {
    const Function& fa = *a.functions()[i];
    ASSERT_NE(b.GetFunction(fa.name()), nullptr) << fa.name();
    const Function& fb = *b.GetFunction(fa.name());
    SCOPED_TRACE("function " + fa.name());
    EXPECT_EQ(fa.name(), fb.name());
    EXPECT_EQ(std::vector<std::string>(fa.outer_attributes().begin(), fa.outer_attributes().end()),
              std::vector<std::string>(fb.outer_attributes().begin(), fb.outer_attributes().end()));
    EXPECT_EQ(fa.return_type(), fb.return_type());
    ASSERT_EQ(fa.params().size(), fb.params().size());
    ASSERT_EQ(fa.node_count(), fb.node_count());
    ASSERT_NE(fa.return_node(), nullptr);
    ASSERT_NE(fb.return_node(), nullptr);
    EXPECT_EQ(fa.return_node()->name(), fb.return_node()->name());
    for (size_t n = 0; n < fa.node_count(); ++n) {
      const Node& na = *fa.nodes()[n];
      const Node& nb = *fb.nodes()[n];
      SCOPED_TRACE("node " + na.name());
      EXPECT_EQ(na.op(), nb.op());
      EXPECT_EQ(na.name(), nb.name());
      EXPECT_EQ(na.id(), nb.id());
      EXPECT_EQ(na.type(), nb.type());
      EXPECT_EQ(OperandNames(na), OperandNames(nb));
      const NodeAttributes& x = na.attrs();
      const NodeAttributes& y = nb.attrs();
      EXPECT_EQ(x.start, y.start);
      EXPECT_EQ(x.width, y.width);
      EXPECT_EQ(x.new_bit_count, y.new_bit_count);
      EXPECT_EQ(x.index, y.index);
      EXPECT_EQ(x.trip_count, y.trip_count);
      EXPECT_EQ(x.stride, y.stride);
      EXPECT_EQ(x.delay, y.delay);
      EXPECT_EQ(x.verbosity, y.verbosity);
      EXPECT_EQ(x.lsb_prio, y.lsb_prio);
      EXPECT_EQ(x.assumed_in_bounds, y.assumed_in_bounds);
      EXPECT_EQ(x.has_default, y.has_default);
      EXPECT_EQ(x.callee == nullptr, y.callee == nullptr);
      if (x.callee && y.callee) {
        EXPECT_EQ(x.callee->name(), y.callee->name());
      }
      EXPECT_EQ(x.value, y.value);
      EXPECT_EQ(x.message, y.message);
      EXPECT_EQ(x.label, y.label);
      EXPECT_EQ(x.has_label, y.has_label);
      EXPECT_EQ(x.format, y.format);
      ASSERT_EQ(na.pos().size(), nb.pos().size());
      for (size_t p = 0; p < na.pos().size(); ++p) {
        EXPECT_EQ(na.pos()[p].file_number, nb.pos()[p].file_number);
        EXPECT_EQ(na.pos()[p].line, nb.pos()[p].line);
        EXPECT_EQ(na.pos()[p].column, nb.pos()[p].column);
      }
    }
  }
}

// Lines that start a function definition ("fn f(" or "top fn f(").
size_t CountFunctionHeaders(const std::string& text) {
  static const std::regex kHeader(R"(^\s*(top\s+)?fn\s)");
  std::istringstream lines(text);
  size_t count = 0;
  for (std::string line; std::getline(lines, line);)
    if (std::regex_search(line, kHeader)) ++count;
  return count;
}

void CheckRoundTrip(const std::string& path) {
  if (path == kMissing) {
    XLSAOT_SHARED_DATA_MISSING("no .ir files under " << test::SharedDir());
  }
  const std::string text = ReadFile(path);
  Result<std::unique_ptr<Package>> first = ParsePackage(text, path);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ((*first)->functions().size(), CountFunctionHeaders(text));
  const std::string printed = PrintPackage(**first);
  Result<std::unique_ptr<Package>> second = ParsePackage(printed, "printed");
  ASSERT_TRUE(second.ok()) << second.error() << "\n" << printed;
  const std::string reprinted = PrintPackage(**second);
  EXPECT_EQ(printed, reprinted);
  ExpectSamePackage(**first, **second);
}

class CorpusRoundTripTest : public testing::TestWithParam<std::string> {};
TEST_P(CorpusRoundTripTest, ParsePrintParseIsAFixedPoint) { CheckRoundTrip(GetParam()); }
INSTANTIATE_TEST_SUITE_P(XlsIr, CorpusRoundTripTest, testing::ValuesIn(IrFilesIn("corpus/xls-ir")), TestName);

class ConformanceRoundTripTest : public testing::TestWithParam<std::string> {};
TEST_P(ConformanceRoundTripTest, ParsePrintParseIsAFixedPoint) { CheckRoundTrip(GetParam()); }
INSTANTIATE_TEST_SUITE_P(Cases, ConformanceRoundTripTest, testing::ValuesIn(IrFilesIn("conformance/cases")),
                         TestName);

}  // namespace
}  // namespace xlsaot
