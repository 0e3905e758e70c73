// Events from ahead-of-time compiled code (compiled with events): the
// runtime's EventRecorder against the interpreter — traces inside loop
// bodies and invoked functions, covers in loops, labelled asserts — what
// each RunOptions collects, the verbosity filter and the cap; and the
// event sites in the metadata (round trip, validation).
#include "xlsaot/event_recorder.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aot/aot_evaluator.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "tests/aot/aot_test_util.h"
#include "xlsaot/metadata.h"

namespace xlsaot {
namespace {

using testing::ParseVerified;

// A loop whose body traces (verbosity 1) and covers every iteration, a
// callee that traces an aggregate (verbosity 3) and asserts with a label.
constexpr char kLoopIr[] = R"(package loops

fn check(v: bits[8] id=1, pair: (bits[8], bits[70]) id=2) -> bits[8] {
  after_all.3: token = after_all(id=3)
  literal.4: bits[1] = literal(value=1, id=4)
  trace.5: token = trace(after_all.3, literal.4, format="check {:d} {:#x}", data_operands=[v, pair], verbosity=3, id=5)
  literal.6: bits[8] = literal(value=100, id=6)
  ult.7: bits[1] = ult(v, literal.6, id=7)
  assert.8: token = assert(trace.5, ult.7, message="v too big", label="v_small", id=8)
  ret identity.9: bits[8] = identity(v, id=9)
}

fn body(i: bits[4] id=10, acc: bits[8] id=11) -> bits[8] {
  after_all.12: token = after_all(id=12)
  literal.13: bits[1] = literal(value=1, id=13)
  trace.14: token = trace(after_all.12, literal.13, format="i={} acc={:0b}", data_operands=[i, acc], verbosity=1, id=14)
  bit_slice.15: bits[1] = bit_slice(i, start=0, width=1, id=15)
  cover.16: () = cover(bit_slice.15, label="odd_iteration", id=16)
  zero_ext.17: bits[8] = zero_ext(i, new_bit_count=8, id=17)
  ret add.18: bits[8] = add(acc, zero_ext.17, id=18)
}

top fn main(x: bits[8] id=19, wide: bits[70] id=20) -> bits[8] {
  counted_for.21: bits[8] = counted_for(x, trip_count=5, stride=1, body=body, id=21)
  tuple.22: (bits[8], bits[70]) = tuple(counted_for.21, wide, id=22)
  ret invoke.23: bits[8] = invoke(counted_for.21, tuple.22, to_apply=check, id=23)
}
)";

class EventRecorderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto package = ParseVerified(kLoopIr, "loops.ir");
    ASSERT_TRUE(package.ok()) << package.error();
    package_ = std::move(package).value();
    top_ = package_->GetFunction("main");
    AotOptions options;
    options.events = true;
    auto evaluator = AotEvaluator::Create(*top_, options);
    ASSERT_TRUE(evaluator.ok()) << evaluator.error();
    evaluator_ = std::move(evaluator).value();
  }

  std::vector<Value> Args(uint64_t x) const {
    return {Value::UBits(x, 8), Value::Bits(llvm::APInt::getOneBitSet(70, 69))};
  }

  std::unique_ptr<Package> package_;
  const Function* top_ = nullptr;
  std::unique_ptr<AotEvaluator> evaluator_;
};

TEST_F(EventRecorderTest, EverythingMatchesTheInterpreterEventForEvent) {
  for (uint64_t x : {0, 3, 95, 200}) {
    Result<EvalResult> got = evaluator_->Run(Args(x));
    ASSERT_TRUE(got.ok()) << got.error();
    Result<EvalResult> expected = Interpret(*top_, Args(x));
    ASSERT_TRUE(expected.ok()) << expected.error();
    EXPECT_EQ(got->value, expected->value);
    EXPECT_EQ(got->events.log, expected->events.log) << "x = " << x;
    EXPECT_EQ(got->events.cover_hits, expected->events.cover_hits);
  }
  Result<EvalResult> got = evaluator_->Run(Args(200));
  ASSERT_TRUE(got.ok()) << got.error();
  // Five iterations, in order, then the callee's trace and its assert.
  ASSERT_EQ(got->events.log.size(), 7u);
  EXPECT_EQ(got->events.log[0], (Event{Event::Kind::kTrace, "i=0 acc=1100_1000", "", 1}));
  EXPECT_EQ(got->events.log[4], (Event{Event::Kind::kTrace, "i=4 acc=1100_1110", "", 1}));
  EXPECT_EQ(got->events.log[5],
            (Event{Event::Kind::kTrace, "check -46 (0xd2, 0x20_0000_0000_0000_0000)", "", 3}));
  EXPECT_EQ(got->events.log[6], (Event{Event::Kind::kAssert, "v too big", "v_small"}));
  // Odd iterations: i = 1 and 3.
  EXPECT_EQ(got->events.cover_hits, (std::map<std::string, int64_t>{{"odd_iteration", 2}}));
}

TEST_F(EventRecorderTest, OptionsChooseWhatIsCollected) {
  RunOptions nothing;
  nothing.collect = RunOptions::Collect::kNothing;
  Result<EvalResult> none = evaluator_->Run(Args(200), nothing);
  ASSERT_TRUE(none.ok()) << none.error();
  EXPECT_TRUE(none->events.log.empty());
  EXPECT_TRUE(none->events.cover_hits.empty());
  EXPECT_EQ(none->value, Value::UBits(210, 8));

  RunOptions assertions;
  assertions.collect = RunOptions::Collect::kAssertions;
  Result<EvalResult> asserts = evaluator_->Run(Args(200), assertions);
  ASSERT_TRUE(asserts.ok()) << asserts.error();
  EXPECT_EQ(asserts->events.log, (std::vector<Event>{{Event::Kind::kAssert, "v too big", "v_small"}}));
  EXPECT_TRUE(asserts->events.cover_hits.empty());

  // Verbosity 1 keeps the loop's traces, not the callee's (verbosity 3).
  RunOptions quiet;
  quiet.max_trace_verbosity = 1;
  Result<EvalResult> filtered = evaluator_->Run(Args(200), quiet);
  ASSERT_TRUE(filtered.ok()) << filtered.error();
  ASSERT_EQ(filtered->events.log.size(), 6u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(filtered->events.log[i].verbosity, 1);
  EXPECT_EQ(filtered->events.log[5].kind, Event::Kind::kAssert);
  EXPECT_EQ(filtered->events.cover_hits.at("odd_iteration"), 2);
}

TEST_F(EventRecorderTest, TheCapBoundsWhatOneCallKeeps) {
  ArtifactRunner& runner = evaluator_->runner();
  Result<EventRecorder> recorder = EventRecorder::Create(runner.metadata());
  ASSERT_TRUE(recorder.ok()) << recorder.error();
  const uint8_t x = 200;
  std::memcpy(runner.input(0), &x, 1);
  std::memset(runner.input(1), 0, 16);
  RunOptions capped;
  capped.max_events = 3;
  Events events;
  ASSERT_TRUE(runner.Call(recorder->Begin(events, capped)).ok());
  EXPECT_EQ(events.log.size(), 3u);
  EXPECT_EQ(recorder->dropped(), 4u);  // 7 assertions and traces in all
  EXPECT_EQ(events.cover_hits.at("odd_iteration"), 2);  // covers are counts, not kept events
  // The next call starts afresh.
  ASSERT_TRUE(runner.Call(recorder->Begin(events)).ok());
  EXPECT_EQ(events.log.size(), 7u);
  EXPECT_EQ(recorder->dropped(), 0u);
}

TEST_F(EventRecorderTest, MetadataRecordsTheSitesAndSurvivesARoundTrip) {
  const MetadataView& m = evaluator_->runner().metadata();
  EXPECT_EQ(m.features & (XLSAOT_FEATURE_TRACE | XLSAOT_FEATURE_COVER), XLSAOT_FEATURE_TRACE | XLSAOT_FEATURE_COVER);
  ASSERT_EQ(m.traces.size(), 2u);
  EXPECT_EQ(m.traces[0].format, "i={} acc={:0b}");
  EXPECT_EQ(m.traces[0].node, "trace.14");
  EXPECT_EQ(m.traces[0].verbosity, 1u);
  ASSERT_EQ(m.traces[1].operand_types.size(), 2u);
  EXPECT_EQ(TypeDescText(m, m.traces[1].operand_types[1]), "(bits[8], bits[70])");
  ASSERT_EQ(m.covers.size(), 1u);
  EXPECT_EQ(m.covers[0].label, "odd_iteration");
  EXPECT_EQ(m.covers[0].node, "cover.16");

  Result<std::vector<uint8_t>> blob = SerializeMetadata(m);
  ASSERT_TRUE(blob.ok()) << blob.error();
  Result<ArtifactMetadata> parsed = ParseMetadata(*blob);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_TRUE(SameMetadata(parsed->view(), m));
}

TEST_F(EventRecorderTest, ValidationChecksTheSitesAgainstTheFeatureBitsAndTypes) {
  MetadataView m = evaluator_->runner().metadata();
  MetadataView no_trace_bit = m;
  no_trace_bit.features &= ~XLSAOT_FEATURE_TRACE;
  EXPECT_EQ(ValidateMetadata(no_trace_bit).error(),
            "invalid artifact metadata: the TRACE feature bit does not match the 2 trace sites");
  MetadataView no_covers = m;
  no_covers.covers = {};
  EXPECT_EQ(ValidateMetadata(no_covers).error(),
            "invalid artifact metadata: the COVER feature bit does not match the 0 cover sites");
  std::vector<TraceDesc> traces(m.traces.begin(), m.traces.end());
  const uint32_t bad_type[] = {static_cast<uint32_t>(m.types.size())};
  traces[0].operand_types = bad_type;
  MetadataView bad = m;
  bad.traces = traces;
  EXPECT_EQ(ValidateMetadata(bad).error(),
            "invalid artifact metadata: an operand of trace 0 has no type in the table");
  // A format whose placeholders do not match its operands is refused when a
  // recorder is made (the reader does not parse formats: that code is linked
  // only by consumers that record events).
  traces = std::vector<TraceDesc>(m.traces.begin(), m.traces.end());
  traces[0].format = "only {}";
  bad.traces = traces;
  ASSERT_TRUE(ValidateMetadata(bad).ok());
  Result<EventRecorder> recorder = EventRecorder::Create(bad);
  ASSERT_FALSE(recorder.ok());
  EXPECT_EQ(recorder.code(), ErrorCode::kCorruptArtifact);
  EXPECT_EQ(recorder.error(), "artifact 'main', trace 0: the format has 1 placeholders for 2 operands");
}

// assumed_in_bounds=true indexed out of bounds, compiled with events: the
// sites are in the metadata with the ASSUMPTION feature bit, the recorder
// reports each failure as the interpreter does, and the value is the
// clamped one. Without events nothing is checked and no bit is set.
TEST(EventRecorderAssumptionTest, FailedAssumptionsAreRecordedWithEvents) {
  auto package = ParseVerified(R"(package assume

top fn f(a: bits[8][4] id=1, i: bits[3] id=2, v: bits[8] id=3) -> (bits[8], bits[8][4]) {
  array_index.4: bits[8] = array_index(a, indices=[i], assumed_in_bounds=true, id=4)
  array_update.5: bits[8][4] = array_update(a, v, indices=[i], assumed_in_bounds=true, id=5)
  ret tuple.6: (bits[8], bits[8][4]) = tuple(array_index.4, array_update.5, id=6)
}
)", "assume.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  const Function& f = *(*package)->GetFunction("f");
  AotOptions options;
  options.events = true;
  auto evaluator = AotEvaluator::Create(f, options);
  ASSERT_TRUE(evaluator.ok()) << evaluator.error();
  const MetadataView& m = (*evaluator)->runner().metadata();
  EXPECT_NE(m.features & XLSAOT_FEATURE_ASSUMPTION, 0u);
  ASSERT_EQ(m.assumptions.size(), 2u);
  EXPECT_EQ(m.assumptions[0], (AssumptionDesc{"array_index.4", "array_index"}));
  EXPECT_EQ(m.assumptions[1], (AssumptionDesc{"array_update.5", "array_update"}));
  EXPECT_NE(DescribeMetadata(m).find("assumptions:   2\n  0: array_index node \"array_index.4\"\n"), std::string::npos)
      << DescribeMetadata(m);
  Result<std::vector<uint8_t>> blob = SerializeMetadata(m);
  ASSERT_TRUE(blob.ok()) << blob.error();
  Result<ArtifactMetadata> parsed = ParseMetadata(*blob);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_TRUE(SameMetadata(parsed->view(), m));

  const Value a = Value::Array({Value::UBits(1, 8), Value::UBits(2, 8), Value::UBits(3, 8), Value::UBits(4, 8)});
  for (uint64_t i : {0, 3, 4, 7}) {
    const std::vector<Value> args = {a, Value::UBits(i, 3), Value::UBits(9, 8)};
    Result<EvalResult> got = (*evaluator)->Run(args);
    ASSERT_TRUE(got.ok()) << got.error();
    Result<EvalResult> expected = Interpret(f, args);
    ASSERT_TRUE(expected.ok()) << expected.error();
    EXPECT_EQ(got->value, expected->value) << "i = " << i;
    EXPECT_EQ(got->events.assumption_failures, expected->events.assumption_failures) << "i = " << i;
    EXPECT_EQ(got->events.assumption_failures.size(), i >= 4 ? 2u : 0u) << "i = " << i;
  }

  auto plain = AotEvaluator::Create(f);
  ASSERT_TRUE(plain.ok()) << plain.error();
  EXPECT_EQ((*plain)->runner().metadata().features & XLSAOT_FEATURE_ASSUMPTION, 0u);
  EXPECT_TRUE((*plain)->runner().metadata().assumptions.empty());
  Result<EvalResult> unchecked = (*plain)->Run(std::vector<Value>{a, Value::UBits(7, 3), Value::UBits(9, 8)});
  ASSERT_TRUE(unchecked.ok()) << unchecked.error();
  EXPECT_TRUE(unchecked->events.assumption_failures.empty());
  EXPECT_EQ(unchecked->value, Value::Tuple({Value::UBits(4, 8), a}));
}

}  // namespace
}  // namespace xlsaot
