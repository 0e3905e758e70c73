// The proc network interpreter: every shared proc conformance case
// (conformance-procs/cases), and the execution model's rules one by one.
#include "interp/proc_network.h"

#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "tests/support/proc_conformance_case.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

const std::string kSharedDir = test::SharedDir();

struct Loaded {
  std::unique_ptr<Package> package;
  std::unique_ptr<ProcNetwork> network;
};

Loaded Load(const std::string& text, const std::string& top = "") {
  Loaded l;
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "t.ir");
  EXPECT_TRUE(p.ok()) << p.error();
  if (!p.ok()) return l;
  l.package = std::move(p).value();
  Status verified = VerifyPackage(*l.package);
  EXPECT_TRUE(verified.ok()) << verified.error();
  Result<Proc*> proc = l.package->ResolveTopProc(top);
  EXPECT_TRUE(proc.ok()) << proc.error();
  if (!proc.ok()) return l;
  Result<std::unique_ptr<ProcNetwork>> n = ProcNetwork::Create(*l.package, **proc);
  EXPECT_TRUE(n.ok()) << n.error();
  if (n.ok()) l.network = std::move(n).value();
  return l;
}

size_t Channel(const ProcNetwork& n, const std::string& name) {
  std::optional<size_t> c = n.FindChannel(name);
  EXPECT_TRUE(c.has_value()) << name;
  return c.value_or(0);
}

Value U32(uint64_t v) { return Value::UBits(v, 32); }

TEST(ProcConformanceSuiteTest, CasesArePresent) {
  const std::vector<std::string> cases = ListProcConformanceCases(kSharedDir);
  if (cases.empty()) {
    XLSAOT_SHARED_DATA_MISSING("no proc conformance cases under " << kSharedDir << "/conformance-procs/cases");
  }
  EXPECT_EQ(cases.size(), test::kProcConformanceCaseCount);
}

class ProcConformanceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ProcConformanceTest, Interpreter) {
  Result<ProcConformanceCase> c = LoadProcConformanceCase(GetParam());
  ASSERT_TRUE(c.ok()) << c.error();
  Loaded l = Load(c->ir_text, c->top);
  ASSERT_NE(l.network, nullptr);
  ProcNetwork& n = *l.network;
  Status failure;
  for (const ProcCaseStep& step : c->script) {
    if (step.is_input) {
      for (const Value& v : step.values) ASSERT_TRUE(n.Send(Channel(n, step.channel), v).ok()) << step.text;
    } else {
      for (int64_t i = 0; i < step.ticks && failure.ok(); ++i) failure = n.Tick();
    }
    if (!failure.ok()) break;
  }
  if (!c->expected_assert.empty()) {
    ASSERT_EQ(failure.code(), ErrorCode::kAssertionFailed) << failure.error();
    EXPECT_EQ(failure.error(), c->expected_assert);
  } else if (!c->expected_deadlock.empty()) {
    ASSERT_EQ(failure.code(), ErrorCode::kDeadlock) << failure.error();
    for (const std::string& channel : c->expected_deadlock)
      EXPECT_NE(failure.error().find(channel), std::string::npos) << failure.error();
  } else if (!c->conflict_proc.empty()) {
    ASSERT_EQ(failure.code(), ErrorCode::kStateConflict) << failure.error();
    EXPECT_NE(failure.error().find("'" + c->conflict_proc + "'"), std::string::npos) << failure.error();
    EXPECT_NE(failure.error().find("'" + c->conflict_element + "'"), std::string::npos) << failure.error();
  } else {
    ASSERT_TRUE(failure.ok()) << failure.error();
  }
  for (const ProcCaseOutput& out : c->outputs) {
    std::span<const Value> sent = n.SentValues(Channel(n, out.channel));
    std::vector<Value> got(sent.begin(), sent.end());
    // What a failing tick sends before it fails is not specified.
    if (c->fails() && got.size() > out.values.size()) got.resize(out.values.size());
    EXPECT_EQ(got, out.values) << "channel " << out.channel;
  }
  for (const ProcCaseState& s : c->states) {
    bool found = false;
    for (size_t i = 0; i < n.instances().size(); ++i) {
      const Proc& proc = *n.instances()[i].proc;
      if (proc.name() != s.proc) continue;
      const int64_t e = proc.StateElementIndex(s.element);
      ASSERT_GE(e, 0) << s.element;
      EXPECT_EQ(n.State(i)[static_cast<size_t>(e)], s.value) << s.proc << " " << s.element;
      found = true;
    }
    EXPECT_TRUE(found) << "no instance of " << s.proc;
  }
  if (c->has_trace_lines) {
    std::vector<std::string> traces;
    for (const Event& e : n.events().log)
      if (e.kind == Event::Kind::kTrace) traces.push_back(e.text);
    EXPECT_EQ(traces, c->traces);
  }
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, ProcConformanceTest, ::testing::ValuesIn(ListProcConformanceCases(kSharedDir)),
                         CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ProcConformanceTest);

// A pipeline of two procs over global channels: a value input before the
// tick crosses both procs within that one tick (a send wakes the receiver).
constexpr char kPipeline[] = R"(package pipeline
chan in(bits[32], id=0, kind=streaming, ops=receive_only)
chan mid(bits[32], id=1, kind=streaming, ops=send_receive)
chan out(bits[32], id=2, kind=streaming, ops=send_only)

proc second() {
  tok: token = literal(value=token)
  r: (token, bits[32]) = receive(tok, channel=mid)
  d: bits[32] = tuple_index(r, index=1)
  t: token = tuple_index(r, index=0)
  one: bits[32] = literal(value=1)
  s: bits[32] = add(d, one)
  snd: token = send(t, s, channel=out)
}

proc first() {
  tok: token = literal(value=token)
  r: (token, bits[32]) = receive(tok, channel=in)
  d: bits[32] = tuple_index(r, index=1)
  t: token = tuple_index(r, index=0)
  two: bits[32] = literal(value=2)
  m: bits[32] = umul(d, two)
  snd: token = send(t, m, channel=mid)
}
)";

TEST(ProcNetworkTest, ASendWakesItsReceiverWithinTheTick) {
  Loaded l = Load(kPipeline, "first");
  ProcNetwork& n = *l.network;
  ASSERT_EQ(n.instances().size(), 2u);
  EXPECT_EQ(n.instances()[0].path, "second");  // file order
  ASSERT_TRUE(n.Send(Channel(n, "in"), U32(5)).ok());
  ASSERT_TRUE(n.Send(Channel(n, "in"), U32(7)).ok());
  ASSERT_TRUE(n.Tick().ok());
  // `second` ran first and blocked on `mid`; `first`'s send woke it.
  ASSERT_EQ(n.SentValues(Channel(n, "out")).size(), 1u);
  EXPECT_EQ(n.SentValues(Channel(n, "out"))[0], U32(11));
  ASSERT_TRUE(n.Tick().ok());
  EXPECT_EQ(n.Receive(Channel(n, "out")), U32(11));
  EXPECT_EQ(n.Receive(Channel(n, "out")), U32(15));
  EXPECT_EQ(n.Receive(Channel(n, "out")), std::nullopt);
  // Nothing left to receive: both instances start an activation and block
  // (progress), then start the next tick blocked, which is a deadlock naming
  // both blocked channels.
  ASSERT_TRUE(n.Tick().ok());
  Status s = n.Tick();
  ASSERT_EQ(s.code(), ErrorCode::kDeadlock) << s.error();
  EXPECT_EQ(s.error(), "proc network is deadlocked; blocked channels: in, mid");
}

TEST(ProcNetworkTest, InputsAreCheckedAgainstTheChannel) {
  Loaded l = Load(kPipeline, "first");
  ProcNetwork& n = *l.network;
  EXPECT_EQ(n.Send(Channel(n, "out"), U32(1)).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(n.Send(Channel(n, "mid"), U32(1)).code(), ErrorCode::kInvalidArgument);
  Status wrong = n.Send(Channel(n, "in"), Value::UBits(1, 8));
  EXPECT_EQ(wrong.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(wrong.error().find("bits[32]"), std::string::npos) << wrong.error();
  EXPECT_FALSE(n.FindChannel("nope").has_value());
}

// A blocked activation resumes at its receive: the state it read and the
// trace it already recorded are not redone, and its state commits only
// when the activation ends.
TEST(ProcNetworkTest, ABlockedActivationResumesAtItsReceive) {
  Loaded l = Load(R"(package resume
chan in(bits[32], id=0, kind=streaming, ops=receive_only)
chan out(bits[32], id=1, kind=streaming, ops=send_only)
proc p(count: bits[32], init={10}) {
  count: bits[32] = state_read(state_element=count)
  tok: token = literal(value=token)
  on: bits[1] = literal(value=1)
  t: token = trace(tok, on, format="start {}", data_operands=[count])
  r: (token, bits[32]) = receive(tok, channel=in)
  d: bits[32] = tuple_index(r, index=1)
  s: bits[32] = add(count, d)
  snd: token = send(tok, s, channel=out)
  nv: () = next_value(state_element=count, value=s)
}
)");
  ASSERT_NE(l.network, nullptr);
  ProcNetwork& n = *l.network;
  ASSERT_TRUE(n.Tick().ok());  // runs up to the receive and blocks
  EXPECT_EQ(n.State(0)[0], U32(10));
  EXPECT_EQ(n.Tick().code(), ErrorCode::kDeadlock);  // still nothing to receive
  ASSERT_TRUE(n.Send(Channel(n, "in"), U32(5)).ok());
  ASSERT_TRUE(n.Tick().ok());
  EXPECT_EQ(n.State(0)[0], U32(15));
  ASSERT_TRUE(n.Send(Channel(n, "in"), U32(1)).ok());
  ASSERT_TRUE(n.Tick().ok());
  EXPECT_EQ(n.State(0)[0], U32(16));
  std::vector<std::string> traces;
  for (const Event& e : n.events().log) traces.push_back(e.text);
  // One trace per activation started, not per resumption.
  EXPECT_EQ(traces, (std::vector<std::string>{"start 10", "start 15"}));
  std::span<const Value> out = n.SentValues(Channel(n, "out"));
  EXPECT_EQ(std::vector<Value>(out.begin(), out.end()), (std::vector<Value>{U32(15), U32(16)}));
}

TEST(ProcNetworkTest, SingleValueChannelsKeepTheirLastValue) {
  Loaded l = Load(R"(package sv
chan cfg(bits[32], id=0, kind=single_value, ops=receive_only)
chan out(bits[32], id=1, kind=streaming, ops=send_only)
proc p() {
  tok: token = literal(value=token)
  r: (token, bits[32], bits[1]) = receive(tok, channel=cfg, blocking=false)
  d: bits[32] = tuple_index(r, index=1)
  snd: token = send(tok, d, channel=out)
}
)");
  ASSERT_NE(l.network, nullptr);
  ProcNetwork& n = *l.network;
  ASSERT_TRUE(n.Tick().ok());  // never written: a non-blocking receive finds nothing
  ASSERT_TRUE(n.Send(Channel(n, "cfg"), U32(3)).ok());
  ASSERT_TRUE(n.Send(Channel(n, "cfg"), U32(4)).ok());
  ASSERT_TRUE(n.Tick().ok());
  ASSERT_TRUE(n.Tick().ok());  // a receive does not consume the value
  std::span<const Value> out = n.SentValues(Channel(n, "out"));
  EXPECT_EQ(std::vector<Value>(out.begin(), out.end()), (std::vector<Value>{U32(0), U32(4), U32(4)}));
}

// Proc-scoped channels: one queue per instance of the declaring proc, named
// by the instantiation path.
TEST(ProcNetworkTest, ProcScopedNetworksAreElaboratedInPreOrder) {
  Loaded l = Load(R"(package scoped
proc leaf<i: bits[8] in, o: bits[8] out>() {
  chan_interface i(direction=receive, kind=streaming)
  chan_interface o(direction=send, kind=streaming)
  tok: token = literal(value=token)
  r: (token, bits[8]) = receive(tok, channel=i)
  d: bits[8] = tuple_index(r, index=1)
  one: bits[8] = literal(value=1)
  s: bits[8] = add(d, one)
  snd: token = send(tok, s, channel=o)
}
proc pair<i: bits[8] in, o: bits[8] out>() {
  chan mid(bits[8], kind=streaming, ops=send_receive)
  proc_instantiation a(i, mid, proc=leaf)
  proc_instantiation b(mid, o, proc=leaf)
}
top proc top<in: bits[8] in, out: bits[8] out>() {
  chan link(bits[8], kind=streaming, ops=send_receive)
  proc_instantiation first(in, link, proc=pair)
  proc_instantiation second(link, out, proc=pair)
}
)");
  ASSERT_NE(l.network, nullptr);
  ProcNetwork& n = *l.network;
  std::vector<std::string> paths;
  for (const ProcInstanceInfo& i : n.instances()) paths.push_back(i.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"top", "top::first", "top::first::a", "top::first::b", "top::second",
                                             "top::second::a", "top::second::b"}));
  std::vector<std::string> channels;
  for (const ChannelInstance& c : n.channels()) channels.push_back(c.name);
  EXPECT_EQ(channels, (std::vector<std::string>{"in", "out", "link", "first::mid", "second::mid"}));
  ASSERT_TRUE(n.Send(Channel(n, "in"), Value::UBits(250, 8)).ok());
  ASSERT_TRUE(n.Tick().ok());
  EXPECT_EQ(n.Receive(Channel(n, "out")), Value::UBits(254, 8));
}

}  // namespace
}  // namespace xlsaot
