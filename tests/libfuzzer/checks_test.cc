// The fuzz targets' checks find what they are meant to find: a check that
// cannot report a finding would let every fuzz run pass.
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/libfuzzer/error_checks.h"
#include "gtest/gtest.h"
#include "ir/op.h"
#include "tests/libfuzzer/committed_inputs.h"

namespace xlsaot {
namespace {

std::vector<uint8_t> Bytes(std::string_view text) { return std::vector<uint8_t>(text.begin(), text.end()); }

TEST(ErrorShapeTest, AcceptsAOneLineErrorOfAnInputCategory) {
  EXPECT_EQ(CheckErrorShape("Parse", MakeError(ErrorCode::kParse, "x.ir:1:1: bad")), "");
  EXPECT_EQ(CheckErrorShape("Read", MakeError(ErrorCode::kResourceExhausted, "x.ir:1:9: too wide")), "");
}

TEST(ErrorShapeTest, ReportsAnInternalOrUnknownCategory) {
  const std::string internal = CheckErrorShape("Parse", MakeError(ErrorCode::kInternal, "x.ir:1:1: bad"));
  EXPECT_NE(internal.find("category 'internal error'"), std::string::npos) << internal;
  const std::string unknown = CheckErrorShape("Parse", MakeError(static_cast<ErrorCode>(1000), "bad"));
  EXPECT_NE(unknown.find("(1000)"), std::string::npos) << unknown;
}

TEST(ErrorShapeTest, ReportsAMessageOfSeveralLinesOrNone) {
  EXPECT_NE(CheckErrorShape("Parse", MakeError(ErrorCode::kParse, "one\ntwo")), "");
  EXPECT_NE(CheckErrorShape("Parse", MakeError(ErrorCode::kParse, "one\r")), "");
  EXPECT_NE(CheckErrorShape("Parse", MakeError(ErrorCode::kParse, "")), "");
}

TEST(IrParserCheckTest, AcceptsAValidPackageAndRejectsBadText) {
  const CheckResult good = CheckIrParserInput(Bytes("package p\n\nfn f(x: bits[8]) -> bits[8] {\n"
                                                    "  ret add.2: bits[8] = add(x, x, id=2)\n}\n"));
  EXPECT_EQ(good.depth, CheckResult::Depth::kAccepted);
  EXPECT_TRUE(good.ok()) << good.finding;

  const CheckResult bad = CheckIrParserInput(Bytes("package p\nfn f(x: bits[8]) -> bits[9] {\n"
                                                   "  ret add.2: bits[8] = add(x, x, id=2)\n}\n"));
  EXPECT_EQ(bad.depth, CheckResult::Depth::kRejected);  // the verifier rejects it
  EXPECT_TRUE(bad.ok()) << bad.finding;
}

TEST(ValueParserCheckTest, ChecksTypedAndSplitForms) {
  const CheckResult typed = CheckValueParserInput(Bytes("(bits[8]:255, [bits[3]:1, bits[3]:7], token)"));
  EXPECT_EQ(typed.depth, CheckResult::Depth::kAccepted);
  EXPECT_TRUE(typed.ok()) << typed.finding;

  // Not a typed value, but a type and an untyped value of it.
  const CheckResult split = CheckValueParserInput(Bytes("(bits[8], bits[2][0])\n(-1, [])"));
  EXPECT_EQ(split.depth, CheckResult::Depth::kAccepted);
  EXPECT_TRUE(split.ok()) << split.finding;

  const CheckResult bad = CheckValueParserInput(Bytes("bits[8]\n256"));
  EXPECT_EQ(bad.depth, CheckResult::Depth::kRejected);
  EXPECT_TRUE(bad.ok()) << bad.finding;
}

TEST(MetadataCheckTest, AcceptsASeedAndRejectsItWithATrailingByte) {
  const std::vector<std::filesystem::path> seeds = FilesIn(LibFuzzerDir() / "seeds" / "metadata");
  ASSERT_FALSE(seeds.empty());
  std::vector<uint8_t> blob = ReadBytes(seeds.front());
  const CheckResult good = CheckMetadataInput(blob);
  EXPECT_EQ(good.depth, CheckResult::Depth::kAccepted);
  EXPECT_TRUE(good.ok()) << good.finding;

  blob.push_back(0);
  const CheckResult bad = CheckMetadataInput(blob);
  EXPECT_EQ(bad.depth, CheckResult::Depth::kRejected);
  EXPECT_TRUE(bad.ok()) << bad.finding;
}

// The dictionary is what lets the fuzzer write op and attribute names at
// all; an op added to op_list.h must be added there too.
TEST(IrParserDictionaryTest, NamesEveryOpAndAttribute) {
  const std::vector<uint8_t> bytes = ReadBytes(LibFuzzerDir() / "ir_parser.dict");
  const std::string dict(bytes.begin(), bytes.end());
  for (const OpInfo& op : AllOps()) {
    EXPECT_NE(dict.find("\"" + std::string(op.name) + "(\""), std::string::npos) << op.name;
    for (const AttrSpec& spec : op.attrs()) {
      const std::string_view name = AttrName(spec.attr);
      EXPECT_NE(dict.find("\"" + std::string(name) + "=\""), std::string::npos) << name;
    }
  }
}

}  // namespace
}  // namespace xlsaot
