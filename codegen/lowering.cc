#include "codegen/lowering.h"

#include <algorithm>
#include <set>
#include <string>

#include "codegen/function_lowering.h"
#include "codegen/memory_emitter.h"
#include "codegen/module_emitter.h"
#include "codegen/type_layout.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "xlsaot/abi.h"

namespace xlsaot {
namespace {

using codegen::Builder;
using codegen::FunctionAbi;
using codegen::FunctionAbiMap;
using codegen::ModuleEmitter;
using codegen::Passing;

int64_t AlignUp(int64_t x, int64_t alignment) { return (x + alignment - 1) / alignment * alignment; }

bool IsPowerOfTwo(int64_t x) { return x > 0 && (x & (x - 1)) == 0; }

Status CheckOptions(const CodegenOptions& o) {
  auto bad = [](std::string what) { return MakeError(ErrorCode::kInvalidArgument, std::move(what)); };
  if (o.opt_level < 0 || o.opt_level > 3)
    return bad("optimisation level " + std::to_string(o.opt_level) + " is not between 0 and 3");
  if (o.stack_cutoff_bytes < 0) return bad("the stack cutoff must not be negative");
  if (o.stack_budget_bytes < 0) return bad("the stack budget must not be negative");
  if (o.partition_nodes < 1) return bad("the partition size must be at least one node");
  if (o.full_unroll_nodes < 0) return bad("the full unrolling budget must not be negative");
  if (o.rare_paths.max_conditions < 0) return bad("the number of rare-path conditions must not be negative");
  if (o.rare_paths.min_bits < 1) return bad("rare-path comparisons must be at least one bit wide");
  if (o.rare_paths.min_gain_nodes < 1 || o.rare_paths.min_gain_64ths < 0)
    return bad("the rare-path gain must be at least one node and not a negative share");
  if (!IsPowerOfTwo(o.scratch_alignment))
    return bad("scratch alignment " + std::to_string(o.scratch_alignment) + " is not a power of two");
  return {};
}

// Functions reachable from `top` through invoke, map and loops, callees
// before their callers.
Result<std::vector<const Function*>> CallOrder(const Function& top) {
  std::vector<const Function*> order;
  std::set<const Function*> done;
  std::set<const Function*> active;
  // Iterative depth-first search: call chains can be long.
  struct Frame {
    const Function* f;
    size_t next_node;
  };
  std::vector<Frame> stack{{&top, 0}};
  active.insert(&top);
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const auto nodes = frame.f->nodes();
    bool descended = false;
    while (frame.next_node < nodes.size()) {
      const Node& node = *nodes[frame.next_node++];
      const Function* callee = node.attrs().callee;
      if (!node.op_info().has_flag(kFlagCallsFunction) || callee == nullptr || done.count(callee)) continue;
      if (active.count(callee)) {
        return MakeError(ErrorCode::kUnsupported,
                         "function '" + callee->name() + "' is called recursively (from '" +
                             frame.f->name() + "', node '" + node.name() + "')");
      }
      active.insert(callee);
      stack.push_back({callee, 0});
      descended = true;
      break;
    }
    if (descended) continue;
    active.erase(frame.f);
    done.insert(frame.f);
    order.push_back(frame.f);
    stack.pop_back();
  }
  return order;
}

const Type* ReturnType(const Function& f) {
  if (f.return_type() != nullptr) return f.return_type();
  return f.return_node() != nullptr ? f.return_node()->type() : Type::EmptyTuple();
}

// Declares the internal function of `abi` (see FunctionAbi).
void DeclareImpl(ModuleEmitter& m, FunctionAbi& abi) {
  const Function& f = *abi.function;
  const int64_t max_bits = m.max_register_bits();
  std::vector<llvm::Type*> params;
  for (const Node* p : f.params()) {
    const Passing passing = codegen::PassingOf(p->type(), max_bits);
    abi.params.push_back(passing);
    if (passing == Passing::kValue) params.push_back(m.IntType(p->type()->bit_count()));
    if (passing == Passing::kPointer) params.push_back(m.PtrType());
  }
  const Type* result = ReturnType(f);
  abi.result = codegen::PassingOf(result, max_bits);
  if (abi.result == Passing::kPointer) params.push_back(m.PtrType());
  params.insert(params.end(), {m.PtrType(), m.PtrType(), m.PtrType()});
  llvm::Type* result_type = abi.result == Passing::kValue ? static_cast<llvm::Type*>(m.IntType(result->bit_count()))
                                                          : llvm::Type::getVoidTy(m.context());
  auto* type = llvm::FunctionType::get(result_type, params, false);
  abi.impl = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, "xlsaot.fn." + f.name(), m.module());
  abi.impl->addFnAttr(llvm::Attribute::NoUnwind);
}

// int32_t entry(const uint8_t* const* inputs, uint8_t* const* outputs,
//               uint8_t* scratch, xlsaot_context* ctx)
void EmitEntry(ModuleEmitter& m, const FunctionAbi& top, const std::string& name, int64_t status_bytes) {
  llvm::PointerType* ptr = m.PtrType();
  auto* type = llvm::FunctionType::get(m.I32(), {ptr, ptr, ptr, ptr}, false);
  auto* fn = llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage, name, m.module());
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  Builder b(llvm::BasicBlock::Create(m.context(), "entry", fn));
  llvm::Value* inputs = fn->getArg(0);
  llvm::Value* outputs = fn->getArg(1);
  llvm::Value* scratch = fn->getArg(2);
  llvm::Value* ctx = fn->getArg(3);
  const llvm::Align align8(8);

  llvm::Value* status = llvm::ConstantPointerNull::get(ptr);
  if (status_bytes > 0) {
    status = scratch;
    b.CreateAlignedStore(b.getInt32(XLSAOT_STATUS_OK), status, llvm::Align(4));
  }
  std::vector<llvm::Value*> args;
  const Function& f = *top.function;
  for (size_t i = 0; i < f.params().size(); ++i) {
    if (top.params[i] == Passing::kNone) continue;
    llvm::Value* buffer = b.CreateAlignedLoad(ptr, codegen::ByteOffset(b, inputs, static_cast<int64_t>(8 * i)), align8);
    args.push_back(top.params[i] == Passing::kValue ? codegen::LoadBits(m, b, buffer, f.param(i)->type()) : buffer);
  }
  const Type* result_type = ReturnType(f);
  // A result passed by pointer needs its buffer before the call; one in a
  // register only after it (loaded then, it occupies no register meanwhile).
  llvm::Value* out = nullptr;
  if (top.result == Passing::kPointer) {
    out = b.CreateAlignedLoad(ptr, outputs, align8);
    args.push_back(out);
  }
  args.push_back(codegen::ByteOffset(b, scratch, status_bytes));
  args.push_back(status);
  args.push_back(ctx);
  llvm::CallInst* call = b.CreateCall(top.impl, args);
  if (top.result == Passing::kValue)
    codegen::StoreBits(m, b, call, b.CreateAlignedLoad(ptr, outputs, align8), result_type);
  // Copies inside the compiled code carry whatever padding their sources
  // had (inputs may hold garbage there); outputs promise zeros.
  if (top.result == Passing::kPointer) codegen::EmitClearPadding(m, b, out, result_type);
  if (status_bytes > 0) {
    b.CreateRet(b.CreateAlignedLoad(m.I32(), status, llvm::Align(4)));
  } else {
    b.CreateRet(b.getInt32(XLSAOT_STATUS_OK));
  }
}

// The xlsaot_function_info constant next to the entry point.
void EmitInfo(ModuleEmitter& m, const AbiInfo& abi) {
  llvm::LLVMContext& ctx = m.context();
  llvm::Type* i64 = m.I64();
  llvm::Type* i32 = m.I32();
  llvm::Type* ptr = m.PtrType();
  auto* spec_type = llvm::StructType::get(ctx, {i64, i64});
  auto specs = [&](const std::vector<const Type*>& types, const char* what) -> llvm::Constant* {
    if (types.empty()) return llvm::ConstantPointerNull::get(m.PtrType());
    std::vector<llvm::Constant*> entries;
    for (const Type* t : types) {
      const TypeLayout& layout = CachedLayout(t);
      entries.push_back(llvm::ConstantStruct::get(
          spec_type, {llvm::ConstantInt::get(i64, static_cast<uint64_t>(layout.size)),
                      llvm::ConstantInt::get(i64, static_cast<uint64_t>(layout.alignment))}));
    }
    auto* array_type = llvm::ArrayType::get(spec_type, entries.size());
    auto* global = new llvm::GlobalVariable(m.module(), array_type, true, llvm::GlobalValue::PrivateLinkage,
                                            llvm::ConstantArray::get(array_type, entries),
                                            abi.entry_symbol + what);
    global->setAlignment(llvm::Align(8));
    return global;
  };
  llvm::Constant* name = llvm::ConstantDataArray::getString(ctx, abi.function_name, /*AddNull=*/true);
  auto* name_global = new llvm::GlobalVariable(m.module(), name->getType(), true, llvm::GlobalValue::PrivateLinkage,
                                               name, abi.entry_symbol + "_name");
  auto* info_type = llvm::StructType::get(ctx, {i32, i32, i64, i64, i32, i32, ptr, ptr, ptr});
  llvm::Constant* info = llvm::ConstantStruct::get(
      info_type,
      {llvm::ConstantInt::get(i32, abi.abi_version), llvm::ConstantInt::get(i32, abi.features),
       llvm::ConstantInt::get(i64, static_cast<uint64_t>(abi.scratch_size)),
       llvm::ConstantInt::get(i64, static_cast<uint64_t>(abi.scratch_alignment)),
       llvm::ConstantInt::get(i32, abi.param_types.size()), llvm::ConstantInt::get(i32, 1),
       specs(abi.param_types, "_inputs"), specs({abi.return_type}, "_outputs"), name_global});
  auto* global = new llvm::GlobalVariable(m.module(), info_type, true, llvm::GlobalValue::ExternalLinkage, info,
                                          abi.info_symbol);
  global->setAlignment(llvm::Align(8));
}

}  // namespace

std::string DefaultEntrySymbol(const std::string& function_name) {
  std::string symbol = "xlsaot_";
  for (char c : function_name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    symbol += ok ? c : '_';
  }
  return symbol;
}

Result<LoweredModule> LowerToLlvm(const Function& top, llvm::LLVMContext& context,
                                  const CodegenOptions& options) {
  XLSAOT_ASSIGN_OR_RETURN(LoweredEntries lowered,
                          LowerEntriesToLlvm({EntryRequest{&top, options.entry_symbol}}, context, options));
  return LoweredModule{std::move(lowered.module), std::move(lowered.entries.front())};
}

Result<LoweredEntries> LowerEntriesToLlvm(const std::vector<EntryRequest>& requests,
                                          llvm::LLVMContext& context, const CodegenOptions& options) {
  XLSAOT_RETURN_IF_ERROR(CheckOptions(options));
  if (requests.empty()) return MakeError(ErrorCode::kInvalidArgument, "no function to lower");
  std::set<const Function*> tops;
  std::set<std::string> symbols;
  // Every function any top reaches, callees before callers: each top's
  // order already has its callees first, and a function met again keeps
  // its first place, after its callees.
  std::vector<const Function*> order;
  std::set<const Function*> ordered;
  std::vector<std::vector<const Function*>> closures;
  for (const EntryRequest& request : requests) {
    const Function& top = *request.function;
    const std::string symbol = request.entry_symbol.empty() ? DefaultEntrySymbol(top.name()) : request.entry_symbol;
    if (!tops.insert(&top).second) {
      return MakeError(ErrorCode::kInvalidArgument, "function '" + top.name() + "' is requested twice");
    }
    if (!symbols.insert(symbol).second || !symbols.insert(symbol + "_info").second) {
      return MakeError(ErrorCode::kInvalidArgument, "entry symbol '" + symbol + "' of function '" + top.name() +
                                                        "' is not distinct from the other entries' symbols");
    }
    XLSAOT_ASSIGN_OR_RETURN(closures.emplace_back(), CallOrder(top));
    for (const Function* f : closures.back()) {
      if (ordered.insert(f).second) order.push_back(f);
    }
  }

  const Function& first = *requests.front().function;
  LoweredEntries lowered;
  lowered.module = std::make_unique<llvm::Module>("xlsaot." + first.name(), context);
  ModuleEmitter m(*lowered.module, options);
  AbiInfo sites;  // the module's assert, trace, cover and assumption sites

  std::vector<std::unique_ptr<FunctionAbi>> abis;
  FunctionAbiMap by_function;
  for (const Function* f : order) {
    abis.push_back(std::make_unique<FunctionAbi>());
    abis.back()->function = f;
    DeclareImpl(m, *abis.back());
    by_function[f] = abis.back().get();
  }
  // Functions used only as loop bodies may consume their state argument;
  // a top reads the caller's input buffers, which it must not change.
  for (const auto& f : abis) f->state_consumable = tops.count(f->function) == 0;
  for (const Function* f : order) {
    for (const auto& node : f->nodes()) {
      const Function* callee = node->attrs().callee;
      if (!node->op_info().has_flag(kFlagCallsFunction) || callee == nullptr) continue;
      if (node->op() != Op::kCountedFor && node->op() != Op::kDynamicCountedFor) by_function.at(callee)->state_consumable = false;
    }
  }
  for (const auto& f : abis) XLSAOT_RETURN_IF_ERROR(codegen::LowerFunctionBody(m, *f, by_function, sites));

  // Scratch: each function's region, then (after it) the largest need of
  // its callees; callees come first in `abis`.
  bool sets_status = false;
  for (auto& f : abis) {
    const int64_t own = AlignUp(f->region_size, 8);
    for (llvm::GetElementPtrInst* gep : f->callee_regions)
      gep->setOperand(1, llvm::ConstantInt::get(m.I64(), static_cast<uint64_t>(own)));
    int64_t callees = 0;
    for (const Function* callee : f->callees) callees = std::max(callees, by_function.at(callee)->scratch_need);
    f->scratch_need = own + callees;
    sets_status = sets_status || f->sets_status;
  }
  // One status slot layout for all entries: shared functions write the
  // status through the pointer every entry passes the same way.
  const int64_t status_bytes = sets_status ? 8 : 0;

  for (size_t i = 0; i < requests.size(); ++i) {
    const Function& top = *requests[i].function;
    AbiInfo& abi = lowered.entries.emplace_back();
    abi.function_name = top.name();
    abi.entry_symbol = requests[i].entry_symbol.empty() ? DefaultEntrySymbol(top.name()) : requests[i].entry_symbol;
    abi.info_symbol = abi.entry_symbol + "_info";
    abi.abi_version = XLSAOT_ABI_VERSION;
    for (const Node* p : top.params()) abi.param_types.push_back(p->type());
    abi.return_type = ReturnType(top);
    abi.functions = closures[i];
    abi.asserts = sites.asserts;
    abi.traces = sites.traces;
    abi.covers = sites.covers;
    abi.assumptions = sites.assumptions;
    const FunctionAbi& top_abi = *by_function.at(&top);
    abi.scratch_size = status_bytes + top_abi.scratch_need;
    abi.scratch_alignment = std::max<int64_t>(8, options.scratch_alignment);
    if (!abi.asserts.empty()) abi.features |= XLSAOT_FEATURE_ASSERT;
    if (!abi.traces.empty()) abi.features |= XLSAOT_FEATURE_TRACE;
    if (!abi.covers.empty()) abi.features |= XLSAOT_FEATURE_COVER;
    if (!abi.assumptions.empty()) abi.features |= XLSAOT_FEATURE_ASSUMPTION;
    if (abi.scratch_size > 0) abi.features |= XLSAOT_FEATURE_SCRATCH;
    EmitEntry(m, top_abi, abi.entry_symbol, status_bytes);
    EmitInfo(m, abi);
  }

  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*lowered.module, &os)) {
    os.flush();
    return MakeError(ErrorCode::kInternal, "generated invalid LLVM IR for function '" + first.name() + "': " +
                                               problems.substr(0, problems.find('\n')));
  }
  return lowered;
}

}  // namespace xlsaot
