// The generated C++ API, compiled and linked exactly as a consumer does it
// (xlsaot_add_library on the golden IR files): typed values in and out, for
// every kind of type, checked against the interpreter.
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "asserts.h"
#include "big_loop.h"
#include "events.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "ir/parser.h"
#include "nested.h"
#include "scalar.h"
#include "tests/aot/aot_test_util.h"
#include "wide.h"
#include "zero_width.h"

namespace xlsaot {
namespace {

using testing::ParseVerified;
using testing::ReadFileText;

const std::string kGoldenDir = XLSAOT_GOLDEN_DIR;

template <typename T>
struct IsStdArray : std::false_type {};
template <typename T, size_t N>
struct IsStdArray<std::array<T, N>> : std::true_type {};
template <typename T>
struct IsTuple : std::false_type {};
template <typename... T>
struct IsTuple<std::tuple<T...>> : std::true_type {};
template <typename T>
struct IsBits : std::false_type {};
template <int64_t N>
struct IsBits<Bits<N>> : std::true_type {};

// The XLS value of a generated-API value of type `type`.
template <typename T>
Value ToValue(const T& v, const Type* type) {
  if constexpr (std::is_same_v<T, Token>) {
    return Value::Token();
  } else if constexpr (std::is_same_v<T, ZeroBits>) {
    return Value::UBits(0, 0);
  } else if constexpr (std::is_same_v<T, bool> || std::is_unsigned_v<T>) {
    return Value::UBits(static_cast<uint64_t>(v), type->bit_count());
  } else if constexpr (IsBits<T>::value) {
    Result<Value> parsed =
        ParseValueOfType(v.ToHex(), type);  // "0x..." text of the same width
    EXPECT_TRUE(parsed.ok()) << parsed.error();
    return parsed.ok() ? *parsed : Value();
  } else if constexpr (IsStdArray<T>::value) {
    std::vector<Value> elements;
    elements.reserve(v.size());
    for (const auto& e : v) elements.push_back(ToValue(e, type->element()));
    return Value::Array(std::move(elements));
  } else {
    static_assert(IsTuple<T>::value);
    std::vector<Value> elements;
    std::apply(
        [&](const auto&... e) {
          size_t i = 0;
          (elements.push_back(ToValue(e, type->elements()[i++])), ...);
        },
        v);
    return Value::Tuple(std::move(elements));
  }
}

// Random arguments of scalar's mac(a: bits[8], b: bits[16], negate: bits[1],
// acc: bits[33]), in its layout struct.
scalar::Inputs RandomMacInputs(std::mt19937_64& rng) {
  return {.a = static_cast<uint8_t>(rng()), .b = static_cast<uint16_t>(rng()), .negate = (rng() & 1) != 0,
          .acc = rng() & ((uint64_t{1} << 33) - 1)};
}

Bits<257> RandomBits257(std::mt19937_64& rng) {
  Bits<257> value;
  for (size_t w = 0; w < Bits<257>::kWordCount; ++w) value.set_word(w, rng());
  return value;
}

// Random arguments of nested(a, b), in the API's C++ types.
using NestedA = std::tuple<uint8_t, std::array<uint16_t, 2>>;
using NestedB = std::tuple<bool, std::array<std::tuple<uint64_t, Bits<65>>, 2>>;
std::pair<NestedA, NestedB> RandomNestedArgs(std::mt19937_64& rng) {
  NestedA a{static_cast<uint8_t>(rng() & 7), {static_cast<uint16_t>(rng()), static_cast<uint16_t>(rng())}};
  NestedB b;
  std::get<0>(b) = rng() & 1;
  for (auto& e : std::get<1>(b)) {
    std::get<0>(e) = rng();
    std::get<1>(e).set_word(0, rng());
    std::get<1>(e).set_word(1, rng());
  }
  return {a, b};
}

class GeneratedApiTest : public ::testing::Test {
 protected:
  const Function& Load(const std::string& name, const std::string& top) {
    auto package = ParseVerified(ReadFileText(kGoldenDir + "/" + name + ".ir"), name + ".ir");
    EXPECT_TRUE(package.ok()) << package.error();
    packages_.push_back(std::move(*package));
    return *packages_.back()->GetFunction(top);
  }
  // The interpreter's value of `f` on `args`.
  Value Oracle(const Function& f, const std::vector<Value>& args) {
    Result<EvalResult> r = Interpret(f, args);
    EXPECT_TRUE(r.ok()) << r.error();
    return r.ok() ? r->value : Value();
  }

 private:
  std::vector<std::unique_ptr<Package>> packages_;
};

TEST_F(GeneratedApiTest, ScalarsUseTheSmallestContainer) {
  static_assert(std::is_same_v<scalar::Runner::Output, uint64_t>);  // bits[33]
  const Function& f = Load("scalar", "mac");
  auto runner = scalar::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937_64 rng(3);
  for (int i = 0; i < 50; ++i) {
    const auto [a, b, negate, acc] = RandomMacInputs(rng);
    Result<uint64_t> got = runner->Run(a, b, negate, acc);
    ASSERT_TRUE(got.ok()) << got.error();
    EXPECT_EQ(ToValue(*got, f.return_type()),
              Oracle(f, {Value::UBits(a, 8), Value::UBits(b, 16), Value::Bool(negate),
                         Value::UBits(acc, 33)}));
  }
  // Bits above a value's width are dropped on the way in.
  Result<uint64_t> masked = runner->Run(0, 0, false, ~uint64_t{0});
  ASSERT_TRUE(masked.ok());
  EXPECT_EQ(*masked, (uint64_t{1} << 33) - 1);
}

TEST_F(GeneratedApiTest, WideBitsAreXlsaotBits) {
  static_assert(std::is_same_v<wide::Runner::Output, std::tuple<Bits<257>, bool>>);
  const Function& f = Load("wide", "wide");
  auto runner = wide::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937_64 rng(5);
  for (int i = 0; i < 20; ++i) {
    const Bits<257> a = RandomBits257(rng), b = RandomBits257(rng);
    const uint64_t c = rng();
    auto got = runner->Run(a, b, c);
    ASSERT_TRUE(got.ok()) << got.error();
    const Type* t257 = Type::Bits(257);
    EXPECT_EQ(ToValue(*got, f.return_type()),
              Oracle(f, {ToValue(a, t257), ToValue(b, t257), Value::UBits(c, 64)}));
  }
}

TEST_F(GeneratedApiTest, NestedTuplesAndArrays) {
  static_assert(std::is_same_v<nested::Runner::Output,
                               std::tuple<std::array<std::tuple<Bits<65>, uint8_t>, 2>,
                                          std::array<std::array<uint16_t, 2>, 2>, bool>>);
  const Function& f = Load("nested", "nested");
  auto runner = nested::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937_64 rng(9);
  for (int i = 0; i < 20; ++i) {
    const auto [a, b] = RandomNestedArgs(rng);
    auto got = runner->Run(a, b);
    ASSERT_TRUE(got.ok()) << got.error();
    EXPECT_EQ(ToValue(*got, f.return_type()),
              Oracle(f, {ToValue(a, f.param(0)->type()), ToValue(b, f.param(1)->type())}));
  }
}

TEST_F(GeneratedApiTest, AssertionsFailRunAndAreListedByRunWithEvents) {
  const Function& f = Load("asserts", "checked");
  auto runner = asserts::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();

  Result<uint8_t> fine = runner->Run({}, 3, 10);
  ASSERT_TRUE(fine.ok()) << fine.error();
  EXPECT_EQ(*fine, 7);

  Result<uint8_t> too_big = runner->Run({}, 20, 10);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.code(), ErrorCode::kAssertionFailed);
  EXPECT_EQ(too_big.error(), "assertion failed: x exceeds \"limit\" \\ 100%");

  // x = 0 passes the range check and fails the zero check.
  auto events = runner->RunWithEvents({}, 0, 0);
  ASSERT_TRUE(events.ok()) << events.error();
  EXPECT_EQ(events->assertions, (std::vector<std::string>{"x is zero?\n"}));
  EXPECT_EQ(events->output, 0);

  auto range = runner->RunWithEvents({}, 200, 100);
  ASSERT_TRUE(range.ok()) << range.error();
  EXPECT_EQ(range->assertions, (std::vector<std::string>{"x exceeds \"limit\" \\ 100%"}));
  // The value is computed regardless, as the interpreter does.
  Result<EvalResult> oracle =
      Interpret(f, std::vector<Value>{Value::Token(), Value::UBits(200, 8), Value::UBits(100, 8)});
  ASSERT_TRUE(oracle.ok());
  EXPECT_EQ(Value::UBits(range->output, 8), oracle->value);
  ASSERT_EQ(oracle->events.log.size(), 1u);
  EXPECT_EQ(oracle->events.log[0].text, range->assertions[0]);
}

// An artifact compiled with events (xlsaot_add_library ... EVENTS): Run()
// computes and reports assertions as before, never formatting a trace; the
// runtime's EventRecorder collects every event of a call on the same runner.
TEST_F(GeneratedApiTest, AnEventsArtifactRunsAndItsEventsAreRecorded) {
  const Function& f = Load("events", "traced");
  auto runner = events::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  EXPECT_EQ(events::kMetadata.traces.size(), 2u);
  EXPECT_EQ(events::kMetadata.covers.size(), 1u);
  const auto wide = xlsaot::Bits<65>::FromHex("0x1_0000_0000_0000_0002");
  ASSERT_TRUE(wide.has_value());
  Result<uint16_t> sum = runner->Run(5, {true, *wide});
  ASSERT_TRUE(sum.ok()) << sum.error();
  EXPECT_EQ(*sum, 5 + 0 + 1 + 2);
  Result<uint16_t> zero = runner->Run(0, {true, *wide});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error(), "assertion failed: x must not be zero");

  // RunWithEvents: every event, as the interpreter gives them.
  auto recorded = runner->RunWithEvents(0, {true, *wide});
  ASSERT_TRUE(recorded.ok()) << recorded.error();
  Result<EvalResult> oracle = Interpret(
      f, std::vector<Value>{Value::UBits(0, 16), Value::Tuple({Value::UBits(1, 1),
                                                                Value::Bits(llvm::APInt(65, 2) | llvm::APInt::getOneBitSet(65, 64))})});
  ASSERT_TRUE(oracle.ok()) << oracle.error();
  EXPECT_EQ(Value::UBits(recorded->output, 16), oracle->value);
  EXPECT_EQ(recorded->events.log, oracle->events.log);
  EXPECT_EQ(recorded->events.cover_hits, oracle->events.cover_hits);
  ASSERT_EQ(recorded->events.log.size(), 5u);
  EXPECT_EQ(recorded->events.log[0].text, "pair = (1, 0x1_0000_0000_0000_0002) {literal}");
  EXPECT_EQ(recorded->events.log[1], (Event{Event::Kind::kAssert, "x must not be zero", "x_nonzero"}));
  EXPECT_EQ(recorded->events.log[2], (Event{Event::Kind::kTrace, "step 0 acc=0x0", "", 2}));
  EXPECT_EQ(recorded->events.cover_hits.at("pair_flag_set"), 1);
  EXPECT_EQ(recorded->assertions, (std::vector<std::string>{"x must not be zero"}));
  EXPECT_FALSE(recorded->truncated());

  // RunOptions: a verbosity limit, a cap, assertions only.
  RunOptions options;
  options.max_trace_verbosity = 1;
  auto quiet = runner->RunWithEvents(0, {true, *wide}, options);
  ASSERT_TRUE(quiet.ok()) << quiet.error();
  EXPECT_EQ(quiet->events.log.size(), 2u);  // the verbosity-2 loop traces are left out
  options = RunOptions{};
  options.max_events = 2;
  auto capped = runner->RunWithEvents(0, {true, *wide}, options);
  ASSERT_TRUE(capped.ok()) << capped.error();
  EXPECT_EQ(capped->events.log.size(), 2u);
  EXPECT_EQ(capped->dropped, 3u);
  EXPECT_TRUE(capped->truncated());
  options = RunOptions{};
  options.collect = RunOptions::Collect::kAssertions;
  auto asserts_only = runner->RunWithEvents(0, {true, *wide}, options);
  ASSERT_TRUE(asserts_only.ok()) << asserts_only.error();
  EXPECT_EQ(asserts_only->events.log, (std::vector<Event>{{Event::Kind::kAssert, "x must not be zero", "x_nonzero"}}));
  EXPECT_TRUE(asserts_only->events.cover_hits.empty());
}

// Events from 8 threads, each with its own runner of the events artifact:
// every call's events are its own (the recorder is per runner), and the
// trace text is the one its arguments give.
TEST_F(GeneratedApiTest, EventsOnManyThreads) {
  constexpr int kThreads = 8;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  const auto wide = xlsaot::Bits<65>::FromHex("0x1_0000_0000_0000_0002");
  ASSERT_TRUE(wide.has_value());
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures, &wide] {
      auto runner = events::Runner::Create();
      if (!runner.ok()) {
        failures[t] = -1;
        return;
      }
      for (uint16_t i = 0; i < 2000; ++i) {
        const auto x = static_cast<uint16_t>(i * kThreads + t);
        auto r = runner->RunWithEvents(x, {(i & 1) != 0, *wide});
        if (!r.ok() || r->output != static_cast<uint16_t>(x + 3)) {
          ++failures[t];
          continue;
        }
        // pair trace (odd i) + assert (x == 0) + three loop traces.
        const size_t want = ((i & 1) != 0 ? 1 : 0) + (x == 0 ? 1 : 0) + 3;
        char step0[40];
        std::snprintf(step0, sizeof step0, "step 0 acc=0x%x", static_cast<unsigned>(x));
        if (r->events.log.size() != want || r->events.log[want - 3].text != step0 ||
            r->events.cover_hits.size() != ((i & 1) != 0 ? 1u : 0u)) {
          ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

TEST_F(GeneratedApiTest, LoopStateInScratch) {
  const Function& f = Load("big_loop", "big_loop");
  EXPECT_GE(big_loop::kMetadata.scratch_size, 1200u);
  auto runner = big_loop::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937 rng(1);
  big_loop::Runner::Output init;
  for (auto& x : init) x = rng();
  const uint32_t salt = rng();
  auto got = runner->Run(init, salt);
  ASSERT_TRUE(got.ok()) << got.error();
  EXPECT_EQ(ToValue(*got, f.return_type()),
            Oracle(f, {ToValue(init, f.param(0)->type()), Value::UBits(salt, 32)}));
}

TEST_F(GeneratedApiTest, ZeroWidthValuesAreEmptyTypesWithDefaults) {
  static_assert(std::is_empty_v<Token> && std::is_empty_v<ZeroBits>);
  const Function& f = Load("zero_width", "empties");
  auto runner = zero_width::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  // The trailing `mixed` and `last` parameters are defaulted.
  auto got = runner->Run({}, {}, {}, 42);
  ASSERT_TRUE(got.ok()) << got.error();
  EXPECT_EQ(std::get<3>(*got), 42);
  std::vector<Value> args;
  for (const Node* p : f.params()) args.push_back(Value::Zero(p->type()));
  args[0] = Value::Token();
  args[3] = Value::UBits(42, 8);
  args[5] = Value::Token();
  EXPECT_EQ(ToValue(*got, f.return_type()), Oracle(f, args));
}

// The in-place overload Run(args..., out) and Run(inputs, out): the
// arguments and the output are the ABI buffers themselves.
TEST_F(GeneratedApiTest, InPlaceRunOfScalarsWritesTheResultInPlace) {
  static_assert(std::is_same_v<scalar::Runner::OutputBuffer, uint64_t>);
  auto runner = scalar::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937_64 rng(11);
  for (int i = 0; i < 50; ++i) {
    const scalar::Inputs inputs = RandomMacInputs(rng);
    const auto [a, b, negate, acc] = inputs;
    Result<uint64_t> want = runner->Run(a, b, negate, acc);
    ASSERT_TRUE(want.ok()) << want.error();
    uint64_t out = ~uint64_t{0};
    ASSERT_TRUE(runner->Run(a, b, negate, acc, out).ok());
    EXPECT_EQ(out, *want);
    out = 0;
    ASSERT_TRUE(runner->Run(inputs, out).ok());
    EXPECT_EQ(out, *want);
  }
  // Bits above a value's width are padding: ignored on the way in, zero on
  // the way out.
  uint64_t out = 0;
  ASSERT_TRUE(runner->Run(0, 0, false, ~uint64_t{0}, out).ok());
  EXPECT_EQ(out, (uint64_t{1} << 33) - 1);
}

TEST_F(GeneratedApiTest, InPlaceRunOfWideBitsAndTuples) {
  static_assert(sizeof(wide::OutputBuffer) == wide::kMetadata.types[wide::kMetadata.return_type].size);
  auto runner = wide::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937_64 rng(13);
  for (int i = 0; i < 20; ++i) {
    const Bits<257> a = RandomBits257(rng), b = RandomBits257(rng);
    const uint64_t c = rng();
    auto want = runner->Run(a, b, c);
    ASSERT_TRUE(want.ok()) << want.error();
    wide::OutputBuffer out{};
    ASSERT_TRUE(runner->Run(a, b, c, out).ok());
    EXPECT_EQ(out.f0, std::get<0>(*want));
    EXPECT_EQ(out.f1, std::get<1>(*want));
  }
}

TEST_F(GeneratedApiTest, InPlaceRunOfNestedTuplesAndArrays) {
  static_assert(sizeof(nested::Inputs::a) == nested::kMetadata.types[nested::kMetadata.params[0].type].size);
  static_assert(sizeof(nested::Inputs::b) == nested::kMetadata.types[nested::kMetadata.params[1].type].size);
  auto runner = nested::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937_64 rng(17);
  for (int i = 0; i < 20; ++i) {
    const auto [a, b] = RandomNestedArgs(rng);
    auto want = runner->Run(a, b);
    ASSERT_TRUE(want.ok()) << want.error();

    nested::Inputs inputs{};
    inputs.a.f0 = std::get<0>(a);
    inputs.a.f1 = std::get<1>(a);
    inputs.b.f0 = std::get<0>(b);
    for (size_t k = 0; k < 2; ++k) {
      inputs.b.f1[k].f0 = std::get<0>(std::get<1>(b)[k]);
      inputs.b.f1[k].f1 = std::get<1>(std::get<1>(b)[k]);
    }
    nested::OutputBuffer out{};
    ASSERT_TRUE(runner->Run(inputs.a, inputs.b, out).ok());
    for (size_t k = 0; k < 2; ++k) {
      EXPECT_EQ(out.f0[k].f0, std::get<0>(std::get<0>(*want)[k]));
      EXPECT_EQ(out.f0[k].f1, std::get<1>(std::get<0>(*want)[k]));
    }
    EXPECT_EQ(out.f1, std::get<1>(*want));
    EXPECT_EQ(out.f2, std::get<2>(*want));
    nested::OutputBuffer again{};
    ASSERT_TRUE(runner->Run(inputs, again).ok());
    EXPECT_EQ(std::memcmp(&again, &out, sizeof out), 0);
  }
}

TEST_F(GeneratedApiTest, InPlaceRunOfArraysAndZeroWidthValues) {
  auto loop = big_loop::Runner::Create();
  ASSERT_TRUE(loop.ok()) << loop.error();
  static_assert(std::is_same_v<big_loop::Runner::OutputBuffer, std::array<uint32_t, 300>>);
  big_loop::Runner::Output init;
  std::iota(init.begin(), init.end(), 7u);
  auto want = loop->Run(init, 99);
  ASSERT_TRUE(want.ok()) << want.error();
  big_loop::OutputBuffer out{};
  ASSERT_TRUE(loop->Run(init, 99, out).ok());
  EXPECT_EQ(out, *want);

  // Parameters and elements without storage have no member and no buffer.
  auto empties = zero_width::Runner::Create();
  ASSERT_TRUE(empties.ok()) << empties.error();
  zero_width::OutputBuffer result{};
  static_assert(sizeof(result) == 1);  // the bits[8] element only
  ASSERT_TRUE(empties->Run({}, {}, {}, 42, {}, {}, result).ok());
  EXPECT_EQ(result.f3, 42);
  zero_width::Inputs inputs{.x = 43};
  ASSERT_TRUE(empties->Run(inputs, result).ok());
  EXPECT_EQ(result.f3, 43);
}

TEST_F(GeneratedApiTest, AssertionsFailTheInPlaceRun) {
  auto runner = asserts::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  uint8_t out = 0;
  ASSERT_TRUE(runner->Run({}, 3, 10, out).ok());
  EXPECT_EQ(out, 7);
  Status failed = runner->Run({}, 20, 10, out);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.code(), ErrorCode::kAssertionFailed);
  EXPECT_EQ(failed.error(), "assertion failed: x exceeds \"limit\" \\ 100%");
  EXPECT_EQ(out, static_cast<uint8_t>(10 - 20));  // computed regardless
  // Two failures: the first message and the count, as Run(args...) gives.
  Status both = runner->Run({}, 0, 0, out);
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error(), "assertion failed: x is zero?\n");

  // An artifact compiled with events: traces and covers are dropped, the
  // failed assertion is still an error.
  auto traced = events::Runner::Create();
  ASSERT_TRUE(traced.ok()) << traced.error();
  const auto wide = xlsaot::Bits<65>::FromHex("0x1_0000_0000_0000_0002");
  ASSERT_TRUE(wide.has_value());
  events::Inputs in{};
  in.x = 5;
  in.pair.f0 = true;
  in.pair.f1 = *wide;
  uint16_t sum = 0;
  ASSERT_TRUE(traced->Run(in, sum).ok());
  EXPECT_EQ(sum, 5 + 0 + 1 + 2);
  in.x = 0;
  Status zero = traced->Run(in, sum);
  EXPECT_EQ(zero.error(), "assertion failed: x must not be zero");
}

TEST_F(GeneratedApiTest, RunBatchComputesEveryElement) {
  auto runner = scalar::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937_64 rng(19);
  std::vector<scalar::Inputs> inputs(64);
  for (scalar::Inputs& in : inputs) in = RandomMacInputs(rng);
  std::vector<uint64_t> outputs(inputs.size());
  ASSERT_TRUE(runner->RunBatch(inputs, outputs).ok());
  for (size_t i = 0; i < inputs.size(); ++i) {
    Result<uint64_t> want = runner->Run(inputs[i].a, inputs[i].b, inputs[i].negate, inputs[i].acc);
    ASSERT_TRUE(want.ok());
    EXPECT_EQ(outputs[i], *want) << "element " << i;
  }
  ASSERT_TRUE(runner->RunBatch({}, {}).ok());
  Status mismatch = runner->RunBatch(inputs, std::span(outputs).first(3));
  EXPECT_EQ(mismatch.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(mismatch.error(), "RunBatch: 64 inputs but 3 outputs");
}

TEST_F(GeneratedApiTest, RunBatchStopsAtTheFirstFailingElement) {
  auto runner = asserts::Runner::Create();
  ASSERT_TRUE(runner.ok()) << runner.error();
  const std::vector<asserts::Inputs> inputs = {{.x = 1, .limit = 5}, {.x = 2, .limit = 9}, {.x = 20, .limit = 10},
                                               {.x = 3, .limit = 4}};
  std::vector<uint8_t> outputs(inputs.size(), 0xaa);
  Status status = runner->RunBatch(inputs, outputs);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kAssertionFailed);
  EXPECT_EQ(status.error(), "batch element 2: assertion failed: x exceeds \"limit\" \\ 100%");
  EXPECT_EQ(outputs, (std::vector<uint8_t>{4, 7, static_cast<uint8_t>(10 - 20), 0xaa}));
}

TEST_F(GeneratedApiTest, MetadataDescribesTheSignature) {
  constexpr const MetadataView& m = scalar::kMetadata;
  static_assert(m.params.size() == 4);
  static_assert(m.abi_version == XLSAOT_ABI_VERSION);
  EXPECT_EQ(m.entry_symbol, "xlsaot_scalar__scalar");
  EXPECT_EQ(m.function_name, "mac");
  EXPECT_EQ(m.params[2].name, "negate");
  EXPECT_EQ(TypeDescText(m, m.return_type), "bits[33]");
  EXPECT_EQ(m.result_type().size, 8u);
  EXPECT_TRUE(ValidateMetadata(m).ok());
  auto runner = scalar::Runner::Create();
  ASSERT_TRUE(runner.ok());
  EXPECT_TRUE(SameMetadata(runner->artifact_runner().metadata(), m));
  EXPECT_EQ(asserts::kMetadata.asserts.size(), 2u);
  EXPECT_EQ(asserts::kMetadata.asserts[0].label, "range");
}

TEST_F(GeneratedApiTest, ManyRunnersOnManyThreads) {
  constexpr int kThreads = 8;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      auto runner = scalar::Runner::Create();
      if (!runner.ok()) {
        failures[t] = -1;
        return;
      }
      for (uint32_t i = 0; i < 20000; ++i) {
        const auto a = static_cast<uint8_t>(i + t);
        const auto b = static_cast<uint16_t>(i * 7);
        Result<uint64_t> r = runner->Run(a, b, false, t);
        const uint64_t want = (uint64_t{a} * b + static_cast<uint64_t>(t)) & ((uint64_t{1} << 33) - 1);
        if (!r.ok() || *r != want) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace xlsaot
