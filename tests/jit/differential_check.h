// Test support that runs IR text on the JIT and on the interpreter and
// compare everything observable: values, assertion failures, traces and
// cover counts.
#ifndef XLSAOT_TESTS_JIT_DIFFERENTIAL_CHECK_H_
#define XLSAOT_TESTS_JIT_DIFFERENTIAL_CHECK_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "codegen/lowering.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "ir/package.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "jit/jit_function.h"
#include "llvm/ADT/ArrayRef.h"

namespace xlsaot::test {

inline std::string BitsType(int64_t w) { return "bits[" + std::to_string(w) + "]"; }

// Values that exercise the edges of bits[w]: 0, 1, 2, all ones, the signed
// extremes and their neighbours, values around w (shift amounts, indices),
// and a few random ones.
inline std::vector<Value> EdgeValues(int64_t w, std::mt19937_64& rng) {
  const unsigned uw = static_cast<unsigned>(w);
  if (w == 0) return {Value::Bits(llvm::APInt(0u, uint64_t{0}))};
  std::vector<llvm::APInt> bits = {
      llvm::APInt(uw, 0),
      llvm::APInt(uw, 1),
      llvm::APInt::getAllOnes(uw),
      llvm::APInt::getSignedMinValue(uw),
      llvm::APInt::getSignedMaxValue(uw),
  };
  if (w > 1) {
    bits.emplace_back(uw, 2);
    bits.push_back(llvm::APInt::getSignedMinValue(uw) + 1);
    bits.emplace_back(uw, static_cast<uint64_t>(w - 1));
    bits.emplace_back(uw, static_cast<uint64_t>(w));
    bits.emplace_back(uw, static_cast<uint64_t>(w + 1));
  }
  for (int i = 0; i < 3; ++i) {
    std::vector<uint64_t> words(static_cast<size_t>((w + 63) / 64));
    for (uint64_t& word : words) word = rng();
    llvm::APInt r(uw, llvm::ArrayRef<uint64_t>(words));
    // Also small random numbers: useful as shift amounts and divisors.
    bits.push_back(i == 0 ? r : i == 1 ? r.lshr(uw / 2) : llvm::APInt(uw, rng() % 37));
  }
  std::vector<Value> values;
  for (const llvm::APInt& b : bits) {
    Value v = Value::Bits(b);
    if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
  }
  return values;
}

inline Value RandomValue(const Type* t, std::mt19937_64& rng) {
  switch (t->kind()) {
    case TypeKind::kBits: {
      std::vector<Value> edges = EdgeValues(t->bit_count(), rng);
      return edges[rng() % edges.size()];
    }
    case TypeKind::kToken:
      return Value::Token();
    case TypeKind::kTuple: {
      std::vector<Value> elements;
      elements.reserve(t->elements().size());
      for (const Type* e : t->elements()) elements.push_back(RandomValue(e, rng));
      return Value::Tuple(std::move(elements));
    }
    case TypeKind::kArray: {
      std::vector<Value> elements;
      elements.reserve(t->size());
      for (int64_t i = 0; i < t->size(); ++i) elements.push_back(RandomValue(t->element(), rng));
      return Value::Array(std::move(elements));
    }
  }
  return Value();
}

// Argument sets for `f`: every combination of edge values when there are
// few, otherwise `limit` random combinations.
inline std::vector<std::vector<Value>> ArgSets(const Function& f, size_t limit, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<Value>> candidates;
  size_t combinations = 1;
  for (const Node* p : f.params()) {
    std::vector<Value> values;
    if (p->type()->IsBits()) {
      values = EdgeValues(p->type()->bit_count(), rng);
    } else {
      values.push_back(Value::Zero(p->type()));
      values.push_back(Value::AllOnes(p->type()));
      for (int i = 0; i < 4; ++i) values.push_back(RandomValue(p->type(), rng));
    }
    combinations = std::min<size_t>(combinations * values.size(), limit + 1);
    candidates.push_back(std::move(values));
  }
  std::vector<std::vector<Value>> sets;
  if (combinations <= limit) {
    std::vector<size_t> at(candidates.size(), 0);
    while (true) {
      std::vector<Value> args;
      args.reserve(candidates.size());
      for (size_t i = 0; i < candidates.size(); ++i) args.push_back(candidates[i][at[i]]);
      sets.push_back(std::move(args));
      size_t k = 0;
      while (k < at.size() && ++at[k] == candidates[k].size()) at[k++] = 0;
      if (k == at.size()) break;
    }
    return sets;
  }
  for (size_t n = 0; n < limit; ++n) {
    std::vector<Value> args;
    args.reserve(candidates.size());
    for (const auto& values : candidates) args.push_back(values[rng() % values.size()]);
    sets.push_back(std::move(args));
  }
  return sets;
}

inline std::string DescribeArgs(const std::vector<Value>& args) {
  std::string s;
  for (size_t i = 0; i < args.size(); ++i) s += (i ? "; " : "") + args[i].ToString();
  return s;
}

// Parses and verifies `ir` (its top function is evaluated), then compares
// the JIT at `opt_level` with the interpreter on `arg_sets` (generated when
// empty). Returns the number of runs compared, and fails the test when no
// run could be compared (every set failed on both engines).
inline int ExpectJitMatchesInterpreter(const std::string& ir, int opt_level = 2,
                                       std::vector<std::vector<Value>> arg_sets = {},
                                       CodegenOptions options = {}) {
  SCOPED_TRACE("IR:\n" + ir);
  Result<std::unique_ptr<Package>> package = ParsePackage(ir);
  EXPECT_TRUE(package.ok()) << package.error();
  if (!package.ok()) return 0;
  Status verified = VerifyPackage(**package);
  EXPECT_TRUE(verified.ok()) << verified.error();
  if (!verified.ok()) return 0;
  Result<Function*> top = (*package)->ResolveTopFunction();
  EXPECT_TRUE(top.ok()) << top.error();
  if (!top.ok()) return 0;
  options.opt_level = opt_level;
  Result<std::unique_ptr<JitFunction>> jit = JitFunction::Create(**top, options);
  EXPECT_TRUE(jit.ok()) << jit.error();
  if (!jit.ok()) return 0;
  Result<std::unique_ptr<JitRunner>> runner = (*jit)->CreateRunner();
  EXPECT_TRUE(runner.ok()) << runner.error();
  if (!runner.ok()) return 0;
  if (arg_sets.empty()) arg_sets = ArgSets(**top, 120, /*seed=*/ir.size());
  int compared = 0;
  for (const std::vector<Value>& args : arg_sets) {
    Result<EvalResult> expected = Interpret(**top, args);
    Result<EvalResult> got = (*runner)->Run(args);
    EXPECT_EQ(got.ok(), expected.ok()) << "args " << DescribeArgs(args) << ": interpreter "
                                       << (expected.ok() ? "ok" : expected.error()) << ", JIT "
                                       << (got.ok() ? "ok" : got.error());
    if (!got.ok() || !expected.ok()) {
      // Both failed: for the same reason (the error kind; the texts differ
      // in how each engine names the failing place).
      if (!got.ok() && !expected.ok()) {
        EXPECT_EQ(got.code(), expected.code()) << "args " << DescribeArgs(args) << ": interpreter "
                                               << expected.error() << ", JIT " << got.error();
      }
      if (::testing::Test::HasFailure()) break;
      continue;
    }
    ++compared;
    EXPECT_EQ(got->value, expected->value) << "args " << DescribeArgs(args) << ": JIT " << got->value.ToString()
                                           << ", interpreter " << expected->value.ToString();
    EXPECT_EQ(got->events.log, expected->events.log) << "args " << DescribeArgs(args);
    EXPECT_EQ(got->events.cover_hits, expected->events.cover_hits) << "args " << DescribeArgs(args);
    EXPECT_EQ(got->events.assumption_failures, expected->events.assumption_failures) << "args " << DescribeArgs(args);
    if (::testing::Test::HasFailure()) break;
  }
  // A function that fails on every argument set compares no value at all.
  EXPECT_GT(compared, 0) << "no argument set evaluated without error on both engines; nothing was compared";
  return compared;
}

}  // namespace xlsaot::test

#endif  // XLSAOT_TESTS_JIT_DIFFERENTIAL_CHECK_H_
