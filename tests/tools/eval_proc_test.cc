// xlsaot eval-proc: every shared proc conformance case through the command
// line, and its options and errors.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/support/proc_conformance_case.h"
#include "tests/support/shared_data.h"
#include "tests/tools/cli_runner.h"

namespace xlsaot {
namespace {

namespace fs = std::filesystem;

// "CHANNEL: VALUE" lines of eval-proc's stdout, per channel.
std::vector<std::string> OutputLines(const std::string& out, const std::string& channel) {
  std::vector<std::string> values;
  size_t at = 0;
  while (at < out.size()) {
    size_t end = out.find('\n', at);
    if (end == std::string::npos) end = out.size();
    const std::string line = out.substr(at, end - at);
    if (line.rfind(channel + ": ", 0) == 0) values.push_back(line.substr(channel.size() + 2));
    at = end + 1;
  }
  return values;
}

// Every case on every backend: the compiled ones must match the
// interpreter's outputs, states, traces and failures exactly.
class EvalProcBackendTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EvalProcBackendTest, EveryProcConformanceCase) {
  const std::vector<std::string> cases = ListProcConformanceCases(test::SharedDir());
  if (cases.empty()) XLSAOT_SHARED_DATA_MISSING("no proc conformance cases under " << test::SharedDir());
  EXPECT_EQ(cases.size(), test::kProcConformanceCaseCount);
  cli_test::ScratchDir scratch;
  ASSERT_TRUE(scratch.ok());
  for (const std::string& path : cases) {
    SCOPED_TRACE(path);
    Result<ProcConformanceCase> c = LoadProcConformanceCase(path);
    ASSERT_TRUE(c.ok()) << c.error();
    std::string script;
    for (const ProcCaseStep& step : c->script) script += step.text + "\n";
    cli_test::CliRun run = cli_test::RunXlsaot(
        {"eval-proc", path, "--top", c->top, "--script", scratch.Write("script.txt", script), "--show-state",
         "--backend", GetParam(), "--events"},
        scratch.path());
    const int want = !c->expected_assert.empty()     ? 1
                     : !c->expected_deadlock.empty() ? 13
                     : !c->conflict_proc.empty()     ? 14
                                                     : 0;
    ASSERT_EQ(run.exit_code, want) << run.err;
    for (const ProcCaseOutput& output : c->outputs) {
      std::vector<std::string> got = OutputLines(run.out, output.channel);
      if (c->fails() && got.size() > output.values.size()) got.resize(output.values.size());
      std::vector<std::string> expected;
      for (const Value& v : output.values) expected.push_back(v.ToString());
      EXPECT_EQ(got, expected) << output.channel;
    }
    for (const ProcCaseState& s : c->states) {
      const std::string line = "state: " + s.proc + " " + s.element + ": " + s.value.ToString() + "\n";
      EXPECT_NE(run.out.find(line), std::string::npos) << line << " not in\n" << run.out;
    }
    std::string traces;
    for (const std::string& t : c->traces) traces += "trace: " + t + "\n";
    if (c->has_trace_lines) EXPECT_NE(run.err.find(traces), std::string::npos) << run.err;
    if (!c->expected_assert.empty()) EXPECT_NE(run.err.find("assert: " + c->expected_assert + "\n"), std::string::npos);
    for (const std::string& channel : c->expected_deadlock) EXPECT_NE(run.err.find(channel), std::string::npos);
    if (!c->conflict_proc.empty()) {
      EXPECT_NE(run.err.find("proc '" + c->conflict_proc + "'"), std::string::npos) << run.err;
      EXPECT_NE(run.err.find("state element '" + c->conflict_element + "'"), std::string::npos) << run.err;
    }
  }
}

// Runs eval-proc on `ir` (written to a scratch file) with `args` and the
// test's backend.
cli_test::CliRun RunEvalProcOn(const std::string& ir, std::vector<std::string> args, const std::string& backend) {
  cli_test::ScratchDir scratch;
  EXPECT_TRUE(scratch.ok());
  std::vector<std::string> command{"eval-proc", scratch.Write("network.ir", ir)};
  command.insert(command.end(), args.begin(), args.end());
  command.insert(command.end(), {"--backend", backend});
  return cli_test::RunXlsaot(command, scratch.path());
}

// The producer's last step is its send; the checker, woken by it, fails an
// assert in the second tick before the producer is resumed to end its
// activation, so the producer's next state is not committed in that tick.
TEST_P(EvalProcBackendTest, AnActivationSuspendedAfterItsLastSendCommitsNothingWhenTheTickFails) {
  const std::string ir = R"(package early_commit
chan c(bits[8], id=0, kind=streaming, ops=send_receive)
chan out(bits[8], id=1, kind=streaming, ops=send_only)
proc producer(st: bits[8], init={0}) {
  st: bits[8] = state_read(state_element=st)
  tok: token = literal(value=token)
  one: bits[8] = literal(value=1)
  n: bits[8] = add(st, one)
  s: token = send(tok, st, channel=c)
  next_value.1: () = next_value(state_element=st, value=n)
}
proc checker() {
  tok2: token = literal(value=token)
  r: (token, bits[8]) = receive(tok2, channel=c)
  x: bits[8] = tuple_index(r, index=1)
  zero: bits[8] = literal(value=0)
  is_zero: bits[1] = eq(x, zero)
  chk: token = assert(tok2, is_zero, message="x is not zero")
  s2: token = send(tok2, x, channel=out)
}
)";
  cli_test::CliRun run = RunEvalProcOn(ir, {"--top", "producer", "--ticks", "2", "--show-state"}, GetParam());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.out, "out: bits[8]:0\nout: bits[8]:1\nstate: producer st: bits[8]:1\n");
  EXPECT_NE(run.err.find("assert: x is not zero\n"), std::string::npos) << run.err;
}

// An array access assumed in bounds reports a failed assumption where it is
// evaluated: after the receive, so not in the second tick's activation,
// which blocks on the receive. Compiled code must not move it earlier.
TEST_P(EvalProcBackendTest, AnAssumptionAfterABlockedReceiveIsNotChecked) {
  const std::string ir = R"(package assumed
chan in(bits[8], id=0, kind=streaming, ops=receive_only)
chan out(bits[8], id=1, kind=streaming, ops=send_only)
top proc p() {
  tok: token = literal(value=token)
  big: bits[8] = literal(value=7)
  arr: bits[8][2] = literal(value=[1, 2])
  zero: bits[1] = literal(value=0)
  r: (token, bits[8]) = receive(tok, channel=in)
  x: bits[8] = tuple_index(r, index=1)
  upd: bits[8][2] = array_update(arr, big, indices=[big], assumed_in_bounds=true)
  e: bits[8] = array_index(upd, indices=[zero])
  y: bits[8] = add(x, e)
  s: token = send(tok, y, channel=out)
}
)";
  cli_test::CliRun run = RunEvalProcOn(ir, {"--ticks", "2", "--input", "in=bits[8]:1", "--events"}, GetParam());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "out: bits[8]:2\n");
  EXPECT_EQ(run.err, "assumption: upd: array_update index out of bounds, though assumed_in_bounds=true\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, EvalProcBackendTest, ::testing::Values("interpreter", "jit", "aot"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

constexpr char kCounter[] = R"(package counter
chan inc(bits[8], id=0, kind=streaming, ops=receive_only)
chan out(bits[8], id=1, kind=streaming, ops=send_only)
top proc counter(count: bits[8], init={0}) {
  count: bits[8] = state_read(state_element=count)
  tok: token = literal(value=token)
  r: (token, bits[8]) = receive(tok, channel=inc)
  d: bits[8] = tuple_index(r, index=1)
  sum: bits[8] = add(count, d)
  snd: token = send(tok, sum, channel=out)
  next_value.1: () = next_value(state_element=count, value=sum)
}

fn helper(x: bits[8]) -> bits[8] {
  ret x: bits[8] = param(name=x)
}
)";

class EvalProcCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    ir_ = scratch_.Write("counter.ir", kCounter);
  }
  cli_test::CliRun Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"eval-proc", ir_});
    return cli_test::RunXlsaot(args, scratch_.path());
  }
  cli_test::ScratchDir scratch_;
  std::string ir_;
};

TEST_F(EvalProcCliTest, TicksWithInputsPrintOutputsAndState) {
  cli_test::CliRun run = Run({"--ticks", "3", "--input", "inc=bits[8]:1; bits[8]:2", "--input", "inc=bits[8]:250",
                              "--show-state"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "out: bits[8]:1\nout: bits[8]:3\nout: bits[8]:253\nstate: counter count: bits[8]:253\n");
  EXPECT_EQ(run.err, "");
}

TEST_F(EvalProcCliTest, AScriptRunsItsStepsInOrder) {
  const std::string script = scratch_.Write("s.txt", "// warm up\ninput: inc: bits[8]:5\nticks: 1\n\n"
                                                     "input: inc: bits[8]:6; bits[8]:7\nticks: 2\n");
  cli_test::CliRun run = Run({"--script", script});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "out: bits[8]:5\nout: bits[8]:11\nout: bits[8]:18\n");
}

TEST_F(EvalProcCliTest, ADeadlockNamesTheBlockedChannel) {
  cli_test::CliRun run = Run({"--ticks", "3", "--input", "inc=bits[8]:1"});
  EXPECT_EQ(run.exit_code, 13);
  EXPECT_EQ(run.out, "out: bits[8]:1\n");
  EXPECT_EQ(run.err, "xlsaot: error: tick 3: proc network is deadlocked; blocked channels: inc\n");
}

TEST_F(EvalProcCliTest, BadInputGetsOneLineAndItsStatus) {
  struct BadCase {
    std::vector<std::string> args;
    int status;
    std::string message;
  };
  const std::string bad_script = scratch_.Write("bad.txt", "ticks: 1\nrun: 3\n");
  const std::vector<BadCase> cases = {
      {{"--ticks", "1", "--input", "nope=bits[8]:1"}, 2, "no channel 'nope'"},
      {{"--ticks", "1", "--input", "out=bits[8]:1"}, 2, "'out' is not an input"},
      {{"--ticks", "1", "--input", "inc=bits[9]:1"}, 8, "is not a bits[8]"},
      {{"--ticks", "1", "--input", "inc=bits[8]:"}, 8, ""},
      {{"--ticks", "0"}, 2, ""},
      {{"--ticks", "1", "--top", "helper"}, 7, "'helper' is a function, not a proc"},
      {{"--ticks", "1", "--top", "nothing"}, 6, "no proc named 'nothing'"},
      {{"--script", bad_script}, 8, "bad.txt:2: expected 'input: CHANNEL: VALUES' or 'ticks: N'"},
      {{}, 2, "exactly one of --ticks N or --script FILE"},
  };
  for (const BadCase& c : cases) {
    cli_test::CliRun run = Run(c.args);
    SCOPED_TRACE(testing::PrintToString(c.args));
    EXPECT_EQ(run.exit_code, c.status) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
}

}  // namespace
}  // namespace xlsaot
