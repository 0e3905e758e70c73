// The JIT runner: reuse, threads, scratch memory, the raw ABI, errors, and
// large functions.
#include <atomic>
#include <cstring>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "codegen/type_layout.h"
#include "codegen/value_buffer.h"
#include "gtest/gtest.h"
#include "tests/jit/differential_check.h"
#include "tests/jit/ir_text.h"

namespace xlsaot {
namespace {

struct Compiled {
  std::unique_ptr<Package> package;
  Function* top = nullptr;
  std::unique_ptr<JitFunction> jit;
};

Compiled Compile(const std::string& ir, const CodegenOptions& options = {}) {
  Compiled c;
  Result<std::unique_ptr<Package>> package = ParsePackage(ir);
  EXPECT_TRUE(package.ok()) << package.error();
  if (!package.ok()) return c;
  c.package = std::move(package).value();
  Status verified = VerifyPackage(*c.package);
  EXPECT_TRUE(verified.ok()) << verified.error();
  Result<Function*> top = c.package->ResolveTopFunction();
  EXPECT_TRUE(top.ok()) << top.error();
  if (!verified.ok() || !top.ok()) return c;
  c.top = *top;
  Result<std::unique_ptr<JitFunction>> jit = JitFunction::Create(*c.top, options);
  EXPECT_TRUE(jit.ok()) << jit.error();
  if (jit.ok()) c.jit = std::move(jit).value();
  return c;
}

// A function with a loop, arrays, an assert, a trace and a cover, so that
// every piece of runner state is used.
constexpr char kBusyIr[] = R"(package busy

fn body(i: bits[8], acc: bits[32][4], k: bits[32]) -> bits[32][4] {
  e: bits[32] = array_index(acc, indices=[i])
  ix: bits[32] = zero_ext(i, new_bit_count=32)
  m: bits[32] = umul(e, k)
  s: bits[32] = add(m, ix)
  ret u: bits[32][4] = array_update(acc, s, indices=[i])
}

top fn f(x: bits[32], a: bits[32][4]) -> (bits[32][4], bits[32]) {
  l: bits[32][4] = counted_for(a, trip_count=4, body=body, invariant_args=[x])
  t: token = after_all()
  lim: bits[32] = literal(value=1000)
  ok: bits[1] = ult(x, lim)
  as: token = assert(t, ok, message="x too big", label="big_x")
  big: bits[1] = not(ok)
  tr: token = trace(as, big, format="x = {:#x}", data_operands=[x])
  c: () = cover(big, label="big")
  e0: bits[32] = array_index(l, indices=[x])
  ret r: (bits[32][4], bits[32]) = tuple(l, e0)
}
)";

TEST(JitRunnerTest, RunnerIsReusableAndMatchesTheInterpreter) {
  Compiled c = Compile(kBusyIr);
  ASSERT_NE(c.jit, nullptr);
  Result<std::unique_ptr<JitRunner>> runner = c.jit->CreateRunner();
  ASSERT_TRUE(runner.ok()) << runner.error();
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::vector<Value> args = {test::RandomValue(c.top->param(0)->type(), rng),
                               test::RandomValue(c.top->param(1)->type(), rng)};
    Result<EvalResult> expected = Interpret(*c.top, args);
    Result<EvalResult> got = (*runner)->Run(args);
    ASSERT_TRUE(expected.ok() && got.ok());
    EXPECT_EQ(got->value, expected->value) << test::DescribeArgs(args);
    EXPECT_EQ(got->events.log, expected->events.log);
    EXPECT_EQ(got->events.cover_hits, expected->events.cover_hits);
  }
}

TEST(JitRunnerTest, OneModuleServesManyThreads) {
  Compiled c = Compile(kBusyIr);
  ASSERT_NE(c.jit, nullptr);
  // Expected results are computed up front, on this thread.
  std::mt19937_64 rng(11);
  std::vector<std::vector<Value>> inputs;
  std::vector<EvalResult> expected;
  for (int i = 0; i < 64; ++i) {
    inputs.push_back({test::RandomValue(c.top->param(0)->type(), rng), test::RandomValue(c.top->param(1)->type(), rng)});
    Result<EvalResult> r = Interpret(*c.top, inputs.back());
    ASSERT_TRUE(r.ok());
    expected.push_back(*r);
  }
  constexpr int kThreads = 6;
  std::atomic<int> mismatches{0};
  std::atomic<int> runs{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Result<std::unique_ptr<JitRunner>> runner = c.jit->CreateRunner();
      if (!runner.ok()) {
        ++mismatches;
        return;
      }
      for (int round = 0; round < 300; ++round) {
        const size_t k = static_cast<size_t>(round * kThreads + t) % inputs.size();
        // Half the calls use the shared convenience entry, half the runner.
        Result<EvalResult> got = round % 2 == 0 ? (*runner)->Run(inputs[k]) : c.jit->Run(inputs[k]);
        if (!got.ok() || got->value != expected[k].value || got->events.log != expected[k].events.log ||
            got->events.cover_hits != expected[k].events.cover_hits) {
          ++mismatches;
        }
        ++runs;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(runs.load(), kThreads * 300);
}

// An allocator that counts what it is asked for.
struct CountingAllocator {
  int allocations = 0;
  size_t last_alignment = 0;
  Allocator Get() {
    Allocator a;
    a.user_data = this;
    a.allocate = [](void* self, size_t size, size_t alignment) {
      auto* me = static_cast<CountingAllocator*>(self);
      ++me->allocations;
      me->last_alignment = alignment;
      return DefaultAllocator().allocate(nullptr, size, alignment);
    };
    a.deallocate = [](void*, void* ptr, size_t size, size_t alignment) {
      DefaultAllocator().deallocate(nullptr, ptr, size, alignment);
    };
    return a;
  }
};

TEST(JitRunnerTest, ScratchIsAllocatedOncePerRunnerAndHonoursAlignment) {
  CodegenOptions options;
  options.scratch_alignment = 4096;  // above what malloc guarantees
  options.stack_cutoff_bytes = 0;    // so that the function needs scratch
  Compiled c = Compile(kBusyIr, options);
  ASSERT_NE(c.jit, nullptr);
  const AbiInfo& abi = c.jit->abi();
  EXPECT_GT(abi.scratch_size, 0);
  EXPECT_EQ(abi.scratch_alignment, 4096);
  EXPECT_NE(abi.features & XLSAOT_FEATURE_SCRATCH, 0u);
  CountingAllocator counter;
  Result<std::unique_ptr<JitRunner>> runner = c.jit->CreateRunner(counter.Get());
  ASSERT_TRUE(runner.ok()) << runner.error();
  EXPECT_EQ(counter.allocations, 1);
  EXPECT_EQ(counter.last_alignment, 4096u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>((*runner)->scratch()) % 4096, 0u);
  const std::vector<Value> args = {Value::UBits(3, 32), Value::Zero(c.top->param(1)->type())};
  for (int i = 0; i < 100; ++i) ASSERT_TRUE((*runner)->Run(args).ok());
  EXPECT_EQ(counter.allocations, 1);
}

TEST(JitRunnerTest, FailedScratchAllocationIsAnError) {
  CodegenOptions options;
  options.stack_cutoff_bytes = 0;
  Compiled c = Compile(kBusyIr, options);
  ASSERT_NE(c.jit, nullptr);
  Allocator failing;
  failing.allocate = [](void*, size_t, size_t) -> void* { return nullptr; };
  failing.deallocate = [](void*, void*, size_t, size_t) {};
  Result<std::unique_ptr<JitRunner>> runner = c.jit->CreateRunner(failing);
  ASSERT_FALSE(runner.ok());
  EXPECT_EQ(runner.code(), ErrorCode::kResourceExhausted);
}

// Values above the stack cutoff get a place in scratch: the reported
// scratch size covers them, and shrinking the cutoff moves more there.
TEST(JitRunnerTest, LargeValuesLiveInScratch) {
  const std::string ir = R"(package big

fn inc(x: bits[32]) -> bits[32] {
  one: bits[32] = literal(value=1)
  ret r: bits[32] = add(x, one)
}

top fn f(a: bits[32][1024], i: bits[16], v: bits[32]) -> (bits[32][1024], bits[32], bits[8192]) {
  u: bits[32][1024] = array_update(a, v, indices=[i])
  m: bits[32][1024] = map(u, to_apply=inc)
  e: bits[32] = array_index(m, indices=[i])
  w: bits[8192] = zero_ext(v, new_bit_count=8192)
  s: bits[8192] = shll(w, i)
  ret r: (bits[32][1024], bits[32], bits[8192]) = tuple(m, e, s)
}
)";
  CodegenOptions defaults;
  Compiled c = Compile(ir, defaults);
  ASSERT_NE(c.jit, nullptr);
  // At least the updated and the mapped arrays (4 KiB each) are in scratch.
  EXPECT_GE(c.jit->abi().scratch_size, 2 * 4096);
  CodegenOptions bigger_cutoff;
  bigger_cutoff.stack_cutoff_bytes = 1 << 20;
  bigger_cutoff.stack_budget_bytes = 1 << 20;
  Compiled on_stack = Compile(ir, bigger_cutoff);
  ASSERT_NE(on_stack.jit, nullptr);
  EXPECT_LT(on_stack.jit->abi().scratch_size, c.jit->abi().scratch_size);
  test::ExpectJitMatchesInterpreter(ir, 2, {}, defaults);
  test::ExpectJitMatchesInterpreter(ir, 0, {}, defaults);
}

TEST(JitRunnerTest, RawEntryPointFollowsTheAbi) {
  Compiled c = Compile(R"(package raw

top fn f(x: bits[12], t: (bits[3], bits[64])) -> (bits[12], bits[3], bits[64]) {
  a: bits[3] = tuple_index(t, index=0)
  b: bits[64] = tuple_index(t, index=1)
  ret r: (bits[12], bits[3], bits[64]) = tuple(x, a, b)
}
)");
  ASSERT_NE(c.jit, nullptr);
  const AbiInfo& abi = c.jit->abi();
  EXPECT_EQ(abi.abi_version, XLSAOT_ABI_VERSION);
  EXPECT_EQ(abi.entry_symbol, "xlsaot_f");
  EXPECT_EQ(abi.features & (XLSAOT_FEATURE_ASSERT | XLSAOT_FEATURE_TRACE | XLSAOT_FEATURE_COVER), 0u);
  // Inputs with garbage in every padding bit; the output's padding must
  // come back zero.
  alignas(8) uint8_t x[2];
  alignas(8) uint8_t t[16];
  std::memset(x, 0xff, sizeof(x));
  std::memset(t, 0xff, sizeof(t));
  x[0] = 0x34;
  x[1] = 0xf2;  // bits[12] 0x234; the top nibble is padding
  t[0] = 0xfd;  // bits[3] 5
  for (int i = 0; i < 8; ++i) t[8 + i] = static_cast<uint8_t>(i + 1);
  alignas(8) uint8_t out[16];
  std::memset(out, 0xaa, sizeof(out));
  const uint8_t* inputs[] = {x, t};
  uint8_t* outputs[] = {out};
  std::vector<uint8_t> scratch(static_cast<size_t>(abi.scratch_size) + 8);
  // No events: a null context is allowed.
  ASSERT_EQ(c.jit->entry()(inputs, outputs, abi.scratch_size > 0 ? scratch.data() : nullptr, nullptr),
            XLSAOT_STATUS_OK);
  const TypeLayout layout = ComputeLayout(abi.return_type);
  // (bits[12], bits[3], bits[64]) is laid out like a C struct: offsets 0,
  // 2 and 8.
  ASSERT_EQ(layout.size, 16);
  EXPECT_EQ(out[0], 0x34);
  EXPECT_EQ(out[1], 0x02);
  EXPECT_EQ(out[2], 5);
  for (int i = 3; i < 8; ++i) EXPECT_EQ(out[i], 0) << "padding byte " << i;
  for (int i = 0; i < 8; ++i) EXPECT_EQ(out[8 + i], i + 1);
  EXPECT_EQ(ReadValueFromBuffer(abi.return_type, out),
            Value::Tuple({Value::UBits(0x234, 12), Value::UBits(5, 3), Value::UBits(0x0807060504030201, 64)}));
}

TEST(JitRunnerTest, EventsWithoutCallbacksAreDropped) {
  Compiled c = Compile(kBusyIr);
  ASSERT_NE(c.jit, nullptr);
  const AbiInfo& abi = c.jit->abi();
  EXPECT_EQ(abi.features & (XLSAOT_FEATURE_ASSERT | XLSAOT_FEATURE_TRACE | XLSAOT_FEATURE_COVER),
            XLSAOT_FEATURE_ASSERT | XLSAOT_FEATURE_TRACE | XLSAOT_FEATURE_COVER);
  ASSERT_EQ(abi.asserts.size(), 1u);
  EXPECT_EQ(abi.asserts[0].message, "x too big");
  EXPECT_EQ(abi.asserts[0].label, "big_x");
  ASSERT_EQ(abi.traces.size(), 1u);
  ASSERT_EQ(abi.covers.size(), 1u);
  alignas(8) uint32_t x = 5000;  // fails the assert, fires the trace and cover
  alignas(8) uint32_t a[4] = {1, 2, 3, 4};
  alignas(8) uint32_t out[5];
  const uint8_t* inputs[] = {reinterpret_cast<uint8_t*>(&x), reinterpret_cast<uint8_t*>(a)};
  uint8_t* outputs[] = {reinterpret_cast<uint8_t*>(out)};
  std::vector<uint64_t> scratch(static_cast<size_t>(abi.scratch_size / 8 + 1));
  xlsaot_context empty{};
  EXPECT_EQ(c.jit->entry()(inputs, outputs, reinterpret_cast<uint8_t*>(scratch.data()), &empty), XLSAOT_STATUS_OK);
  EXPECT_EQ(c.jit->entry()(inputs, outputs, reinterpret_cast<uint8_t*>(scratch.data()), nullptr), XLSAOT_STATUS_OK);
  // acc[i] = acc[i] * x + i for i = 0..3, then out[4] = l[min(x, 3)].
  EXPECT_EQ(out[0], 5000u);
  EXPECT_EQ(out[3], 4u * 5000u + 3u);
  EXPECT_EQ(out[4], out[3]);
}

TEST(JitRunnerTest, RejectsBadArguments) {
  Compiled c = Compile(kBusyIr);
  ASSERT_NE(c.jit, nullptr);
  Result<EvalResult> too_few = c.jit->Run({});
  ASSERT_FALSE(too_few.ok());
  EXPECT_EQ(too_few.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(too_few.error().find("takes 2 arguments, got 0"), std::string::npos) << too_few.error();
  const std::vector<Value> wrong = {Value::UBits(1, 31), Value::Zero(c.top->param(1)->type())};
  Result<EvalResult> mistyped = c.jit->Run(wrong);
  ASSERT_FALSE(mistyped.ok());
  EXPECT_EQ(mistyped.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(mistyped.error().find("bits[31]"), std::string::npos) << mistyped.error();
}

TEST(JitRunnerTest, NonTerminatingDynamicLoopIsAnErrorLikeInTheInterpreter) {
  Compiled c = Compile(R"(package loop

fn body(i: bits[4], acc: bits[8]) -> bits[8] {
  one: bits[8] = literal(value=1)
  ret r: bits[8] = add(acc, one)
}

top fn f(trip: bits[3], stride: bits[4]) -> bits[8] {
  zero: bits[8] = literal(value=0)
  ret r: bits[8] = dynamic_counted_for(zero, trip, stride, body=body)
}
)");
  ASSERT_NE(c.jit, nullptr);
  for (uint64_t trip = 0; trip < 8; ++trip) {
    for (uint64_t stride = 0; stride < 16; ++stride) {
      const std::vector<Value> args = {Value::UBits(trip, 3), Value::UBits(stride, 4)};
      Result<EvalResult> expected = Interpret(*c.top, args);
      Result<EvalResult> got = c.jit->Run(args);
      ASSERT_EQ(got.ok(), expected.ok()) << trip << " " << stride << ": " << got.error() << " / " << expected.error();
      if (!got.ok()) {
        EXPECT_EQ(got.code(), ErrorCode::kUnsupported);
        EXPECT_NE(got.error().find("never terminates"), std::string::npos) << got.error();
        continue;
      }
      EXPECT_EQ(got->value, expected->value) << trip << " " << stride;
    }
  }
}

TEST(JitRunnerTest, EveryOptimisationLevelWorksAndOthersAreRejected) {
  for (int level = 0; level <= 3; ++level) test::ExpectJitMatchesInterpreter(kBusyIr, level);
  Result<std::unique_ptr<Package>> package = ParsePackage(kBusyIr);
  ASSERT_TRUE(package.ok());
  CodegenOptions options;
  options.opt_level = 4;
  Result<std::unique_ptr<JitFunction>> jit = JitFunction::Create(**(*package)->ResolveTopFunction(), options);
  ASSERT_FALSE(jit.ok());
  EXPECT_EQ(jit.code(), ErrorCode::kInvalidArgument);
}

// A long function is split into parts (values crossing parts go through the
// frame in scratch); the result must not change. (Compile time is measured
// by bench/, not here.)
TEST(JitRunnerTest, LargeFunctionsArePartitioned) {
  test::FnText f("f");
  std::vector<std::string> names = {f.Param("bits[32]"), f.Param("bits[32]")};
  std::vector<std::string> arrays = {f.Param("bits[32][3]")};
  std::mt19937_64 rng(3);
  const char* ops[] = {"add", "sub", "xor", "umul", "and", "or"};
  for (int i = 0; i < 6000; ++i) {
    const std::string& a = names[names.size() - 1 - rng() % std::min<size_t>(names.size(), 40)];
    const std::string& b = names[rng() % names.size()];
    if (i % 50 == 0) {
      const std::string& arr = arrays[rng() % arrays.size()];
      arrays.push_back(f.Node("bits[32][3]", "array_update(" + arr + ", " + a + ", indices=[" + b + "])"));
      names.push_back(f.Node("bits[32]", "array_index(" + arrays.back() + ", indices=[" + a + "])"));
      continue;
    }
    names.push_back(f.Node("bits[32]", std::string(ops[rng() % 6]) + "(" + a + ", " + b + ")"));
  }
  const std::string ir = "package big\n\n" + f.Text({names.back(), arrays.back(), names[1000]}, true);
  EXPECT_GT(test::ExpectJitMatchesInterpreter(ir, 2), 0);
  CodegenOptions small_parts;
  small_parts.partition_nodes = 97;
  EXPECT_GT(test::ExpectJitMatchesInterpreter(ir, 1, {}, small_parts), 0);
}

// assumed_in_bounds=true on array_index and array_update, nested and flat:
// the JIT reports the same failed assumptions (node, description, count)
// as the interpreter, inside a loop body too, and computes the same values.
TEST(JitRunnerTest, FailedAssumptionsMatchTheInterpreter) {
  const std::string ir = R"(package assume

fn body(k: bits[2] id=1, acc: bits[8][2][3] id=2, i: bits[4] id=3) -> bits[8][2][3] {
  zero_ext.4: bits[4] = zero_ext(k, new_bit_count=4, id=4)
  add.5: bits[4] = add(i, zero_ext.4, id=5)
  literal.6: bits[8] = literal(value=7, id=6)
  literal.7: bits[1] = literal(value=1, id=7)
  ret array_update.8: bits[8][2][3] = array_update(acc, literal.6, indices=[add.5, literal.7], assumed_in_bounds=true, id=8)
}

top fn f(a: bits[8][2][3] id=9, i: bits[4] id=10, j: bits[2] id=11) -> (bits[8], bits[8][2][3]) {
  array_index.12: bits[8] = array_index(a, indices=[i, j], assumed_in_bounds=true, id=12)
  counted_for.13: bits[8][2][3] = counted_for(a, trip_count=3, stride=1, body=body, invariant_args=[i], id=13)
  ret tuple.14: (bits[8], bits[8][2][3]) = tuple(array_index.12, counted_for.13, id=14)
}
)";
  std::vector<std::vector<Value>> arg_sets;
  Value row = Value::Array({Value::UBits(1, 8), Value::UBits(2, 8)});
  Value a = Value::Array({row, row, row});
  for (uint64_t i : {0, 1, 2, 3, 9, 15})
    for (uint64_t j : {0, 1, 2, 3}) arg_sets.push_back({a, Value::UBits(i, 4), Value::UBits(j, 2)});
  Result<std::unique_ptr<Package>> package = ParsePackage(ir);
  ASSERT_TRUE(package.ok()) << package.error();
  // i = 1: the loop indexes 1, 2, 3; 3 is out of bounds once. j = 2 or 3 is out of bounds.
  Result<EvalResult> oracle = Interpret(*(*package)->GetFunction("f"), arg_sets[1 * 4 + 3]);
  ASSERT_TRUE(oracle.ok()) << oracle.error();
  EXPECT_EQ(oracle->events.assumption_failures,
            (std::map<std::string, AssumptionFailure>{
                {"array_index.12", {"array_index index out of bounds, though assumed_in_bounds=true", 1}},
                {"array_update.8", {"array_update index out of bounds, though assumed_in_bounds=true", 1}}}));
  for (int level = 0; level <= 2; ++level) EXPECT_GT(test::ExpectJitMatchesInterpreter(ir, level, arg_sets), 0);

  // Accesses whose values have no bits still check their indices (found by
  // `xlsaot fuzz --seed 8000338 -O1`: arrays of bits[0] were lowered to
  // nothing, assumption included).
  const std::string empty = R"(package empty_elements

top fn f(z: bits[0][3] id=1, i: bits[3] id=2) -> (bits[0][3], bits[0]) {
  literal.3: bits[0] = literal(value=0, id=3)
  array_update.4: bits[0][3] = array_update(z, literal.3, indices=[i], assumed_in_bounds=true, id=4)
  array_index.5: bits[0] = array_index(z, indices=[i], assumed_in_bounds=true, id=5)
  ret tuple.6: (bits[0][3], bits[0]) = tuple(array_update.4, array_index.5, id=6)
}
)";
  const Value z = Value::Array({Value::UBits(0, 0), Value::UBits(0, 0), Value::UBits(0, 0)});
  std::vector<std::vector<Value>> empty_args;
  for (uint64_t i : {0, 2, 3, 7}) empty_args.push_back({z, Value::UBits(i, 3)});
  for (int level = 0; level <= 2; ++level) EXPECT_GT(test::ExpectJitMatchesInterpreter(empty, level, empty_args), 0);
}

// Found by `xlsaot fuzz --seed 6012169 -O1` (reduced): encode(one_hot(x)),
// XLS's count of trailing zeros, of a bits[255] feeding a 110-bit product.
// Lowered to llvm.cttz.i255, LLVM 19's x86 back end took the high half of
// the product from its low half at -O1 and above (on the JIT and the
// ahead-of-time path alike); wide bit scans now work on 64-bit words.
TEST(JitRunnerTest, WideBitScanFeedingAProductRegression) {
  const std::string ir = R"(package fuzz_6012169

top fn main(p0: bits[255] id=1, p1: bits[200] id=2) -> (bits[110], bits[110]) {
  one_hot.3: bits[256] = one_hot(p0, lsb_prio=true, id=3)
  encode.4: bits[8] = encode(one_hot.3, id=4)
  literal.5: bits[55] = literal(value=6128301529656176, id=5)
  zero_ext.6: bits[55] = zero_ext(encode.4, new_bit_count=55, id=6)
  umulp.7: (bits[110], bits[110]) = umulp(literal.5, zero_ext.6, id=7)
  tuple_index.8: bits[110] = tuple_index(umulp.7, index=0, id=8)
  tuple_index.9: bits[110] = tuple_index(umulp.7, index=1, id=9)
  add.10: bits[110] = add(tuple_index.8, tuple_index.9, id=10)
  one_hot.11: bits[201] = one_hot(p1, lsb_prio=false, id=11)
  encode.12: bits[8] = encode(one_hot.11, id=12)
  zero_ext.13: bits[55] = zero_ext(encode.12, new_bit_count=55, id=13)
  umul.14: bits[110] = umul(literal.5, zero_ext.13, id=14)
  ret tuple.15: (bits[110], bits[110]) = tuple(add.10, umul.14, id=15)
}
)";
  for (int level = 0; level <= 3; ++level) EXPECT_GT(test::ExpectJitMatchesInterpreter(ir, level), 0);
}

}  // namespace
}  // namespace xlsaot
