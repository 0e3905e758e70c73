// The plain C++ model the thread tests check against must itself agree with
// the reference interpreter, or a wrong model could hide a wrong backend.
#include <cstdint>
#include <memory>

#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "tests/concurrency/mix_ir.h"

namespace xlsaot {
namespace {

using test::LoadMixPackage;
using test::MixArgs;
using test::MixInputFor;
using test::MixModel;
using test::MixValue;

TEST(MixModelTest, AgreesWithTheInterpreter) {
  Result<std::unique_ptr<Package>> package = LoadMixPackage();
  ASSERT_TRUE(package.ok()) << package.error();
  const Function& mix = *(*package)->GetFunction("mix");
  for (uint32_t i = 0; i < 5000; ++i) {
    const test::MixInput in = MixInputFor(i % 9, i);
    Result<EvalResult> r = Interpret(mix, MixArgs(in));
    ASSERT_TRUE(r.ok()) << r.error();
    ASSERT_EQ(r->value, MixValue(MixModel(in))) << "iteration " << i << ": interpreter gives " << r->value.ToString();
  }
}

TEST(MixModelTest, InputsCoverEveryShiftAndSlot) {
  // The thread tests are only as good as the inputs: every shift amount,
  // every table slot read and written, and both select arms must occur.
  bool amounts[32] = {};
  bool read_slots[4] = {};
  bool written_slots[4] = {};
  int rotated_larger = 0;
  for (uint32_t i = 0; i < 4096; ++i) {
    const test::MixInput in = MixInputFor(i % 8, i);
    amounts[in.x & 31] = true;
    read_slots[in.y & 3] = true;
    written_slots[in.x & 3] = true;
    rotated_larger += MixModel(in).rotated > in.y;
  }
  for (int a = 0; a < 32; ++a) EXPECT_TRUE(amounts[a]) << "shift amount " << a;
  for (int s = 0; s < 4; ++s) EXPECT_TRUE(read_slots[s] && written_slots[s]) << "slot " << s;
  EXPECT_GT(rotated_larger, 0);
  EXPECT_LT(rotated_larger, 4096);
}

}  // namespace
}  // namespace xlsaot
