// End-to-end tests of the `xlsaot` binary: exit statuses, stdout and stderr.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/tools/cli_runner.h"
#include "tools/diagnostics.h"

namespace xlsaot {
namespace {

using ::testing::AllOf;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using cli_test::CliRun;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(scratch_.ok()) << "cannot create a temp directory"; }

  std::string WriteFile(const std::string& name, const std::string& content) {
    return scratch_.Write(name, content);
  }
  CliRun Run(const std::vector<std::string>& args) {
    return cli_test::RunXlsaot(args, scratch_.path());
  }

  cli_test::ScratchDir scratch_;
  const std::filesystem::path& dir_ = scratch_.path();
};

// Every error from the tool is one line, prefixed, on stderr, with the exit
// status of its kind (tools/diagnostics.h).
void ExpectOneLineError(const CliRun& run, ExitStatus status) {
  EXPECT_EQ(run.exit_code, status) << run.err;
  EXPECT_THAT(run.err, StartsWith("xlsaot: error: "));
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

constexpr char kAddIr[] = R"(package adder

top fn add(a: bits[8] id=1, b: bits[8] id=2) -> bits[8] {
  ret add.3: bits[8] = add(a, b, id=3)
}
)";

// An assertion that fails when cond is 0, then a trace that prints x when
// it is enabled, in that order.
constexpr char kEventsIr[] = R"(package events

top fn check(tkn: token, cond: bits[1], x: bits[8]) -> bits[8] {
  assert.4: token = assert(tkn, cond, message="cond must hold", id=4)
  literal.5: bits[1] = literal(value=1, id=5)
  trace.6: token = trace(assert.4, literal.5, format="x is {}", data_operands=[x], id=6)
  ret neg.7: bits[8] = neg(x, id=7)
}
)";

TEST_F(CliTest, EvalPrintsTheResultAsATypedValue) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3; bits[8]:4"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[8]:7\n");
  EXPECT_THAT(run.err, IsEmpty());
}

TEST_F(CliTest, EvalWrapsAroundAtTheWidth) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:200;bits[8]:0x64"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[8]:44\n");
}

TEST_F(CliTest, MatchingExpectationExitsZero) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3; bits[8]:4", "--expected", "bits[8]:7"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[8]:7\n");
  EXPECT_THAT(run.err, IsEmpty());
}

TEST_F(CliTest, ExpectationIsComparedAsAValueNotAsText) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3; bits[8]:4", "--expected", "bits[8]:0b111"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(CliTest, MismatchExitsOneAndSaysWhat) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3; bits[8]:4", "--expected", "bits[8]:8"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "bits[8]:7\n");
  EXPECT_THAT(run.err, AllOf(StartsWith("mismatch: evaluation 1"), HasSubstr("expected bits[8]:8"),
                             HasSubstr("got bits[8]:7")));
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1);
}

TEST_F(CliTest, ExpectedValueOfTheWrongTypeIsAValueError) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3; bits[8]:4", "--expected", "bits[9]:7"});
  ExpectOneLineError(run, kExitBadValue);
  EXPECT_THAT(run.err, AllOf(HasSubstr("bits[9]"), HasSubstr("returns bits[8]")));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, FailedAssertionExitsOneAndStillPrintsTheResult) {
  std::string ir = WriteFile("events.ir", kEventsIr);
  CliRun run = Run({"eval", ir, "--input", "token; bits[1]:0; bits[8]:5"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "bits[8]:251\n");
  // Events in execution order: the assertion precedes the trace.
  EXPECT_EQ(run.err, "assert: cond must hold\ntrace: x is 5\n");
}

TEST_F(CliTest, PassingAssertionReportsOnlyTheTrace) {
  std::string ir = WriteFile("events.ir", kEventsIr);
  CliRun run = Run({"eval", ir, "--input", "token; bits[1]:1; bits[8]:5", "--expected",
                    "bits[8]:251"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[8]:251\n");
  EXPECT_EQ(run.err, "trace: x is 5\n");
}

TEST_F(CliTest, ParseErrorNamesFileLineAndColumn) {
  std::string ir = WriteFile("broken.ir", "package broken\n\nfn f(x: bits[8]) -> bits[8] {\n"
                                          "  ret add.2: bits[8] = add(x, x,\n}\n");
  CliRun run = Run({"eval", ir, "--input", "bits[8]:1"});
  ExpectOneLineError(run, kExitIrSyntax);
  EXPECT_THAT(run.err, ContainsRegex("broken\\.ir:[0-9]+:[0-9]+: "));
}

TEST_F(CliTest, VerificationErrorNamesTheNode) {
  std::string ir = WriteFile("badtype.ir", R"(package badtype

top fn f(x: bits[8] id=1, y: bits[16] id=2) -> bits[8] {
  ret add.3: bits[8] = add(x, y, id=3)
}
)");
  CliRun run = Run({"eval", ir, "--input", "bits[8]:1; bits[16]:1"});
  ExpectOneLineError(run, kExitIrInvalid);
  EXPECT_THAT(run.err, AllOf(HasSubstr("badtype.ir:4:"), HasSubstr("add.3")));
}

TEST_F(CliTest, WrongArgumentCountNamesTheSignature) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3"});
  ExpectOneLineError(run, kExitBadValue);
  EXPECT_THAT(run.err, AllOf(HasSubstr("1 argument given"), HasSubstr("takes 2 parameters"),
                             HasSubstr("add(a: bits[8], b: bits[8])")));
}

TEST_F(CliTest, WrongArgumentTypeNamesTheParameter) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3; bits[16]:4"});
  ExpectOneLineError(run, kExitBadValue);
  EXPECT_THAT(run.err, AllOf(HasSubstr("argument 2 has type bits[16]"),
                             HasSubstr("parameter 'b'"), HasSubstr("has type bits[8]")));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, MalformedArgumentNamesItsColumn) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3; bits[8]:zz"});
  ExpectOneLineError(run, kExitBadValue);
  // "bits[8]:zz" starts at column 12; the bad digits at column 20.
  EXPECT_THAT(run.err, AllOf(HasSubstr("--input (column 20): argument 2: ")));
}

TEST_F(CliTest, EmptyArgumentBetweenSeparatorsIsAnError) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:3;; bits[8]:4"});
  ExpectOneLineError(run, kExitBadValue);
  EXPECT_THAT(run.err, HasSubstr("argument 2 is empty"));
}

TEST_F(CliTest, AggregateArguments) {
  std::string ir = WriteFile("agg.ir", R"(package agg

top fn pick(pair: (bits[8], bits[4]) id=1, arr: bits[4][3] id=2, i: bits[2] id=3) -> (bits[4], bits[8]) {
  tuple_index.4: bits[4] = tuple_index(pair, index=1, id=4)
  array_index.5: bits[4] = array_index(arr, indices=[i], id=5)
  add.6: bits[4] = add(tuple_index.4, array_index.5, id=6)
  tuple_index.7: bits[8] = tuple_index(pair, index=0, id=7)
  ret tuple.8: (bits[4], bits[8]) = tuple(add.6, tuple_index.7, id=8)
}
)");
  CliRun run = Run({"eval", ir, "--input",
                    "(bits[8]:200, bits[4]:3); [bits[4]:1, bits[4]:2, bits[4]:9]; bits[2]:2"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "(bits[4]:12, bits[8]:200)\n");
}

TEST_F(CliTest, FunctionWithoutParametersTakesEmptyInput) {
  std::string ir = WriteFile("const.ir", R"(package constant

top fn answer() -> bits[16] {
  ret literal.1: bits[16] = literal(value=42, id=1)
}
)");
  CliRun run = Run({"eval", ir, "--input", ""});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[16]:42\n");
  CliRun extra = Run({"eval", ir, "--input", "bits[1]:0"});
  ExpectOneLineError(extra, kExitBadValue);
}

TEST_F(CliTest, InputAndExpectedFilesRunOneEvaluationPerLine) {
  std::string ir = WriteFile("add.ir", kAddIr);
  std::string inputs = WriteFile("in.txt",
                                 "// a header comment\n"
                                 "bits[8]:1; bits[8]:2\n"
                                 "\n"
                                 "  // an indented comment\n"
                                 "bits[8]:255; bits[8]:1\r\n"
                                 "bits[8]:0x10; bits[8]:0x20");
  std::string expected = WriteFile("expected.txt", "bits[8]:3\n// note\nbits[8]:0\n\nbits[8]:48\n");
  CliRun run = Run({"eval", ir, "--input-file", inputs, "--expected-file", expected});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[8]:3\nbits[8]:0\nbits[8]:48\n");
  EXPECT_THAT(run.err, IsEmpty());
}

TEST_F(CliTest, MismatchInAnInputFileNamesTheLine) {
  std::string ir = WriteFile("add.ir", kAddIr);
  std::string inputs = WriteFile("in.txt", "bits[8]:1; bits[8]:2\n\nbits[8]:5; bits[8]:5\n"
                                           "bits[8]:7; bits[8]:7\n");
  std::string expected = WriteFile("expected.txt", "bits[8]:3\nbits[8]:11\nbits[8]:14\n");
  CliRun run = Run({"eval", ir, "--input-file", inputs, "--expected-file", expected});
  EXPECT_EQ(run.exit_code, 1);
  // Every evaluation still runs and prints.
  EXPECT_EQ(run.out, "bits[8]:3\nbits[8]:10\nbits[8]:14\n");
  EXPECT_THAT(run.err, AllOf(HasSubstr("mismatch: evaluation 2 (" + inputs + ":3)"),
                             HasSubstr("expected bits[8]:11, got bits[8]:10")));
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1);
}

TEST_F(CliTest, ExpectedCountMustMatchInputCount) {
  std::string ir = WriteFile("add.ir", kAddIr);
  std::string inputs = WriteFile("in.txt", "bits[8]:1; bits[8]:2\nbits[8]:3; bits[8]:4\n");
  std::string expected = WriteFile("expected.txt", "bits[8]:3\n");
  CliRun run = Run({"eval", ir, "--input-file", inputs, "--expected-file", expected});
  ExpectOneLineError(run, kExitBadValue);
  EXPECT_THAT(run.err, HasSubstr("1 expected value for 2 evaluations"));
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(CliTest, BadLineInAnInputFileNamesFileLineAndColumn) {
  std::string ir = WriteFile("add.ir", kAddIr);
  std::string inputs = WriteFile("in.txt", "bits[8]:1; bits[8]:2\nbits[8]:1; bits[8]:2; bits[8]:3\n"
                                           "bits[8]:1; bits[9]:2\n");
  CliRun run = Run({"eval", ir, "--input-file", inputs});
  ExpectOneLineError(run, kExitBadValue);
  EXPECT_THAT(run.err, HasSubstr(inputs + ":2: 3 arguments given"));
  // Nothing runs when any line is wrong.
  EXPECT_THAT(run.out, IsEmpty());

  std::string typed = WriteFile("typed.txt", "bits[8]:1; bits[8]:2\nbits[8]:1;  bits[9]:2\n");
  CliRun typed_run = Run({"eval", ir, "--input-file", typed});
  ExpectOneLineError(typed_run, kExitBadValue);
  EXPECT_THAT(typed_run.err, HasSubstr(typed + ":2:13: argument 2 has type bits[9]"));
}

constexpr char kTwoFunctionsIr[] = R"(package two

fn double(x: bits[8] id=1) -> bits[8] {
  ret add.2: bits[8] = add(x, x, id=2)
}

top fn square(x: bits[8] id=3) -> bits[8] {
  ret umul.4: bits[8] = umul(x, x, id=4)
}
)";

TEST_F(CliTest, WithoutTopThePackageTopRuns) {
  std::string ir = WriteFile("two.ir", kTwoFunctionsIr);
  CliRun run = Run({"eval", ir, "--input", "bits[8]:5"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[8]:25\n");
}

TEST_F(CliTest, TopOptionSelectsAnotherFunction) {
  std::string ir = WriteFile("two.ir", kTwoFunctionsIr);
  CliRun run = Run({"eval", ir, "--top", "double", "--input", "bits[8]:5"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[8]:10\n");
}

TEST_F(CliTest, UnknownTopIsAnError) {
  std::string ir = WriteFile("two.ir", kTwoFunctionsIr);
  CliRun run = Run({"eval", ir, "--top", "cube", "--input", "bits[8]:5"});
  ExpectOneLineError(run, kExitNotFound);
  EXPECT_THAT(run.err, HasSubstr("no function named 'cube'"));
}

TEST_F(CliTest, PackageWithoutTopNeedsTheTopOption) {
  std::string ir = WriteFile("notop.ir", R"(package notop

fn f(x: bits[8] id=1) -> bits[8] {
  ret not.2: bits[8] = not(x, id=2)
}
)");
  CliRun run = Run({"eval", ir, "--input", "bits[8]:5"});
  ExpectOneLineError(run, kExitNotFound);
  EXPECT_THAT(run.err, HasSubstr("has no top function"));
  CliRun named = Run({"eval", ir, "--top", "f", "--input", "bits[8]:5"});
  EXPECT_EQ(named.exit_code, 0) << named.err;
  EXPECT_EQ(named.out, "bits[8]:250\n");
}

TEST_F(CliTest, ProcCannotBeTop) {
  std::string ir = WriteFile("withproc.ir", R"(package withproc

chan out(bits[32], id=0, kind=streaming, ops=send_only, flow_control=ready_valid, metadata="""""")

fn inc(x: bits[32] id=1) -> bits[32] {
  literal.2: bits[32] = literal(value=1, id=2)
  ret add.3: bits[32] = add(x, literal.2, id=3)
}

top proc counter(tkn: token, st: bits[32], init={token, 0}) {
  literal.4: bits[32] = literal(value=1, id=4)
  add.5: bits[32] = add(st, literal.4, id=5)
  send.6: token = send(tkn, st, channel=out, id=6)
  next (send.6, add.5)
}
)");
  CliRun run = Run({"eval", ir, "--input", "bits[32]:5"});
  ExpectOneLineError(run, kExitUnsupported);
  EXPECT_THAT(run.err, AllOf(HasSubstr("'counter' is a proc"), HasSubstr("withproc.ir:")));
  // The functions of the package remain usable.
  CliRun named = Run({"eval", ir, "--top", "inc", "--input", "bits[32]:5"});
  EXPECT_EQ(named.exit_code, 0) << named.err;
  EXPECT_EQ(named.out, "bits[32]:6\n");
}

TEST_F(CliTest, MissingFilesAreErrors) {
  std::string missing = (dir_ / "missing.ir").string();
  CliRun run = Run({"eval", missing, "--input", ""});
  ExpectOneLineError(run, kExitIo);
  EXPECT_THAT(run.err, HasSubstr(missing));

  std::string ir = WriteFile("add.ir", kAddIr);
  std::string missing_inputs = (dir_ / "missing.txt").string();
  CliRun inputs = Run({"eval", ir, "--input-file", missing_inputs});
  ExpectOneLineError(inputs, kExitIo);
  EXPECT_THAT(inputs.err, HasSubstr(missing_inputs));

  CliRun expected = Run({"eval", ir, "--input", "bits[8]:1; bits[8]:1", "--expected-file",
                         missing_inputs});
  ExpectOneLineError(expected, kExitIo);
  EXPECT_THAT(expected.err, HasSubstr(missing_inputs));
}

TEST_F(CliTest, DirectoryAndGarbageAreErrorsNotCrashes) {
  CliRun dir = Run({"eval", dir_.string(), "--input", ""});
  ExpectOneLineError(dir, kExitIo);
  EXPECT_THAT(dir.err, HasSubstr("directory"));

  std::string garbage;
  uint32_t state = 12345;
  for (int i = 0; i < 4096; ++i) {
    state = state * 1103515245u + 12345u;
    garbage.push_back(static_cast<char>(state >> 24));
  }
  std::string path = WriteFile("garbage.ir", garbage);
  CliRun run = Run({"eval", path, "--input", ""});
  ExpectOneLineError(run, kExitIrSyntax);
  CliRun parse = Run({"parse", path});
  ExpectOneLineError(parse, kExitIrSyntax);

  // Garbage as an input file, against a valid function.
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun inputs = Run({"eval", ir, "--input-file", path});
  ExpectOneLineError(inputs, kExitBadValue);
}

TEST_F(CliTest, UsageErrors) {
  std::string ir = WriteFile("add.ir", kAddIr);
  std::string inputs = WriteFile("in.txt", "bits[8]:1; bits[8]:2\n");
  // No input at all.
  ExpectOneLineError(Run({"eval", ir}), kExitUsage);
  // Both kinds of input.
  ExpectOneLineError(Run({"eval", ir, "--input", "bits[8]:1; bits[8]:2", "--input-file", inputs}), kExitUsage);
  // Both kinds of expectation.
  ExpectOneLineError(Run({"eval", ir, "--input", "bits[8]:1; bits[8]:2", "--expected",
                             "bits[8]:3", "--expected-file", inputs}), kExitUsage);
  // Unknown option, unknown subcommand, missing file argument.
  ExpectOneLineError(Run({"eval", ir, "--input", "", "--frobnicate"}), kExitUsage);
  ExpectOneLineError(Run({"frobnicate"}), kExitUsage);
  ExpectOneLineError(Run({"eval", "--input", ""}), kExitUsage);
  // Unknown backend, named in the message.
  CliRun backend = Run({"eval", ir, "--backend", "quantum", "--input", "bits[8]:1; bits[8]:2"});
  ExpectOneLineError(backend, kExitUsage);
  EXPECT_THAT(backend.err, AllOf(HasSubstr("quantum"), HasSubstr("interpreter")));
  // No arguments at all: the help, on stderr.
  CliRun bare = Run({});
  EXPECT_EQ(bare.exit_code, kExitUsage);
  EXPECT_THAT(bare.err, HasSubstr("eval"));
}

TEST_F(CliTest, HelpAndVersionExitZero) {
  CliRun help = Run({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, AllOf(HasSubstr("eval"), HasSubstr("parse")));
  CliRun eval_help = Run({"eval", "--help"});
  EXPECT_EQ(eval_help.exit_code, 0);
  EXPECT_THAT(eval_help.out, AllOf(HasSubstr("--input-file"), HasSubstr("--backend")));
  CliRun version = Run({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, StartsWith("xlsaot "));
}

TEST_F(CliTest, FormatOptionChangesHowBitsArePrinted) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun hex = Run({"eval", ir, "--input", "bits[8]:250; bits[8]:4", "--format", "hex"});
  EXPECT_EQ(hex.exit_code, 0) << hex.err;
  EXPECT_EQ(hex.out, "bits[8]:0xfe\n");
  CliRun signed_run = Run({"eval", ir, "--input", "bits[8]:250; bits[8]:4", "--format",
                           "signed-decimal", "--expected", "bits[8]:0"});
  EXPECT_EQ(signed_run.exit_code, 1);
  EXPECT_EQ(signed_run.out, "bits[8]:-2\n");
  EXPECT_THAT(signed_run.err, HasSubstr("expected bits[8]:0, got bits[8]:-2"));
  ExpectOneLineError(Run({"eval", ir, "--input", "bits[8]:1; bits[8]:1", "--format", "roman"}), kExitUsage);
}

TEST_F(CliTest, ExplicitInterpreterBackend) {
  std::string ir = WriteFile("add.ir", kAddIr);
  CliRun run = Run({"eval", ir, "--backend", "interpreter", "--input", "bits[8]:1; bits[8]:2"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "bits[8]:3\n");
}

TEST_F(CliTest, ParsePrintsCanonicalTextThatReparsesToItself) {
  std::string ir = WriteFile("two.ir", "// leading comment\n" + std::string(kTwoFunctionsIr));
  CliRun first = Run({"parse", ir});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, AllOf(StartsWith("package two"), HasSubstr("top fn square"),
                               HasSubstr("fn double")));
  EXPECT_THAT(first.out, Not(HasSubstr("leading comment")));
  std::string printed = WriteFile("printed.ir", first.out);
  CliRun second = Run({"parse", printed});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, first.out);
}

TEST_F(CliTest, ParseReportsVerificationErrors) {
  std::string ir = WriteFile("badret.ir", R"(package badret

fn f(x: bits[8] id=1) -> bits[16] {
  ret identity.2: bits[8] = identity(x, id=2)
}
)");
  CliRun run = Run({"parse", ir});
  ExpectOneLineError(run, kExitIrInvalid);
  EXPECT_THAT(run.err, HasSubstr("badret.ir:"));
  EXPECT_THAT(run.out, IsEmpty());
}

// The bundled example that scripts/demo.sh runs: CRC-32 over "123456789".
TEST_F(CliTest, BundledCrc32ExampleMatchesTheStandardCheckValue) {
  const std::string examples = std::string(XLSAOT_SOURCE_DIR) + "/examples";
  CliRun run = Run({"eval", examples + "/crc32.ir", "--input-file", examples + "/crc32_inputs.txt",
                    "--expected-file", examples + "/crc32_expected.txt"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 9);
  // 0x340bc6d9, whose inverse is the CRC-32 check value 0xcbf43926.
  EXPECT_THAT(run.out, ::testing::EndsWith("bits[32]:873187033\n"));
  CliRun finish = Run({"eval", examples + "/crc32.ir", "--top", "crc32_finish", "--input",
                       "bits[32]:0x340bc6d9", "--expected", "bits[32]:0xcbf43926"});
  EXPECT_EQ(finish.exit_code, 0) << finish.err;
}

}  // namespace
}  // namespace xlsaot

namespace xlsaot {
namespace {

// Traces of verbosity 0 and 2 and a cover inside a loop body: every backend
// prints the same lines (the ahead-of-time one with --events), covers as one
// `cover: LABEL` line per firing after the other events of the evaluation,
// and --max-trace-verbosity leaves out the verbose traces.
constexpr char kLoopEventsIr[] = R"(package events

fn body(i: bits[2] id=1, acc: bits[8] id=2) -> bits[8] {
  after_all.3: token = after_all(id=3)
  literal.4: bits[1] = literal(value=1, id=4)
  trace.5: token = trace(after_all.3, literal.4, format="i={} acc={:#x}", data_operands=[i, acc], id=5)
  trace.6: token = trace(trace.5, literal.4, format="verbose {:b}", data_operands=[i], verbosity=2, id=6)
  bit_slice.7: bits[1] = bit_slice(i, start=0, width=1, id=7)
  cover.8: () = cover(bit_slice.7, label="odd", id=8)
  zero_ext.9: bits[8] = zero_ext(i, new_bit_count=8, id=9)
  ret add.10: bits[8] = add(acc, zero_ext.9, id=10)
}

top fn f(x: bits[8] id=11) -> bits[8] {
  ret counted_for.12: bits[8] = counted_for(x, trip_count=4, stride=1, body=body, id=12)
}
)";

TEST_F(CliTest, EveryBackendPrintsTracesAndCoversAlike) {
  const std::string ir = WriteFile("loop_events.ir", kLoopEventsIr);
  const std::string all =
      "trace: i=0 acc=0xa\ntrace: verbose 0\ntrace: i=1 acc=0xa\ntrace: verbose 1\ntrace: i=2 acc=0xb\n"
      "trace: verbose 10\ntrace: i=3 acc=0xd\ntrace: verbose 11\ncover: odd\ncover: odd\n";
  const std::string quiet = "trace: i=0 acc=0xa\ntrace: i=1 acc=0xa\ntrace: i=2 acc=0xb\ntrace: i=3 acc=0xd\n"
                            "cover: odd\ncover: odd\n";
  for (const char* backend : {"interpreter", "jit", "aot"}) {
    CliRun run = Run({"eval", ir, "--backend", backend, "--events", "--input", "bits[8]:10"});
    EXPECT_EQ(run.exit_code, 0) << backend << ": " << run.err;
    EXPECT_EQ(run.out, "bits[8]:16\n") << backend;
    EXPECT_EQ(run.err, all) << backend;
    CliRun filtered = Run({"eval", ir, "--backend", backend, "--events", "--max-trace-verbosity", "1", "--input",
                           "bits[8]:10"});
    EXPECT_EQ(filtered.exit_code, 0) << backend << ": " << filtered.err;
    EXPECT_EQ(filtered.err, quiet) << backend;
  }
  // Without --events the ahead-of-time backend refuses the traces.
  CliRun refused = Run({"eval", ir, "--backend", "aot", "--input", "bits[8]:10"});
  EXPECT_EQ(refused.exit_code, 7) << refused.err;
  EXPECT_THAT(refused.err, ::testing::HasSubstr("trace 'trace.5' in function 'body', reached from 'f' through "
                                                "counted_for 'counted_for.12'"));
  CliRun negative = Run({"eval", ir, "--max-trace-verbosity", "-1", "--input", "bits[8]:10"});
  EXPECT_EQ(negative.exit_code, 2) << negative.err;
}

// An array_index and an array_update marked assumed_in_bounds=true, indexed
// out of bounds: every backend computes the clamped result and prints one
// `assumption:` line per failure (the ahead-of-time one with --events).
TEST_F(CliTest, EveryBackendReportsFailedAssumptionsAlike) {
  const std::string ir = WriteFile("assume.ir", R"(package assume

top fn f(a: bits[8][4] id=1, i: bits[3] id=2, j: bits[3] id=3, v: bits[8] id=4) -> (bits[8], bits[8][4], bits[8]) {
  array_index.5: bits[8] = array_index(a, indices=[i], assumed_in_bounds=true, id=5)
  array_update.6: bits[8][4] = array_update(a, v, indices=[j], assumed_in_bounds=true, id=6)
  array_index.7: bits[8] = array_index(a, indices=[j], id=7)
  ret tuple.8: (bits[8], bits[8][4], bits[8]) = tuple(array_index.5, array_update.6, array_index.7, id=8)
}
)");
  const std::string array = "[bits[8]:1, bits[8]:2, bits[8]:3, bits[8]:4]";
  for (const char* backend : {"interpreter", "jit", "aot"}) {
    CliRun out = Run({"eval", ir, "--backend", backend, "--events", "--input", array + "; bits[3]:6; bits[3]:5; bits[8]:9"});
    EXPECT_EQ(out.exit_code, 0) << backend << ": " << out.err;
    EXPECT_EQ(out.out, "(bits[8]:4, [bits[8]:1, bits[8]:2, bits[8]:3, bits[8]:4], bits[8]:4)\n") << backend;
    EXPECT_EQ(out.err,
              "assumption: array_index.5: array_index index out of bounds, though assumed_in_bounds=true\n"
              "assumption: array_update.6: array_update index out of bounds, though assumed_in_bounds=true\n")
        << backend;
    CliRun in = Run({"eval", ir, "--backend", backend, "--events", "--input", array + "; bits[3]:3; bits[3]:0; bits[8]:9"});
    EXPECT_EQ(in.exit_code, 0) << backend << ": " << in.err;
    EXPECT_EQ(in.out, "(bits[8]:4, [bits[8]:9, bits[8]:2, bits[8]:3, bits[8]:4], bits[8]:1)\n") << backend;
    EXPECT_EQ(in.err, "") << backend;
  }
}

// --random-inputs N --compare LIST: the engines agree on random arguments
// of every parameter type (one summary line, exit 0); bad combinations of
// options are usage errors.
TEST_F(CliTest, RandomInputsCompareTheEngines) {
  const std::string ir = WriteFile("mixed.ir", R"(package mixed

top fn f(a: bits[65] id=1, t: (bits[3], bits[8][2]) id=2, tok: token id=3) -> (bits[65], bits[8]) {
  tuple_index.4: bits[3] = tuple_index(t, index=0, id=4)
  tuple_index.5: bits[8][2] = tuple_index(t, index=1, id=5)
  array_index.6: bits[8] = array_index(tuple_index.5, indices=[tuple_index.4], id=6)
  zero_ext.7: bits[65] = zero_ext(array_index.6, new_bit_count=65, id=7)
  umul.8: bits[65] = umul(a, zero_ext.7, id=8)
  ret tuple.9: (bits[65], bits[8]) = tuple(umul.8, array_index.6, id=9)
}
)");
  CliRun run = Run({"eval", ir, "--random-inputs", "300", "--seed", "7", "--compare", "interpreter,jit,aot"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out, "300 random inputs (seed 7): interpreter, jit, aot agree\n");
  EXPECT_EQ(run.err, "");
  const std::vector<std::vector<std::string>> bad = {
      {"eval", ir, "--random-inputs", "3", "--compare", "interpreter"},                          // one engine
      {"eval", ir, "--random-inputs", "3", "--compare", "interpreter,vhdl"},                     // unknown
      {"eval", ir, "--random-inputs", "0", "--compare", "interpreter,jit"},                      // out of range
      {"eval", ir, "--random-inputs", "3", "--compare", "interpreter,jit", "--input", "bits[65]:1"},
      {"eval", ir, "--compare", "interpreter,jit", "--input", "bits[65]:1; (bits[3]:0, [bits[8]:1, bits[8]:2]); token"},
  };
  for (const auto& args : bad) {
    CliRun r = Run(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_THAT(r.err, StartsWith("xlsaot: error: ")) << r.err;
  }
}

// Every kind of failure an evaluation can end in gives the same exit
// status and names the same cause on every backend: a loop that would
// never end (kUnsupported, 7), and a failed assertion (the value is still
// printed; 1).
TEST_F(CliTest, EveryBackendEndsAFailedEvaluationAlike) {
  const std::string ir = WriteFile("failures.ir", R"(package failures

fn body(i: bits[4] id=1, acc: bits[8] id=2) -> bits[8] {
  ret add.3: bits[8] = add(acc, acc, id=3)
}

fn forever(init: bits[8] id=4, trip: bits[3] id=5, stride: bits[4] id=6) -> bits[8] {
  ret dynamic_counted_for.7: bits[8] = dynamic_counted_for(init, trip, stride, body=body, id=7)
}

fn checked(x: bits[8] id=8) -> bits[8] {
  after_all.9: token = after_all(id=9)
  literal.10: bits[8] = literal(value=0, id=10)
  ne.11: bits[1] = ne(x, literal.10, id=11)
  assert.12: token = assert(after_all.9, ne.11, message="x is zero", label="nonzero", id=12)
  ret identity.13: bits[8] = identity(x, id=13)
}
)");
  for (const char* backend : {"interpreter", "jit", "aot"}) {
    // 7 * 7 does not fit the 4-bit signed index: XLS would loop forever.
    CliRun never = Run({"eval", ir, "--top", "forever", "--backend", backend, "--input",
                        "bits[8]:1; bits[3]:7; bits[4]:7"});
    EXPECT_EQ(never.exit_code, 7) << backend << ": " << never.err;
    EXPECT_THAT(never.err, ::testing::HasSubstr("dynamic_counted_for never terminates")) << backend;
    EXPECT_THAT(never.err, ::testing::StartsWith("xlsaot: error: ")) << backend;
    CliRun failed = Run({"eval", ir, "--top", "checked", "--backend", backend, "--input", "bits[8]:0"});
    EXPECT_EQ(failed.exit_code, 1) << backend << ": " << failed.err;
    EXPECT_EQ(failed.out, "bits[8]:0\n") << backend;
    EXPECT_EQ(failed.err, "assert: x is zero\n") << backend;
  }
}

// --rare-paths changes the compiled code (fp32_add branches on its special
// cases by default), never the API; a negative count is a usage error.
TEST_F(CliTest, RarePathsChangeTheObjectOnly) {
  const std::string ir = std::string(XLSAOT_SOURCE_DIR) + "/bench/kernels/fp32_add.ir";
  CliRun on = Run({"compile", ir, "--name", "fp", "--out-dir", (dir_ / "on").string()});
  CliRun off = Run({"compile", ir, "--name", "fp", "--out-dir", (dir_ / "off").string(), "--rare-paths", "0"});
  ASSERT_EQ(on.exit_code, kExitOk) << on.err;
  ASSERT_EQ(off.exit_code, kExitOk) << off.err;
  EXPECT_NE(cli_test::ReadFileForTest(dir_ / "on" / "fp.o"), cli_test::ReadFileForTest(dir_ / "off" / "fp.o"));
  EXPECT_EQ(cli_test::ReadFileForTest(dir_ / "on" / "fp.h"), cli_test::ReadFileForTest(dir_ / "off" / "fp.h"));
  CliRun bad = Run({"compile", ir, "--name", "fp", "--out-dir", (dir_ / "bad").string(), "--rare-paths", "-1"});
  EXPECT_EQ(bad.exit_code, kExitUsage) << bad.err;
}

}  // namespace
}  // namespace xlsaot
