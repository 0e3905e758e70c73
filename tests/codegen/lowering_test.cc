// The lowering's contract: entry point and metadata, the symbols compiled
// code may reference, partitioning, determinism, option and IR errors.
#include "codegen/lowering.h"

#include <memory>
#include <set>
#include <string>

#include "codegen/target.h"
#include "gtest/gtest.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "tests/codegen/parsed_ir.h"
#include "xlsaot/abi.h"

namespace xlsaot {
namespace {

// Uses what makes LLVM reach for library code: 128-bit and wider division,
// wide multiplies and shifts, big array copies, loops, every event kind.
constexpr char kEverythingIr[] = R"(package everything

fn body(i: bits[8], acc: bits[128][64], k: bits[128]) -> bits[128][64] {
  e: bits[128] = array_index(acc, indices=[i])
  q: bits[128] = udiv(e, k)
  r: bits[128] = smod(e, k)
  s: bits[128] = add(q, r)
  ret u: bits[128][64] = array_update(acc, s, indices=[i])
}

top fn main(x: bits[128], w: bits[1000], a: bits[128][64], c: bits[1]) -> (bits[128][64], bits[1000], bits[1000], bits[1000]) {
  l: bits[128][64] = counted_for(a, trip_count=64, body=body, invariant_args=[x])
  m: bits[1000] = umul(w, w)
  d: bits[1000] = sdiv(w, m)
  sh: bits[1000] = shra(w, x)
  t: token = after_all()
  as: token = assert(t, c, message="c is false", label="c_label")
  tr: token = trace(as, c, format="w = {:x}", data_operands=[w])
  cv: () = cover(c, label="c_hit")
  ret r: (bits[128][64], bits[1000], bits[1000], bits[1000]) = tuple(l, m, d, sh)
}
)";

using test::Parse;
using test::Parsed;

std::string Print(const llvm::Module& module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os, nullptr);
  return text;
}

TEST(LoweringTest, EntryPointAndMetadata) {
  Parsed p = Parse(kEverythingIr);
  ASSERT_NE(p.top, nullptr);
  llvm::LLVMContext context;
  Result<LoweredModule> lowered = LowerToLlvm(*p.top, context, {});
  ASSERT_TRUE(lowered.ok()) << lowered.error();
  const AbiInfo& abi = lowered->abi;
  EXPECT_EQ(abi.function_name, "main");
  EXPECT_EQ(abi.entry_symbol, "xlsaot_main");
  EXPECT_EQ(abi.info_symbol, "xlsaot_main_info");
  EXPECT_EQ(abi.abi_version, XLSAOT_ABI_VERSION);
  EXPECT_EQ(abi.features, XLSAOT_FEATURE_ASSERT | XLSAOT_FEATURE_TRACE | XLSAOT_FEATURE_COVER | XLSAOT_FEATURE_SCRATCH);
  EXPECT_GT(abi.scratch_size, 0);
  EXPECT_EQ(abi.scratch_alignment, 8);
  ASSERT_EQ(abi.param_types.size(), 4u);
  EXPECT_EQ(abi.return_type, p.top->return_type());
  ASSERT_EQ(abi.asserts.size(), 1u);
  EXPECT_EQ(abi.asserts[0].message, "c is false");
  EXPECT_EQ(abi.asserts[0].label, "c_label");
  ASSERT_EQ(abi.traces.size(), 1u);
  EXPECT_EQ(abi.traces[0].format, "w = {:x}");
  ASSERT_EQ(abi.traces[0].operand_types.size(), 1u);
  EXPECT_EQ(abi.traces[0].operand_types[0], Type::Bits(1000));
  ASSERT_EQ(abi.covers.size(), 1u);
  EXPECT_EQ(abi.covers[0].label, "c_hit");
  ASSERT_EQ(abi.functions.size(), 2u);
  EXPECT_EQ(abi.functions[0]->name(), "body");  // callees first
  EXPECT_EQ(abi.functions[1], p.top);

  const llvm::Function* entry = lowered->module->getFunction("xlsaot_main");
  ASSERT_NE(entry, nullptr);
  EXPECT_TRUE(entry->hasExternalLinkage());
  EXPECT_TRUE(entry->getReturnType()->isIntegerTy(32));
  ASSERT_EQ(entry->arg_size(), 4u);
  for (const llvm::Argument& arg : entry->args()) EXPECT_TRUE(arg.getType()->isPointerTy());
  const llvm::GlobalVariable* info = lowered->module->getGlobalVariable("xlsaot_main_info");
  ASSERT_NE(info, nullptr);
  EXPECT_TRUE(info->isConstant());
  EXPECT_TRUE(info->hasExternalLinkage());
  // Everything else is internal to the module.
  for (const llvm::Function& f : *lowered->module)
    if (!f.isDeclaration() && &f != entry) EXPECT_TRUE(f.hasLocalLinkage()) << f.getName().str();
}

TEST(LoweringTest, CustomEntrySymbolAndDefaultSanitising) {
  EXPECT_EQ(DefaultEntrySymbol("__my.mod__f-1"), "xlsaot___my_mod__f_1");
  Parsed p = Parse(kEverythingIr);
  ASSERT_NE(p.top, nullptr);
  llvm::LLVMContext context;
  CodegenOptions options;
  options.entry_symbol = "my_entry";
  Result<LoweredModule> lowered = LowerToLlvm(*p.top, context, options);
  ASSERT_TRUE(lowered.ok()) << lowered.error();
  EXPECT_EQ(lowered->abi.info_symbol, "my_entry_info");
  EXPECT_NE(lowered->module->getFunction("my_entry"), nullptr);
}

// The object file references nothing but the C library's memory functions
// and the compiler runtime's 128-bit division routines, so it links into a
// standalone program.
TEST(LoweringTest, ObjectCodeNeedsOnlyLibcAndCompilerRuntime) {
  const std::set<std::string> allowed = {"memcpy", "memmove", "memset", "__udivti3", "__divti3", "__umodti3",
                                         "__modti3"};
  Parsed p = Parse(kEverythingIr);
  ASSERT_NE(p.top, nullptr);
  for (int level : {0, 2}) {
    llvm::LLVMContext context;
    CodegenOptions options;
    options.opt_level = level;
    Result<LoweredModule> lowered = LowerToLlvm(*p.top, context, options);
    ASSERT_TRUE(lowered.ok()) << lowered.error();
    Result<std::unique_ptr<llvm::TargetMachine>> target = CreateTargetMachine(options);
    ASSERT_TRUE(target.ok()) << target.error();
    ASSERT_TRUE(OptimizeModule(*lowered->module, **target, level).ok());
    Result<std::vector<char>> object = EmitObjectFile(*lowered->module, **target);
    ASSERT_TRUE(object.ok()) << object.error();
    auto file = llvm::object::ObjectFile::createObjectFile(
        llvm::MemoryBufferRef(llvm::StringRef(object->data(), object->size()), "object"));
    ASSERT_TRUE(static_cast<bool>(file)) << llvm::toString(file.takeError());
    std::set<std::string> defined;
    int undefined = 0;
    for (const llvm::object::SymbolRef& symbol : (*file)->symbols()) {
      auto name = symbol.getName();
      auto flags = symbol.getFlags();
      ASSERT_TRUE(static_cast<bool>(name) && static_cast<bool>(flags));
      if (name->empty()) continue;
      if (*flags & llvm::object::SymbolRef::SF_Undefined) {
        ++undefined;
        EXPECT_TRUE(allowed.count(name->str())) << "-O" << level << " references " << name->str();
      } else if (*flags & llvm::object::SymbolRef::SF_Global) {
        defined.insert(name->str());
      }
    }
    EXPECT_GT(undefined, 0) << "128-bit division and the array copies need library code";
    EXPECT_EQ(defined, (std::set<std::string>{"xlsaot_main", "xlsaot_main_info"})) << "-O" << level;
  }
}

TEST(LoweringTest, LargeFunctionsAreSplitIntoParts) {
  std::string ir = "package chain\n\ntop fn f(x: bits[32]) -> bits[32] {\n";
  std::string last = "x";
  for (int i = 0; i < 1000; ++i) {
    const std::string name = "v" + std::to_string(i);
    ir += "  " + name + ": bits[32] = add(" + last + ", x)\n";
    last = name;
  }
  ir += "  ret r: bits[32] = identity(" + last + ")\n}\n";
  Parsed p = Parse(ir);
  ASSERT_NE(p.top, nullptr);
  auto parts = [&](int64_t partition_nodes) {
    llvm::LLVMContext context;
    CodegenOptions options;
    options.partition_nodes = partition_nodes;
    Result<LoweredModule> lowered = LowerToLlvm(*p.top, context, options);
    EXPECT_TRUE(lowered.ok()) << lowered.error();
    int count = 0;
    for (const llvm::Function& f : *lowered->module) count += f.getName().contains(".part");
    return count;
  };
  EXPECT_EQ(parts(5000), 0);
  EXPECT_EQ(parts(100), 11);  // 1001 nodes after the parameter
  EXPECT_EQ(parts(1), 1001);
}

// A loop body that reads its array state and then updates it writes into
// the state buffer it was given: no copy of the array anywhere in it.
TEST(LoweringTest, LoopStateArraysAreUpdatedInPlace) {
  Parsed p = Parse(R"(package p

fn step(i: bits[6], w: bits[32][64]) -> bits[32][64] {
  a: bits[32] = array_index(w, indices=[i])
  b: bits[32] = add(a, a)
  ret u: bits[32][64] = array_update(w, b, indices=[i])
}

top fn f(w: bits[32][64]) -> bits[32][64] {
  ret r: bits[32][64] = counted_for(w, trip_count=64, body=step)
}
)");
  ASSERT_NE(p.top, nullptr);
  llvm::LLVMContext context;
  Result<LoweredModule> lowered = LowerToLlvm(*p.top, context, {});
  ASSERT_TRUE(lowered.ok()) << lowered.error();
  const llvm::Function* step = lowered->module->getFunction("xlsaot.fn.step");
  ASSERT_NE(step, nullptr);
  int copies = 0;
  for (const llvm::BasicBlock& block : *step)
    for (const llvm::Instruction& inst : block)
      if (const auto* call = llvm::dyn_cast<llvm::CallInst>(&inst))
        if (call->getCalledFunction() != nullptr && call->getCalledFunction()->getName().starts_with("llvm.memcpy"))
          ++copies;
  EXPECT_EQ(copies, 0) << Print(*lowered->module);
}

TEST(LoweringTest, OutputIsDeterministic) {
  Parsed p = Parse(kEverythingIr);
  ASSERT_NE(p.top, nullptr);
  llvm::LLVMContext c1;
  llvm::LLVMContext c2;
  Result<LoweredModule> a = LowerToLlvm(*p.top, c1, {});
  Result<LoweredModule> b = LowerToLlvm(*p.top, c2, {});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Print(*a->module), Print(*b->module));
}

TEST(LoweringTest, RejectsBadOptions) {
  Parsed p = Parse(kEverythingIr);
  ASSERT_NE(p.top, nullptr);
  const auto bad = [&](const CodegenOptions& options) {
    llvm::LLVMContext context;
    Result<LoweredModule> r = LowerToLlvm(*p.top, context, options);
    EXPECT_FALSE(r.ok());
    return r.ok() ? ErrorCode::kInternal : r.code();
  };
  CodegenOptions o;
  o.opt_level = -1;
  EXPECT_EQ(bad(o), ErrorCode::kInvalidArgument);
  o = {};
  o.scratch_alignment = 24;
  EXPECT_EQ(bad(o), ErrorCode::kInvalidArgument);
  o = {};
  o.stack_cutoff_bytes = -5;
  EXPECT_EQ(bad(o), ErrorCode::kInvalidArgument);
  o = {};
  o.partition_nodes = 0;
  EXPECT_EQ(bad(o), ErrorCode::kInvalidArgument);
}

TEST(LoweringTest, RejectsRecursionInUnverifiedIr) {
  Parsed p = Parse(R"(package rec

top fn f(x: bits[8]) -> bits[8] {
  ret r: bits[8] = invoke(x, to_apply=f)
}
)",
                   /*verify=*/false);
  ASSERT_NE(p.top, nullptr);
  llvm::LLVMContext context;
  Result<LoweredModule> r = LowerToLlvm(*p.top, context, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), ErrorCode::kUnsupported);
  EXPECT_NE(r.error().find("recursive"), std::string::npos) << r.error();
}

}  // namespace
}  // namespace xlsaot
