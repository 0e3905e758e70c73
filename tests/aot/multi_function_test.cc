// Artifacts of several functions: the generated API (built by
// xlsaot_add_library with TOP encode checksum, one Runner per function), the
// object (shared callees once), the entry list of the metadata, legality per
// entry, running an entry of a shared object, and `xlsaot compile` /
// `xlsaot inspect` with several --top options.
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "aot/aot_evaluator.h"
#include "aot/api_generator.h"
#include "aot/compiler.h"
#include "gtest/gtest.h"
#include "interp/interpreter.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "multi.h"
#include "tests/aot/aot_test_util.h"
#include "tools/diagnostics.h"
#include "xlsaot/metadata.h"

namespace xlsaot {
namespace {

using testing::CommandResult;
using testing::ParseVerified;
using testing::Quote;
using testing::ReadFileText;
using testing::RunCommand;
using testing::TempDir;
using testing::WriteFileText;

const std::string kCli = XLSAOT_CLI_PATH;
const std::string kGoldenDir = XLSAOT_GOLDEN_DIR;

std::unique_ptr<Package> MultiPackage() {
  auto package = ParseVerified(ReadFileText(kGoldenDir + "/multi.ir"), "multi.ir");
  EXPECT_TRUE(package.ok()) << package.error();
  return package.ok() ? std::move(*package) : nullptr;
}

uint64_t Interpreted(const Function& f, std::vector<Value> args, int64_t element = -1) {
  Result<EvalResult> result = Interpret(f, args);
  EXPECT_TRUE(result.ok()) << result.error();
  if (!result.ok()) return 0;
  const Value& v = element < 0 ? result->value : result->value.elements()[static_cast<size_t>(element)];
  return v.bits().getZExtValue();
}

// Each function has its own namespace, Runner and types.
static_assert(std::is_same_v<multi::encode::Runner::Output, uint64_t>);
static_assert(std::is_same_v<multi::checksum::Runner::Output, std::tuple<uint64_t, uint8_t>>);
static_assert(!std::is_same_v<multi::encode::Runner, multi::checksum::Runner>);

TEST(MultiFunctionTest, ConsumerCallsBothRunnersOfOneArtifact) {
  std::unique_ptr<Package> package = MultiPackage();
  ASSERT_NE(package, nullptr);
  const Function& encode = *package->GetFunction("encode");
  const Function& checksum = *package->GetFunction("checksum");
  auto encoder = multi::encode::Runner::Create();
  auto summer = multi::checksum::Runner::Create();
  ASSERT_TRUE(encoder.ok()) << encoder.error();
  ASSERT_TRUE(summer.ok()) << summer.error();
  EXPECT_EQ(multi::encode::kMetadata.function_name, "encode");
  EXPECT_EQ(multi::checksum::kMetadata.function_name, "checksum");

  std::mt19937_64 random(7);
  for (int i = 0; i < 50; ++i) {
    const uint64_t word = random(), other = random(), key = random() | 1;
    Result<uint64_t> encoded = encoder->Run(word, key);
    ASSERT_TRUE(encoded.ok()) << encoded.error();
    EXPECT_EQ(*encoded, Interpreted(encode, {Value::UBits(word, 64), Value::UBits(key, 64)}));

    Result<std::tuple<uint64_t, uint8_t>> sum = summer->Run({word, other}, key);
    ASSERT_TRUE(sum.ok()) << sum.error();
    const std::vector<Value> args = {Value::Array({Value::UBits(word, 64), Value::UBits(other, 64)}),
                                      Value::UBits(key, 64)};
    EXPECT_EQ(std::get<0>(*sum), Interpreted(checksum, args, 0));
    EXPECT_EQ(std::get<1>(*sum), Interpreted(checksum, args, 1));
    // The in-place call of each entry agrees with its typed call.
    multi::encode::OutputBuffer out = 0;
    ASSERT_TRUE(encoder->Run(word, key, out).ok());
    EXPECT_EQ(out, *encoded);
  }
}

TEST(MultiFunctionTest, TheSharedAssertIsOneSiteForBothEntries) {
  // mix's assert is numbered once for the whole object, so both entries
  // list it at the same index and report it with its label.
  ASSERT_EQ(multi::encode::kMetadata.asserts.size(), 1u);
  ASSERT_EQ(multi::checksum::kMetadata.asserts.size(), 1u);
  EXPECT_EQ(multi::encode::kMetadata.asserts[0], multi::checksum::kMetadata.asserts[0]);
  auto encoder = multi::encode::Runner::Create();
  auto summer = multi::checksum::Runner::Create();
  ASSERT_TRUE(encoder.ok() && summer.ok());

  Result<uint64_t> refused = encoder->Run(5, 0);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), ErrorCode::kAssertionFailed);
  EXPECT_NE(refused.error().find("key must not be zero"), std::string::npos) << refused.error();

  auto events = summer->RunWithEvents({1, 2}, 0);
  ASSERT_TRUE(events.ok()) << events.error();
  // checksum calls mix twice with a zero key... and once more with the first
  // result as key, which is non-zero: exactly one failure from the first call.
  ASSERT_GE(events->events.log.size(), 1u);
  EXPECT_EQ(events->events.log[0].label, "key_nonzero");
  EXPECT_EQ(events->assertions[0], "key must not be zero");
}

// The function symbols of an ELF object, with how often each name occurs.
std::map<std::string, int> FunctionSymbols(const std::string& bytes) {
  std::map<std::string, int> names;
  auto buffer = llvm::MemoryBuffer::getMemBuffer(bytes, "object", false);
  auto object = llvm::object::ObjectFile::createObjectFile(buffer->getMemBufferRef());
  if (!object) {
    ADD_FAILURE() << llvm::toString(object.takeError());
    return names;
  }
  for (const llvm::object::SymbolRef& symbol : (*object)->symbols()) {
    auto name = symbol.getName();
    auto type = symbol.getType();
    if (!name || !type) {
      if (!name) llvm::consumeError(name.takeError());
      if (!type) llvm::consumeError(type.takeError());
      continue;
    }
    if (*type == llvm::object::SymbolRef::ST_Function) ++names[name->str()];
  }
  return names;
}

TEST(MultiFunctionTest, TheBuiltObjectHoldsTheSharedCalleeOnce) {
  const std::map<std::string, int> symbols = FunctionSymbols(ReadFileText(XLSAOT_MULTI_OBJECT));
  // Both entry points, and one copy of `mix`, which both reach.
  EXPECT_EQ(symbols.count("xlsaot_multi__multi__encode"), 1u);
  EXPECT_EQ(symbols.count("xlsaot_multi__multi__checksum"), 1u);
  ASSERT_EQ(symbols.count("xlsaot.fn.mix"), 1u) << "mix was inlined or renamed; symbols: " << symbols.size();
  EXPECT_EQ(symbols.at("xlsaot.fn.mix"), 1);
  for (const auto& [name, count] : symbols) {
    EXPECT_EQ(name.find("mix."), std::string::npos) << "a second copy of mix: " << name;
  }
}

TEST(MultiFunctionTest, OneObjectIsSmallerThanTwoArtifacts) {
  std::unique_ptr<Package> package = MultiPackage();
  ASSERT_NE(package, nullptr);
  const Function* encode = package->GetFunction("encode");
  const Function* checksum = package->GetFunction("checksum");
  AotOptions options;
  options.name = "multi";
  auto both = CompileAheadOfTime({encode, checksum}, options);
  auto first = CompileAheadOfTime(*encode, options);
  auto second = CompileAheadOfTime(*checksum, options);
  ASSERT_TRUE(both.ok() && first.ok() && second.ok()) << both.error() << first.error() << second.error();
  // mix is compiled once instead of twice.
  EXPECT_LT(both->object.size(), first->object.size() + second->object.size());
  ASSERT_EQ(both->entries.size(), 2u);
  EXPECT_EQ(both->entries[0].function_name, "encode");
  EXPECT_EQ(both->entries[0].entry_symbol, "xlsaot_multi__multi__encode");
  EXPECT_EQ(both->entries[1].entry_symbol, "xlsaot_multi__multi__checksum");
  EXPECT_EQ(both->entry_symbol, both->entries[0].entry_symbol);
  // One top is exactly the one-function artifact: its metadata file is the
  // entry's blob, its entry symbol has no suffix.
  ASSERT_EQ(first->entries.size(), 1u);
  EXPECT_EQ(first->metadata, first->entries[0].metadata);
  EXPECT_EQ(first->entry_symbol, "xlsaot_multi__multi");
}

TEST(MultiFunctionTest, EachEntryOfASharedObjectRunsLikeTheInterpreter) {
  std::unique_ptr<Package> package = MultiPackage();
  ASSERT_NE(package, nullptr);
  const Function* encode = package->GetFunction("encode");
  const Function* checksum = package->GetFunction("checksum");
  for (const Function* selected : {encode, checksum}) {
    auto evaluator = AotEvaluator::CreateForEntry({encode, checksum}, *selected);
    ASSERT_TRUE(evaluator.ok()) << evaluator.error();
    EXPECT_EQ((*evaluator)->runner().metadata().function_name, selected->name());
    std::vector<Value> args = selected == encode
                                  ? std::vector<Value>{Value::UBits(0x1234, 64), Value::UBits(99, 64)}
                                  : std::vector<Value>{Value::Array({Value::UBits(3, 64), Value::UBits(4, 64)}),
                                                       Value::UBits(99, 64)};
    Result<EvalResult> aot = (*evaluator)->Run(args);
    Result<EvalResult> interpreted = Interpret(*selected, args);
    ASSERT_TRUE(aot.ok() && interpreted.ok()) << aot.error() << interpreted.error();
    EXPECT_EQ(aot->value, interpreted->value) << selected->name();
  }
  const Function* mix = package->GetFunction("mix");
  auto missing = AotEvaluator::CreateForEntry({encode}, *mix);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
}

// `step` is both a top and the body of `loop`'s counted_for. As a loop body
// alone it could update its array state in place; as a top it reads the
// caller's input buffer, which it must leave as it was.
constexpr char kLoopIr[] = R"(package loops

fn step(i: bits[32], acc: bits[32][8]) -> bits[32][8] {
  slot: bits[3] = bit_slice(i, start=0, width=3)
  old: bits[32] = array_index(acc, indices=[slot])
  bumped: bits[32] = add(old, i)
  ret next: bits[32][8] = array_update(acc, bumped, indices=[slot])
}

fn loop(init: bits[32][8]) -> bits[32][8] {
  ret result: bits[32][8] = counted_for(init, trip_count=20, stride=1, body=step)
}
)";

TEST(MultiFunctionTest, ATopThatIsAlsoALoopBodyLeavesItsInputsAlone) {
  auto package = ParseVerified(kLoopIr, "loops.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  const Function* step = (*package)->GetFunction("step");
  const Function* loop = (*package)->GetFunction("loop");
  std::vector<Value> words;
  for (uint64_t i = 0; i < 8; ++i) words.push_back(Value::UBits(100 * i + 1, 32));
  const Value array = Value::Array(words);
  for (const Function* selected : {step, loop}) {
    auto evaluator = AotEvaluator::CreateForEntry({loop, step}, *selected);
    ASSERT_TRUE(evaluator.ok()) << evaluator.error();
    std::vector<Value> args = selected == step ? std::vector<Value>{Value::UBits(13, 32), array}
                                               : std::vector<Value>{array};
    Result<EvalResult> aot = (*evaluator)->Run(args);
    Result<EvalResult> interpreted = Interpret(*selected, args);
    ASSERT_TRUE(aot.ok() && interpreted.ok()) << aot.error() << interpreted.error();
    EXPECT_EQ(aot->value, interpreted->value) << selected->name();
    // The array argument's buffer still holds the argument.
    const uint8_t* buffer = (*evaluator)->runner().input(selected == step ? 1 : 0);
    for (size_t i = 0; i < 8; ++i) {
      uint32_t word = 0;
      std::memcpy(&word, buffer + 4 * i, 4);
      EXPECT_EQ(word, 100 * i + 1) << selected->name() << " changed its input at element " << i;
    }
  }
}

constexpr char kTracedIr[] = R"(package traced

fn quiet(x: bits[8]) -> bits[8] {
  ret y: bits[8] = add(x, x)
}

fn noisy_helper(x: bits[8]) -> bits[8] {
  tok: token = after_all()
  on: bits[1] = literal(value=1)
  t: token = trace(tok, on, format="x={}", data_operands=[x])
  ret y: bits[8] = identity(x)
}

fn noisy(x: bits[8]) -> bits[8] {
  ret y: bits[8] = invoke(x, to_apply=noisy_helper)
}
)";

TEST(MultiFunctionTest, LegalityIsCheckedForEachEntrysClosure) {
  auto package = ParseVerified(kTracedIr, "traced.ir");
  ASSERT_TRUE(package.ok()) << package.error();
  const Function* quiet = (*package)->GetFunction("quiet");
  const Function* noisy = (*package)->GetFunction("noisy");
  AotOptions options;
  options.name = "traced";
  // quiet alone reaches no trace; with noisy the artifact is refused,
  // naming the trace and the chain from noisy.
  EXPECT_TRUE(CompileAheadOfTime({quiet}, options).ok());
  auto refused = CompileAheadOfTime({quiet, noisy}, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), ErrorCode::kUnsupported);
  EXPECT_NE(refused.error().find("trace 't' in function 'noisy_helper', reached from 'noisy'"), std::string::npos)
      << refused.error();
  // With events both compile, and the sites are the object's.
  options.events = true;
  auto with_events = CompileAheadOfTime({quiet, noisy}, options);
  ASSERT_TRUE(with_events.ok()) << with_events.error();
  auto entries = ParseArtifactEntries(with_events->metadata);
  ASSERT_TRUE(entries.ok()) << entries.error();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0]->traces.size(), 1u);
  EXPECT_EQ((*entries)[1]->traces.size(), 1u);
}

TEST(MultiFunctionTest, TopsAreDistinctFunctionsWithDistinctNames) {
  constexpr char kIr[] = R"(package names

fn f(x: bits[8]) -> bits[8] {
  ret y: bits[8] = neg(x)
}

fn Runner(x: bits[8]) -> bits[8] {
  ret y: bits[8] = not(x)
}
)";
  auto package = ParseVerified(kIr);
  ASSERT_TRUE(package.ok()) << package.error();
  const Function* f = (*package)->GetFunction("f");
  const Function* runner = (*package)->GetFunction("Runner");
  AotOptions options;
  options.name = "names";
  auto twice = CompileAheadOfTime({f, f}, options);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(twice.error().find("'f' is given twice"), std::string::npos) << twice.error();
  // A name the generated code uses gets a prefix in the API and the symbol.
  EXPECT_EQ(EntryIdentifier("Runner"), "fn_Runner");
  EXPECT_EQ(EntryIdentifier("a.b-c"), "a_b_c");
  EXPECT_EQ(EntryIdentifier("__main"), "main");
  auto renamed = CompileAheadOfTime({f, runner}, options);
  ASSERT_TRUE(renamed.ok()) << renamed.error();
  EXPECT_EQ(renamed->entries[1].entry_symbol, "xlsaot_names__names__fn_Runner");
  EXPECT_NE(renamed->header.find("namespace names::fn_Runner {"), std::string::npos);
}

TEST(MultiFunctionTest, TheDpiBindingHasAFunctionPerEntry) {
  std::unique_ptr<Package> package = MultiPackage();
  ASSERT_NE(package, nullptr);
  AotOptions options;
  options.name = "multi";
  options.dpi = true;
  auto artifact = CompileAheadOfTime({package->GetFunction("encode"), package->GetFunction("checksum")}, options);
  ASSERT_TRUE(artifact.ok()) << artifact.error();
  // One package and one glue file, each with both functions, calling the
  // runner of each function's namespace.
  for (const char* function : {"encode", "checksum"}) {
    const std::string import = std::string("multi_dpi_") + function;
    EXPECT_NE(artifact->dpi_package.find("function automatic int " + std::string(function) + "("), std::string::npos)
        << function;
    EXPECT_NE(artifact->dpi_package.find(import), std::string::npos) << function;
    EXPECT_NE(artifact->dpi_source.find(import), std::string::npos) << function;
    EXPECT_NE(artifact->dpi_source.find("multi::" + std::string(function) + "::Runner"), std::string::npos)
        << function;
  }
  EXPECT_EQ(artifact->dpi_package.find("endpackage"), artifact->dpi_package.rfind("endpackage"));
  // With one function, the binding is the one of the one-function API.
  auto single = CompileAheadOfTime(*package->GetFunction("encode"), options);
  ASSERT_TRUE(single.ok()) << single.error();
  EXPECT_NE(single->dpi_source.find("multi::Runner"), std::string::npos);
}

// The entry list of the metadata file.
TEST(MultiFunctionTest, EntryListRoundTripsAndKeepsItsRules) {
  std::unique_ptr<Package> package = MultiPackage();
  ASSERT_NE(package, nullptr);
  AotOptions options;
  options.name = "multi";
  auto artifact = CompileAheadOfTime({package->GetFunction("encode"), package->GetFunction("checksum")}, options);
  ASSERT_TRUE(artifact.ok()) << artifact.error();
  const std::vector<uint8_t>& file = artifact->metadata;
  auto entries = ParseArtifactEntries(file);
  ASSERT_TRUE(entries.ok()) << entries.error();
  ASSERT_EQ(entries->size(), 2u);
  // Each entry is the blob inside the object, and writes back to the file.
  std::vector<MetadataView> views;
  for (size_t i = 0; i < 2; ++i) {
    auto own = ParseMetadata(artifact->entries[i].metadata);
    ASSERT_TRUE(own.ok()) << own.error();
    EXPECT_TRUE(SameMetadata(own->view(), (*entries)[i].view()));
    views.push_back((*entries)[i].view());
  }
  auto rewritten = SerializeArtifactEntries(views);
  ASSERT_TRUE(rewritten.ok()) << rewritten.error();
  EXPECT_EQ(*rewritten, file);
  EXPECT_EQ(FindArtifactEntry(*entries, "checksum"), &(*entries)[1]);
  EXPECT_EQ(FindArtifactEntry(*entries, "mix"), nullptr);

  // The single-function reader refuses the list and says what it is.
  auto single = ParseMetadata(file);
  ASSERT_FALSE(single.ok());
  EXPECT_EQ(single.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(single.error().find("several compiled functions"), std::string::npos) << single.error();
  // One entry is the plain blob, read back as a list of one.
  auto one = SerializeArtifactEntries(std::span<const MetadataView>(views.data(), 1));
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, artifact->entries[0].metadata);
  auto one_back = ParseArtifactEntries(*one);
  ASSERT_TRUE(one_back.ok() && one_back->size() == 1u);

  // Every truncation is an error, and so are trailing bytes.
  for (size_t n = 0; n < file.size(); ++n) {
    auto truncated = ParseArtifactEntries(std::span<const uint8_t>(file.data(), n));
    ASSERT_FALSE(truncated.ok()) << "a prefix of " << n << " bytes was accepted";
  }
  std::vector<uint8_t> longer = file;
  longer.push_back(0);
  auto trailing = ParseArtifactEntries(longer);
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.code(), ErrorCode::kCorruptArtifact);
  EXPECT_NE(trailing.error().find("unexpected bytes"), std::string::npos) << trailing.error();

  // Rules across entries.
  std::vector<MetadataView> same_name = {views[0], views[0]};
  EXPECT_NE(SerializeArtifactEntries(same_name).error().find("two entries are compiled from function 'encode'"),
            std::string::npos);
  MetadataView renamed = views[0];
  renamed.function_name = "other";
  std::vector<MetadataView> same_symbol = {views[0], renamed};
  EXPECT_NE(SerializeArtifactEntries(same_symbol).error().find("two entries have the entry symbol"),
            std::string::npos);
  MetadataView elsewhere = views[1];
  elsewhere.cpu = "skylake";
  std::vector<MetadataView> two_targets = {views[0], elsewhere};
  EXPECT_NE(SerializeArtifactEntries(two_targets).error().find("another ABI version or target"), std::string::npos);
  EXPECT_FALSE(SerializeArtifactEntries({}).ok());

  // A list of fewer than two entries is not the canonical form.
  std::vector<uint8_t> list_of_one(file.begin(), file.begin() + 12);
  list_of_one.insert(list_of_one.end(), {1, 0, 0, 0});
  const uint32_t size = static_cast<uint32_t>(one->size());
  for (int i = 0; i < 4; ++i) list_of_one.push_back(static_cast<uint8_t>(size >> (8 * i)));
  list_of_one.insert(list_of_one.end(), one->begin(), one->end());
  auto refused = ParseArtifactEntries(list_of_one);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("holds 1 entries (at least 2)"), std::string::npos) << refused.error();
}

// The command line.
class MultiFunctionCliTest : public ::testing::Test {
 protected:
  CommandResult Compile(const std::string& args, const std::string& ir = kGoldenDir + "/multi.ir") {
    return RunCommand(Quote(kCli) + " compile " + Quote(ir) + " --name multi --out-dir " +
                      Quote((dir_.path() / "out").string()) + " " + args);
  }
  std::string Out(const std::string& file) { return (dir_.path() / "out" / file).string(); }
  TempDir dir_;
};

TEST_F(MultiFunctionCliTest, CompilesSeveralTopsAndInspectListsEveryEntry) {
  CommandResult compiled = Compile("--top encode --top checksum");
  ASSERT_EQ(compiled.exit_code, 0) << compiled.output;
  // The files of the build rule (TOP encode checksum), byte for byte.
  const std::filesystem::path built = std::filesystem::path(XLSAOT_MULTI_OBJECT).parent_path();
  for (const char* file : {"multi.o", "multi.h", "multi.cc", "multi.xlsmeta"}) {
    EXPECT_EQ(ReadFileText(Out(file)), ReadFileText(built / file)) << file;
  }
  for (const std::string& target : {Out("multi"), Out("multi.o"), Out("multi.xlsmeta")}) {
    CommandResult inspected = RunCommand(Quote(kCli) + " inspect " + Quote(target));
    ASSERT_EQ(inspected.exit_code, 0) << target << "\n" << inspected.output;
    EXPECT_EQ(inspected.output.find("entries:       2 (encode, checksum)\n"), 0u) << inspected.output;
    const size_t first = inspected.output.find("[entry 0: encode]\nfunction:      encode\n"
                                               "entry symbol:  xlsaot_multi__multi__encode\n");
    const size_t second = inspected.output.find("[entry 1: checksum]\nfunction:      checksum\n"
                                                "entry symbol:  xlsaot_multi__multi__checksum\n");
    EXPECT_NE(first, std::string::npos) << inspected.output;
    EXPECT_NE(second, std::string::npos) << inspected.output;
    EXPECT_LT(first, second);
    EXPECT_NE(inspected.output.find("this machine:  can run it\n"), std::string::npos);
  }
  // `--top f FILE`: the file after a --top is not a second top.
  CommandResult before_file = RunCommand(Quote(kCli) + " compile --top encode " + Quote(kGoldenDir + "/multi.ir") +
                                         " --name one --out-dir " + Quote((dir_.path() / "one").string()));
  ASSERT_EQ(before_file.exit_code, 0) << before_file.output;
  EXPECT_NE(ReadFileText(dir_.path() / "one" / "one.h").find("from XLS function 'encode'. Do not edit."),
            std::string::npos);
}

TEST_F(MultiFunctionCliTest, RefusesARepeatedUnknownOrProcTopAndWritesNothing) {
  CommandResult twice = Compile("--top encode --top checksum --top encode");
  EXPECT_EQ(twice.exit_code, kExitUsage) << twice.output;
  EXPECT_NE(twice.output.find("--top 'encode' is given more than once"), std::string::npos) << twice.output;

  CommandResult unknown = Compile("--top encode --top decode");
  EXPECT_EQ(unknown.exit_code, kExitNotFound) << unknown.output;
  EXPECT_NE(unknown.output.find("no function named 'decode'"), std::string::npos) << unknown.output;

  const std::filesystem::path proc_ir = dir_.path() / "proc.ir";
  WriteFileText(proc_ir, R"(package with_proc

fn f(x: bits[8]) -> bits[8] {
  ret y: bits[8] = neg(x)
}

proc counter(count: bits[8], init={0}) {
  count: bits[8] = state_read(state_element=count)
  one: bits[8] = literal(value=1)
  sum: bits[8] = add(count, one)
  next_value.1: () = next_value(state_element=count, value=sum)
}
)");
  CommandResult proc = Compile("--top f --top counter", proc_ir.string());
  EXPECT_EQ(proc.exit_code, kExitUnsupported) << proc.output;
  EXPECT_NE(proc.output.find("'counter' is a proc"), std::string::npos) << proc.output;
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "out")) << "a refused compile wrote files";
}

}  // namespace
}  // namespace xlsaot
