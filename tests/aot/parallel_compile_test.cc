// Compiling the parts of a large function on several threads: the artifact
// must not depend on the number of threads, and the merged object must
// compute what the interpreter computes.
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "aot/aot_evaluator.h"
#include "aot/compiler.h"
#include "aot/object_merger.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "tests/aot/aot_test_util.h"

namespace xlsaot {
namespace {

// A straight-line function of about `count` nodes on bits[32] and bits[64]
// (arithmetic, logic, shifts, compares feeding sel, slices), with a few
// products wide enough to go through a routine of the module, so that the
// parts share code and constants.
std::string LargeFunction(int count) {
  std::string text = "package large\n\ntop fn large(a: bits[32], b: bits[64]) -> bits[64] {\n";
  std::vector<std::string> narrow = {"a"}, wide = {"b"};
  std::mt19937_64 random(7);
  auto pick = [&](const std::vector<std::string>& values) {
    // Mostly recent values, sometimes old ones.
    const size_t back = random() % 4 == 0 ? random() % values.size() : random() % std::min<size_t>(8, values.size());
    return values[values.size() - 1 - back];
  };
  for (int i = 0; i < count; ++i) {
    const std::string name = "n" + std::to_string(i);
    const std::string x = pick(narrow), y = pick(narrow), p = pick(wide), q = pick(wide);
    switch (random() % 9) {
      case 0: text += "  " + name + ": bits[32] = add(" + x + ", " + y + ")\n"; narrow.push_back(name); break;
      case 1: text += "  " + name + ": bits[64] = xor(" + p + ", " + q + ")\n"; wide.push_back(name); break;
      case 2: text += "  " + name + ": bits[32] = shrl(" + x + ", " + y + ")\n"; narrow.push_back(name); break;
      case 3: text += "  " + name + ": bits[64] = umul(" + p + ", " + q + ")\n"; wide.push_back(name); break;
      case 4: text += "  " + name + ": bits[32] = bit_slice(" + p + ", start=17, width=32)\n"; narrow.push_back(name); break;
      case 5: text += "  " + name + ": bits[64] = zero_ext(" + x + ", new_bit_count=64)\n"; wide.push_back(name); break;
      case 6: {
        text += "  " + name + "c: bits[1] = ult(" + x + ", " + y + ")\n";
        text += "  " + name + ": bits[64] = sel(" + name + "c, cases=[" + p + ", " + q + "])\n";
        wide.push_back(name);
        break;
      }
      case 7: text += "  " + name + ": bits[64] = sub(" + p + ", " + q + ")\n"; wide.push_back(name); break;
      default: {
        if (i % 400 != 8) {
          text += "  " + name + ": bits[32] = or(" + x + ", " + y + ")\n";
          narrow.push_back(name);
          break;
        }
        text += "  " + name + "w: bits[640] = concat(" + p + ", " + q + ", " + p + ", " + q + ", " + p + ", " + q +
                ", " + p + ", " + q + ", " + p + ", " + q + ")\n";
        text += "  " + name + "m: bits[640] = umul(" + name + "w, " + name + "w)\n";
        text += "  " + name + ": bits[64] = bit_slice(" + name + "m, start=300, width=64)\n";
        wide.push_back(name);
        break;
      }
    }
  }
  // Everything reaches the result.
  std::string acc = wide.front();
  for (size_t i = 1; i < wide.size(); ++i) {
    text += "  r" + std::to_string(i) + ": bits[64] = add(" + acc + ", " + wide[i] + ")\n";
    acc = "r" + std::to_string(i);
  }
  std::string folded = narrow.front();
  for (size_t i = 1; i < narrow.size(); ++i) {
    text += "  s" + std::to_string(i) + ": bits[32] = xor(" + folded + ", " + narrow[i] + ")\n";
    folded = "s" + std::to_string(i);
  }
  text += "  fz: bits[64] = zero_ext(" + folded + ", new_bit_count=64)\n";
  text += "  ret result: bits[64] = add(" + acc + ", fz)\n}\n";
  return text;
}

std::vector<std::string> SectionNames(const std::vector<uint8_t>& object) {
  auto buffer = llvm::MemoryBuffer::getMemBuffer(
      llvm::StringRef(reinterpret_cast<const char*>(object.data()), object.size()), "object", false);
  auto file = llvm::object::ObjectFile::createObjectFile(buffer->getMemBufferRef());
  std::vector<std::string> names;
  if (!file) {
    llvm::consumeError(file.takeError());
    return names;
  }
  for (const llvm::object::SectionRef& section : (*file)->sections()) {
    auto name = section.getName();
    if (name) names.push_back(name->str());
    else llvm::consumeError(name.takeError());
  }
  return names;
}

TEST(ParallelCompileTest, ArtifactDoesNotDependOnTheNumberOfThreads) {
  auto package = testing::ParseVerified(LargeFunction(5000), "large.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  const Function& top = *(*package)->functions().front();
  for (int opt_level : {0, 2}) {
    AotOptions options;
    options.name = "large";
    options.opt_level = opt_level;
    options.jobs = 1;
    auto one = CompileAheadOfTime(top, options);
    ASSERT_TRUE(one.ok()) << one.error();
    for (int jobs : {2, 4}) {
      options.jobs = jobs;
      auto many = CompileAheadOfTime(top, options);
      ASSERT_TRUE(many.ok()) << many.error();
      EXPECT_EQ(one->object, many->object) << "-O" << opt_level << " -j " << jobs;
      EXPECT_EQ(one->header, many->header);
      EXPECT_EQ(one->source, many->source);
      EXPECT_EQ(one->metadata, many->metadata);
    }
    // The parts were compiled as separate objects and merged (the merged
    // object names its sections in a table of their own).
    const std::vector<std::string> sections = SectionNames(one->object);
    EXPECT_NE(std::find(sections.begin(), sections.end(), ".shstrtab"), sections.end());
  }
}

TEST(ParallelCompileTest, MergedObjectComputesWhatTheInterpreterComputes) {
  auto package = testing::ParseVerified(LargeFunction(5000), "large.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  const Function& top = *(*package)->functions().front();
  for (int opt_level : {0, 2}) {
    AotOptions options;
    options.opt_level = opt_level;
    options.jobs = 3;
    auto evaluator = AotEvaluator::Create(top, options);
    ASSERT_TRUE(evaluator.ok()) << evaluator.error();
    std::mt19937_64 random(opt_level);
    for (int i = 0; i < 20; ++i) {
      const std::vector<Value> args = {Value::UBits(random() & 0xffffffffu, 32), Value::UBits(random(), 64)};
      auto expected = Interpret(top, args);
      ASSERT_TRUE(expected.ok()) << expected.error();
      auto actual = (*evaluator)->Run(args);
      ASSERT_TRUE(actual.ok()) << actual.error();
      EXPECT_EQ(actual->value, expected->value) << "-O" << opt_level << " input " << i;
    }
  }
}

TEST(ObjectMergerTest, RefusesWhatIsNotARelocatableElfObject) {
  const std::vector<std::vector<char>> objects = {std::vector<char>(100, 'x')};
  auto merged = MergeRelocatableObjects(objects);
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.code(), ErrorCode::kUnsupported);
  EXPECT_FALSE(MergeRelocatableObjects({}).ok());
}

}  // namespace
}  // namespace xlsaot
