// Procs and channels in the IR library: every shared proc case prints and
// re-parses to the same IR, and each proc rule of the parser and the
// verifier rejects what it must with a message that says where and why.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "tests/support/proc_conformance_case.h"
#include "tests/support/shared_data.h"

namespace xlsaot {
namespace {

Status ParseAndVerify(const std::string& text) {
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "t.ir");
  if (!p.ok()) return p.error_value();
  return VerifyPackage(**p);
}

TEST(ProcIrTest, EveryProcCasePrintsAndReparsesToTheSameIr) {
  const std::vector<std::string> cases = ListProcConformanceCases(test::SharedDir());
  if (cases.empty()) XLSAOT_SHARED_DATA_MISSING("no proc conformance cases under " << test::SharedDir());
  EXPECT_EQ(cases.size(), test::kProcConformanceCaseCount);
  for (const std::string& path : cases) {
    SCOPED_TRACE(path);
    Result<ProcConformanceCase> c = LoadProcConformanceCase(path);
    ASSERT_TRUE(c.ok()) << c.error();
    Result<std::unique_ptr<Package>> first = ParsePackage(c->ir_text, path);
    ASSERT_TRUE(first.ok()) << first.error();
    ASSERT_TRUE(VerifyPackage(**first).ok()) << VerifyPackage(**first).error();
    EXPECT_FALSE((*first)->procs().empty());
    const std::string printed = PrintPackage(**first);
    Result<std::unique_ptr<Package>> second = ParsePackage(printed, path);
    ASSERT_TRUE(second.ok()) << second.error() << "\n" << printed;
    ASSERT_TRUE(VerifyPackage(**second).ok()) << VerifyPackage(**second).error();
    EXPECT_EQ(PrintPackage(**second), printed);
  }
}

TEST(ProcIrTest, PrintingKeepsEveryAttribute) {
  const std::string text = R"(package p

chan in(bits[32], initial_values={1, 2}, id=0, kind=streaming, ops=receive_only, flow_control=ready_valid, fifo_depth=1, metadata="""x""")
chan out(bits[32], id=1, kind=single_value, ops=send_only)

proc q(a: bits[32], b: (bits[1], bits[8][2]), init={7, (1, [2, 3])}) {
  a: bits[32] = state_read(state_element=a, id=1)
  b: (bits[1], bits[8][2]) = state_read(state_element=b, predicate=p, label="rd", id=2)
  tok: token = after_all(id=3)
  p: bits[1] = literal(value=1, id=4)
  r: (token, bits[32], bits[1]) = receive(tok, predicate=p, channel=in, blocking=false, id=5)
  s: token = send(tok, a, predicate=p, channel=out, id=6)
  n: () = next_value(state_element=a, value=a, predicate=p, id=7)
}
)";
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "t.ir");
  ASSERT_FALSE(p.ok());  // `p` is used by a state_read before it is defined
  const std::string fixed = R"(package p

chan in(bits[32], initial_values={1, 2}, id=0, kind=streaming, ops=receive_only, flow_control=ready_valid, fifo_depth=1, metadata="""x""")
chan out(bits[32], id=1, kind=single_value, ops=send_only)

proc q(a: bits[32], b: (bits[1], bits[8][2]), init={7, (1, [2, 3])}) {
  p: bits[1] = literal(value=1, id=4)
  a: bits[32] = state_read(state_element=a, id=1)
  b: (bits[1], bits[8][2]) = state_read(state_element=b, predicate=p, label="rd", id=2)
  tok: token = after_all(id=3)
  r: (token, bits[32], bits[1]) = receive(tok, predicate=p, channel=in, blocking=false, id=5)
  s: token = send(tok, a, predicate=p, channel=out, id=6)
  n: () = next_value(state_element=a, value=a, predicate=p, id=7)
}
)";
  p = ParsePackage(fixed, "t.ir");
  ASSERT_TRUE(p.ok()) << p.error();
  ASSERT_TRUE(VerifyPackage(**p).ok()) << VerifyPackage(**p).error();
  EXPECT_EQ(PrintPackage(**p), fixed);
}

TEST(ProcIrTest, ProcScopedChannelsPrintAsWritten) {
  const std::string text = R"(package p

proc leaf<i: bits[8] in, o: bits[8] out>() {
  chan_interface i(direction=receive, kind=streaming, strictness=proven_mutually_exclusive, flow_control=ready_valid, flop_kind=none)
  chan_interface o(direction=send, kind=streaming, strictness=proven_mutually_exclusive, flow_control=ready_valid, flop_kind=none)
  tok: token = literal(value=token, id=1)
  r: (token, bits[8]) = receive(tok, channel=i, id=2)
  d: bits[8] = tuple_index(r, index=1, id=3)
  s: token = send(tok, d, channel=o, id=4)
}

top proc top<a: bits[8] in, b: bits[8] out>() {
  chan mid(bits[8], id=0, kind=streaming, ops=send_receive)
  chan_interface mid(direction=send, kind=streaming)
  chan_interface mid(direction=receive, kind=streaming)
  proc_instantiation x(a, mid, proc=leaf)
  proc_instantiation y(mid, b, proc=leaf)
}
)";
  Result<std::unique_ptr<Package>> p = ParsePackage(text, "t.ir");
  ASSERT_TRUE(p.ok()) << p.error();
  ASSERT_TRUE(VerifyPackage(**p).ok()) << VerifyPackage(**p).error();
  EXPECT_EQ(PrintPackage(**p), text);
}

struct BadProc {
  const char* name;
  const char* ir;     // after "package p\n"
  ErrorCode code;
  const char* error;  // substring of the message
};

const char kChans[] = R"(
chan in(bits[32], id=0, kind=streaming, ops=receive_only)
chan out(bits[32], id=1, kind=streaming, ops=send_only)
)";

const BadProc kBadProcs[] = {
    {"send_in_function", R"(
fn f(t: token, x: bits[32]) -> token {
  ret s: token = send(t, x, channel=out)
})", ErrorCode::kParse, "operation 'send' is only allowed in a proc, not in function 'f'"},
    {"unknown_state_element", R"(
proc q(a: bits[32], init={0}) {
  r: bits[32] = state_read(state_element=b)
})", ErrorCode::kParse, "proc 'q' has no state element 'b'"},
    {"init_count", R"(
proc q(a: bits[32], b: bits[32], init={0}) {
})", ErrorCode::kParse, "needs exactly 2 values"},
    {"no_init", R"(
proc q(a: bits[32]) {
})", ErrorCode::kParse, "has state elements but no init"},
    {"init_type", R"(
proc q(a: bits[4], init={99}) {
})", ErrorCode::kParse, ""},
    {"unknown_channel", R"(
proc q() {
  tok: token = literal(value=token)
  s: token = send(tok, tok, channel=nowhere)
})", ErrorCode::kVerify, "no channel named 'nowhere'"},
    {"send_on_receive_only", R"(
proc q() {
  tok: token = literal(value=token)
  x: bits[32] = literal(value=1)
  s: token = send(tok, x, channel=in)
})", ErrorCode::kVerify, "cannot send on channel 'in': it is receive_only"},
    {"send_type", R"(
proc q() {
  tok: token = literal(value=token)
  x: bits[8] = literal(value=1)
  s: token = send(tok, x, channel=out)
})", ErrorCode::kVerify, "sends bits[8] on channel 'out' of type bits[32]"},
    {"receive_shape", R"(
proc q() {
  tok: token = literal(value=token)
  r: (token, bits[32]) = receive(tok, channel=in, blocking=false)
})", ErrorCode::kVerify, "expected result type (token, T, bits[1]) for a non-blocking receive"},
    {"receive_type", R"(
proc q() {
  tok: token = literal(value=token)
  r: (token, bits[16]) = receive(tok, channel=in)
})", ErrorCode::kVerify, "receives bits[16] on channel 'in' of type bits[32]"},
    {"predicate_width", R"(
proc q() {
  tok: token = literal(value=token)
  p: bits[2] = literal(value=1)
  r: (token, bits[32]) = receive(tok, predicate=p, channel=in)
})", ErrorCode::kVerify, "expected bits[1] for the predicate of receive"},
    {"next_value_type", R"(
proc q(a: bits[32], init={0}) {
  a: bits[32] = state_read(state_element=a)
  x: bits[8] = literal(value=1)
  n: () = next_value(state_element=a, value=x)
})", ErrorCode::kVerify, "expected bits[32] for the value of next_value, got bits[8]"},
    {"two_senders", R"(
proc q() {
  tok: token = literal(value=token)
  x: bits[32] = literal(value=1)
  s: token = send(tok, x, channel=out)
}
proc r() {
  tok: token = literal(value=token)
  x: bits[32] = literal(value=1)
  s: token = send(tok, x, channel=out)
})", ErrorCode::kVerify, "channel 'out' is already sent on by proc 'q'"},
    {"send_receive_without_receive", R"(
chan loop(bits[32], id=5, kind=streaming, ops=send_receive)
proc q() {
  tok: token = literal(value=token)
  x: bits[32] = literal(value=1)
  s: token = send(tok, x, channel=loop)
})", ErrorCode::kVerify, "send_receive channel 'loop' has no receive"},
    {"single_value_initial_values", R"(
chan sv(bits[32], initial_values={1}, id=5, kind=single_value, ops=receive_only)
)", ErrorCode::kVerify, "single_value channel 'sv' cannot have initial values"},
    {"interface_direction", R"(
proc q<a: bits[8] in>() {
  tok: token = literal(value=token)
  x: bits[8] = literal(value=1)
  s: token = send(tok, x, channel=a)
})", ErrorCode::kVerify, "cannot send on channel 'a': it is an input"},
    {"instantiation_arity", R"(
proc leaf<i: bits[8] in>() {
}
proc top<a: bits[8] in, b: bits[8] in>() {
  proc_instantiation x(a, b, proc=leaf)
})", ErrorCode::kVerify, "passes 2 channels to proc 'leaf', which has 1"},
    {"instantiation_direction", R"(
proc leaf<i: bits[8] in>() {
}
proc top<b: bits[8] out>() {
  proc_instantiation x(b, proc=leaf)
})", ErrorCode::kVerify, "passes output channel 'b' for input 'i'"},
    {"instantiation_cycle", R"(
proc a<>() {
  proc_instantiation x(proc=b)
}
proc b<>() {
  proc_instantiation y(proc=a)
})", ErrorCode::kVerify, "instantiate itself"},
    {"unknown_proc", R"(
proc a<>() {
  proc_instantiation x(proc=nothing)
})", ErrorCode::kParse, "unknown proc 'nothing'"},
    {"channel_without_kind", R"(
chan c(bits[32], id=5, ops=send_receive)
)", ErrorCode::kParse, "channel 'c' has no kind= attribute"},
    {"channel_bad_ops", R"(
chan c(bits[32], id=5, kind=streaming, ops=sometimes)
)", ErrorCode::kParse, "unknown channel ops 'sometimes'"},
    {"legacy_next_count", R"(
proc q(a: bits[32], init={0}) {
  next (a, a)
})", ErrorCode::kParse, "'next' of proc 'q' lists 2 values for 1 state elements"},
    {"channel_attribute_unopened_bracket", R"(
chan c(bits[32], id=5, kind=streaming, ops=send_receive, fifo_depth=])
)", ErrorCode::kParse, "unbalanced ']' in attribute 'fifo_depth'"},
    {"channel_attribute_unopened_brace", R"(
chan c(bits[32], id=5, kind=streaming, ops=send_receive, metadata=})
)", ErrorCode::kParse, "unbalanced '}' in attribute 'metadata'"},
    {"duplicate_channel", R"(
chan in(bits[32], id=7, kind=streaming, ops=receive_only)
)", ErrorCode::kParse, "channel 'in' is declared more than once"},
};

TEST(ProcIrTest, BadProcsAreRejected) {
  for (const BadProc& c : kBadProcs) {
    SCOPED_TRACE(c.name);
    Status s = ParseAndVerify(std::string("package p\n") + kChans + c.ir);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.code(), c.code) << s.error();
    EXPECT_NE(s.error().find(c.error), std::string::npos) << s.error();
  }
}

TEST(ProcIrTest, LegacyStateParametersGetStateReadsAndNextValues) {
  Result<std::unique_ptr<Package>> p = ParsePackage(std::string("package p\n") + kChans + R"(
proc q(tok: token, a: bits[32], init={token, 5}) {
  r: (token, bits[32]) = receive(tok, channel=in)
  d: bits[32] = tuple_index(r, index=1)
  t: token = tuple_index(r, index=0)
  sum: bits[32] = add(a, d)
  s: token = send(t, sum, channel=out)
  next (s, s, sum)
}
)", "t.ir");
  ASSERT_TRUE(p.ok()) << p.error();
  ASSERT_TRUE(VerifyPackage(**p).ok()) << VerifyPackage(**p).error();
  const std::string printed = PrintProc(*(*p)->procs()[0]);
  EXPECT_NE(printed.find("  tok: token = state_read(state_element=tok, id="), std::string::npos) << printed;
  EXPECT_NE(printed.find("  a: bits[32] = state_read(state_element=a, id="), std::string::npos) << printed;
  EXPECT_NE(printed.find("= next_value(state_element=tok, value=s, id="), std::string::npos) << printed;
  EXPECT_NE(printed.find("= next_value(state_element=a, value=sum, id="), std::string::npos) << printed;
}

}  // namespace
}  // namespace xlsaot
