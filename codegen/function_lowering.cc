#include "codegen/function_lowering.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>
#include <utility>

#include "codegen/bits_emitter.h"
#include "codegen/loop_unrolling.h"
#include "codegen/memory_emitter.h"
#include "codegen/rare_paths.h"
#include "codegen/type_layout.h"
#include "codegen/value_buffer.h"
#include "interp/bits_ops.h"
#include "ir/package.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Intrinsics.h"
#include "xlsaot/abi.h"

namespace xlsaot::codegen {

Passing PassingOf(const Type* type, int64_t max_register_bits) {
  if (CachedLayout(type).size == 0) return Passing::kNone;
  if (type->IsBits() && type->bit_count() <= max_register_bits) return Passing::kValue;
  return Passing::kPointer;
}

namespace {

// Products wider than this are computed by the mul_words routine: LLVM
// expands a wide multiply inline with code quadratic in the width.
constexpr int64_t kMaxInlineMultiplyBits = 512;
// Variable shifts wider than this go through the shift_words routine, whose
// code size does not depend on the width.
constexpr int64_t kMaxInlineShiftBits = 512;

int64_t AlignUp(int64_t x, int64_t alignment) { return (x + alignment - 1) / alignment * alignment; }

std::string Where(const Node& node) {
  const Function& f = *node.function();
  const std::string file = f.package() != nullptr ? f.package()->filename() : "<function>";
  return FormatLocation(file, node.loc()) + ": in function '" + f.name() + "', node '" + node.name() + "'";
}

class FunctionLowerer {
 public:
  FunctionLowerer(ModuleEmitter& m, FunctionAbi& abi, const FunctionAbiMap& abis, AbiInfo& sites)
      : m_(m), abi_(abi), abis_(abis), sites_(sites), f_(*abi.function), b_(m.context()) {}

  Status Lower();

 private:
  // The lowered form of one node in the LLVM function being emitted. Bits
  // that fit a register have `reg`; everything else has `ptr` (the value in
  // buffer layout); bits may have both. Zero-sized values have neither.
  struct NodeValue {
    llvm::Value* reg = nullptr;
    llvm::Value* ptr = nullptr;
    // ptr is storage made for this node alone (no other node aliases it).
    bool owned = false;
    // Id of the LLVM function the value belongs to.
    int function_id = -1;
  };

  // --- analysis and partitioning ---
  void Analyze();
  // --- LLVM functions ---
  void BeginFunction(llvm::Function* fn);
  void FinishFunction();
  void BindParams(llvm::Function* fn);
  void EmitReturn(llvm::Value* out);
  llvm::Function* NewPart(int index);
  // The conditions of path specialisation (codegen/rare_paths.h), for a
  // function lowered into one LLVM function, and which nodes may be lowered
  // earlier than their place to test them early.
  std::vector<RareCondition> RareConditions() const;
  bool Movable(const Node& n) const;

  // --- node values ---
  size_t IndexOf(const Node* n) const { return n->position(); }
  NodeValue& Slot(const Node* n);
  llvm::Value* Reg(const Node* n);
  llvm::Value* Ptr(const Node* n);
  void SetBits(const Node* n, llvm::Value* v);
  void SetPtr(const Node* n, llvm::Value* ptr, bool owned);
  void SetEmpty(const Node* n);
  void SetAlias(const Node* n, const Node* source);
  void Export(const Node* n);
  Status Fail(const Node& n, const std::string& what) {
    return MakeError(ErrorCode::kUnsupported, Where(n) + ": " + what);
  }

  // --- memory ---
  int64_t SizeOf(const Type* t) const { return CachedLayout(t).size; }
  bool InRegister(const Type* t) const { return PassingOf(t, m_.max_register_bits()) == Passing::kValue; }
  int64_t AllocateRegion(int64_t size, int64_t alignment);
  llvm::Value* RegionPtr(int64_t offset);
  llvm::Value* TempStorage(const Type* t);
  llvm::Value* StorageFor(const Node* n);
  void StoreNode(llvm::Value* dst, const Node* n);
  llvm::Value* NullPtr() { return llvm::ConstantPointerNull::get(m_.PtrType()); }
  llvm::Value* I64(int64_t v) { return b_.getInt64(static_cast<uint64_t>(v)); }

  // --- calls ---
  llvm::Value* CalleeRegion();
  llvm::Value* ArgFor(Passing passing, const Node* n);
  llvm::CallInst* EmitCall(const FunctionAbi& callee, std::vector<llvm::Value*> args, llvm::Value* out);

  // --- ops ---
  Status LowerNode(const Node& n);
  Status LowerMultiply(const Node& n);
  llvm::Value* Multiply(llvm::Value* x, llvm::Value* y, int64_t width);
  llvm::Value* UnsignedDivRem(llvm::Value* x, llvm::Value* divisor, bool remainder);
  llvm::Value* Shift(Op op, llvm::Value* x, llvm::Value* amount);
  llvm::Value* EncodeOneHot(const Node& one_hot, int64_t width);
  // For an array_index or array_update marked assumed_in_bounds=true (and
  // assumption events on): reports an out-of-bounds index through
  // on_assumption before the access.
  void CheckAssumption(const Node& n);
  // Whether `n`'s value can be used in the LLVM function being emitted.
  bool Available(const Node* n) {
    const size_t i = IndexOf(n);
    return values_[i].function_id == function_id_ || frame_slot_[i] >= 0 || SizeOf(n->type()) == 0;
  }
  Status LowerSelect(const Node& n);
  Status LowerOneHotSelect(const Node& n);
  Status LowerPrioritySelect(const Node& n);
  Status LowerGate(const Node& n);
  Status LowerArrayIndex(const Node& n);
  Status LowerArrayUpdate(const Node& n);
  bool CanUpdateInPlace(const Node& update);
  Status LowerArraySlice(const Node& n);
  Status LowerInvoke(const Node& n);
  Status LowerMap(const Node& n);
  Status LowerCountedFor(const Node& n);
  Status LowerDynamicCountedFor(const Node& n);
  Status LowerLoop(const Node& n, const FunctionAbi& body, llvm::Value* trips, llvm::Value* stride,
                   bool unroll_fully = false);
  Status LowerLiteral(const Node& n);
  Status LowerAssert(const Node& n);
  Status LowerTrace(const Node& n);
  Status LowerCover(const Node& n);
  // Emits `if (cond) { emit(); }` at the insertion point.
  void EmitIf(llvm::Value* cond, const std::function<void()>& emit);

  ModuleEmitter& m_;
  FunctionAbi& abi_;
  const FunctionAbiMap& abis_;
  AbiInfo& sites_;
  const Function& f_;
  Builder b_;

  // Per node (indexed by Node::position()).
  std::vector<NodeValue> values_;
  std::vector<int> part_;          // which part defines the node; -1 for params
  std::vector<int> last_use_;      // latest part using it; part_count_ for the result
  std::vector<std::vector<uint32_t>> users_;  // distinct users, in node order
  std::vector<int64_t> frame_slot_;  // region offset when it crosses parts, else -1
  int part_count_ = 1;
  std::vector<std::vector<const Node*>> parts_;

  int64_t region_used_ = 0;
  Status status_;

  // State of the LLVM function being emitted.
  int function_id_ = 0;
  llvm::Function* fn_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::Value* region_ = nullptr;
  llvm::Value* status_ptr_ = nullptr;
  llvm::Value* ctx_ = nullptr;
  llvm::Value* callee_region_ = nullptr;
  std::unordered_map<int64_t, llvm::Value*> region_ptrs_;
  int64_t stack_used_ = 0;
};

// --- analysis ---------------------------------------------------------------

void FunctionLowerer::Analyze() {
  const auto nodes = f_.nodes();
  const size_t n = nodes.size();
  values_.assign(n, NodeValue{});
  part_.assign(n, -1);
  last_use_.assign(n, -1);
  users_.assign(n, {});
  frame_slot_.assign(n, -1);

  // Parts of about partition_nodes nodes, weighted so that a node with
  // thousands of operands counts for more than one.
  const int64_t limit = std::max<int64_t>(1, m_.options().partition_nodes);
  int64_t weight = 0;
  int64_t total = 0;
  for (const auto& node : nodes)
    if (node->op() != Op::kParam) total += 1 + static_cast<int64_t>(node->operand_count()) / 4;
  parts_.assign(1, {});
  for (size_t i = 0; i < n; ++i) {
    const Node* node = nodes[i].get();
    if (node->op() == Op::kParam) continue;
    const int64_t w = 1 + static_cast<int64_t>(node->operand_count()) / 4;
    if (total > limit && weight > 0 && weight + w > limit) {
      parts_.emplace_back();
      weight = 0;
    }
    weight += w;
    part_[i] = static_cast<int>(parts_.size()) - 1;
    parts_.back().push_back(node);
  }
  part_count_ = static_cast<int>(parts_.size());

  std::vector<size_t> operands;
  for (size_t i = 0; i < n; ++i) {
    // Each distinct operand once (a node may use one value many times).
    operands.clear();
    for (const Node* operand : nodes[i]->operands()) operands.push_back(IndexOf(operand));
    std::sort(operands.begin(), operands.end());
    operands.erase(std::unique(operands.begin(), operands.end()), operands.end());
    for (size_t j : operands) {
      users_[j].push_back(static_cast<uint32_t>(i));
      last_use_[j] = std::max(last_use_[j], part_[i]);
    }
  }
  if (f_.return_node() != nullptr) {
    last_use_[IndexOf(f_.return_node())] = part_count_;
  }
  if (part_count_ > 1) {
    for (size_t i = 0; i < n; ++i) {
      const Type* t = nodes[i]->type();
      if (last_use_[i] > part_[i] && SizeOf(t) > 0)
        frame_slot_[i] = AllocateRegion(SizeOf(t), CachedLayout(t).alignment);
    }
  }
}

int64_t FunctionLowerer::AllocateRegion(int64_t size, int64_t alignment) {
  const int64_t offset = AlignUp(region_used_, std::min<int64_t>(alignment, 8));
  region_used_ = offset + size;
  return offset;
}

// --- LLVM functions -----------------------------------------------------------

void FunctionLowerer::BeginFunction(llvm::Function* fn) {
  ++function_id_;
  fn_ = fn;
  entry_ = llvm::BasicBlock::Create(m_.context(), "entry", fn);
  b_.SetInsertPoint(llvm::BasicBlock::Create(m_.context(), "body", fn));
  const unsigned n = fn->arg_size();
  region_ = fn->getArg(n - 3);
  status_ptr_ = fn->getArg(n - 2);
  ctx_ = fn->getArg(n - 1);
  callee_region_ = nullptr;
  region_ptrs_.clear();
  stack_used_ = 0;
}

void FunctionLowerer::FinishFunction() {
  Builder entry(entry_);
  entry.CreateBr(&*std::next(fn_->begin()));
}

llvm::Function* FunctionLowerer::NewPart(int index) {
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(m_.context()),
                                       {m_.PtrType(), m_.PtrType(), m_.PtrType()}, false);
  auto* fn = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                    abi_.impl->getName() + ".part" + std::to_string(index), m_.module());
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  // Inlining the parts back into one function would undo the partitioning.
  fn->addFnAttr(llvm::Attribute::NoInline);
  return fn;
}

void FunctionLowerer::BindParams(llvm::Function* fn) {
  unsigned arg = 0;
  for (size_t i = 0; i < f_.params().size(); ++i) {
    const Node* p = f_.param(i);
    NodeValue& v = values_[IndexOf(p)];
    v = NodeValue{};
    v.function_id = function_id_;
    switch (abi_.params[i]) {
      case Passing::kNone:
        break;
      case Passing::kValue:
        v.reg = fn->getArg(arg++);
        break;
      case Passing::kPointer:
        v.ptr = fn->getArg(arg++);
        // A loop body may overwrite its state: the loop passes a buffer
        // it does not read again except as the body's result.
        v.owned = abi_.state_consumable && i == 1;
        break;
    }
  }
}

void FunctionLowerer::EmitReturn(llvm::Value* out) {
  const Node* result = f_.return_node();
  switch (abi_.result) {
    case Passing::kNone:
      b_.CreateRetVoid();
      return;
    case Passing::kValue:
      b_.CreateRet(Reg(result));
      return;
    case Passing::kPointer: {
      // A loop body's `out` is its state parameter's buffer (see
      // LowerLoop), so source and destination may be the same.
      const TypeLayout& layout = CachedLayout(result->type());
      const llvm::Align align(static_cast<uint64_t>(layout.alignment));
      b_.CreateMemMove(out, align, Ptr(result), align, static_cast<uint64_t>(layout.size));
      b_.CreateRetVoid();
      return;
    }
  }
}

std::vector<RareCondition> FunctionLowerer::RareConditions() const {
  const CodegenOptions& o = m_.options();
  if (o.opt_level < 2) return {};
  return ChooseRareConditions(f_, o.rare_paths);
}

bool FunctionLowerer::Movable(const Node& n) const {
  // Values in registers only: moving a node that reads or updates a buffer
  // could reorder it with an in-place update of that buffer.
  const OpInfo& info = n.op_info();
  if (info.has_flag(kFlagSideEffecting) || info.has_flag(kFlagCallsFunction) || !InRegister(n.type())) return false;
  return std::all_of(n.operands().begin(), n.operands().end(), [this](const Node* o) { return InRegister(o->type()); });
}

Status FunctionLowerer::Lower() {
  if (f_.return_node() == nullptr) return MakeError(ErrorCode::kUnsupported, "function '" + f_.name() + "' has no return value");
  Analyze();
  llvm::Function* impl = abi_.impl;
  llvm::Value* out = abi_.result == Passing::kPointer ? impl->getArg(impl->arg_size() - 4) : nullptr;

  if (part_count_ == 1) {
    BeginFunction(impl);
    BindParams(impl);
    std::vector<RareCondition> rare = RareConditions();
    const std::vector<const Node*> order =
        rare.empty() ? parts_[0] : ConditionsFirst(parts_[0], rare, [this](const Node& n) { return Movable(n); });
    for (const Node* node : order) {
      XLSAOT_RETURN_IF_ERROR(LowerNode(*node));
      XLSAOT_RETURN_IF_ERROR(status_);
    }
    EmitReturn(out);
    FinishFunction();
    std::vector<LoweredCondition> lowered;
    for (const RareCondition& c : rare) lowered.push_back({values_[IndexOf(c.node)].reg, c.common_value});
    codegen::SplitOnRareConditions(*fn_, lowered);
  } else {
    // The parts run one after the other; values crossing them go through
    // the frame (fixed slots of the region).
    std::vector<llvm::Function*> part_fns;
    for (int p = 0; p < part_count_; ++p) {
      llvm::Function* fn = NewPart(p);
      part_fns.push_back(fn);
      BeginFunction(fn);
      for (const Node* node : parts_[static_cast<size_t>(p)]) {
        XLSAOT_RETURN_IF_ERROR(LowerNode(*node));
        XLSAOT_RETURN_IF_ERROR(status_);
      }
      b_.CreateRetVoid();
      FinishFunction();
    }
    BeginFunction(impl);
    BindParams(impl);
    for (const Node* p : f_.params()) Export(p);
    for (llvm::Function* fn : part_fns) b_.CreateCall(fn, {region_, status_ptr_, ctx_});
    // Parameters are still at hand in the driver; any other result comes
    // back from the frame.
    EmitReturn(out);
    FinishFunction();
    XLSAOT_RETURN_IF_ERROR(status_);
  }
  abi_.region_size = region_used_;
  return {};
}

// --- node values ----------------------------------------------------------------

FunctionLowerer::NodeValue& FunctionLowerer::Slot(const Node* n) {
  NodeValue& v = values_[IndexOf(n)];
  if (v.function_id == function_id_) return v;
  // Defined in another part: read it from the frame.
  v = NodeValue{};
  v.function_id = function_id_;
  if (SizeOf(n->type()) == 0) return v;
  const int64_t slot = frame_slot_[IndexOf(n)];
  if (slot < 0) {
    if (status_.ok()) status_ = MakeError(ErrorCode::kInternal, Where(*n) + ": value used outside its part");
    v.ptr = TempStorage(n->type());
    return v;
  }
  v.ptr = RegionPtr(slot);
  return v;
}

llvm::Value* FunctionLowerer::Reg(const Node* n) {
  NodeValue& v = Slot(n);
  if (v.reg != nullptr || !n->type()->IsBits() || n->type()->bit_count() == 0) return v.reg;
  llvm::Value* loaded = LoadBits(m_, b_, v.ptr, n->type());
  // Wide values are reloaded at each use rather than kept live in registers.
  if (InRegister(n->type())) v.reg = loaded;
  return loaded;
}

llvm::Value* FunctionLowerer::Ptr(const Node* n) {
  NodeValue& v = Slot(n);
  if (v.ptr != nullptr) return v.ptr;
  if (SizeOf(n->type()) == 0) return NullPtr();
  v.ptr = TempStorage(n->type());
  StoreBits(m_, b_, v.reg, v.ptr, n->type());
  return v.ptr;
}

void FunctionLowerer::SetBits(const Node* n, llvm::Value* reg) {
  NodeValue& v = values_[IndexOf(n)];
  v = NodeValue{};
  v.function_id = function_id_;
  if (reg == nullptr) return;
  if (InRegister(n->type())) {
    v.reg = reg;
    return;
  }
  v.ptr = StorageFor(n);
  v.owned = true;
  StoreBits(m_, b_, reg, v.ptr, n->type());
}

void FunctionLowerer::SetPtr(const Node* n, llvm::Value* ptr, bool owned) {
  NodeValue& v = values_[IndexOf(n)];
  v = NodeValue{};
  v.function_id = function_id_;
  if (SizeOf(n->type()) == 0) return;
  v.ptr = ptr;
  v.owned = owned;
}

void FunctionLowerer::SetEmpty(const Node* n) { SetPtr(n, nullptr, false); }

void FunctionLowerer::SetAlias(const Node* n, const Node* source) {
  NodeValue copy = Slot(source);
  copy.owned = false;
  values_[IndexOf(n)] = copy;
}

void FunctionLowerer::Export(const Node* n) {
  const int64_t slot = frame_slot_[IndexOf(n)];
  if (slot < 0) return;
  NodeValue& v = Slot(n);
  llvm::Value* frame = RegionPtr(slot);
  if (v.ptr == frame) return;
  if (v.ptr == nullptr) {
    StoreBits(m_, b_, v.reg, frame, n->type());
  } else {
    CopyValue(b_, frame, v.ptr, n->type());
  }
}

// --- memory -----------------------------------------------------------------------

llvm::Value* FunctionLowerer::RegionPtr(int64_t offset) {
  // Made once per LLVM function, in its entry block, so that it dominates
  // every use.
  auto it = region_ptrs_.find(offset);
  if (it != region_ptrs_.end()) return it->second;
  Builder entry(entry_);
  llvm::Value* ptr = ByteOffset(entry, region_, offset);
  region_ptrs_.emplace(offset, ptr);
  return ptr;
}

llvm::Value* FunctionLowerer::TempStorage(const Type* t) {
  const TypeLayout& layout = CachedLayout(t);
  if (layout.size == 0) return NullPtr();
  const CodegenOptions& o = m_.options();
  if (layout.size <= o.stack_cutoff_bytes && stack_used_ + layout.size <= o.stack_budget_bytes) {
    stack_used_ += layout.size;
    Builder entry(entry_);
    llvm::AllocaInst* slot = entry.CreateAlloca(llvm::ArrayType::get(m_.I8(), static_cast<uint64_t>(layout.size)));
    slot->setAlignment(llvm::Align(static_cast<uint64_t>(layout.alignment)));
    return slot;
  }
  return RegionPtr(AllocateRegion(layout.size, layout.alignment));
}

llvm::Value* FunctionLowerer::StorageFor(const Node* n) {
  const int64_t slot = frame_slot_[IndexOf(n)];
  if (slot >= 0) return RegionPtr(slot);
  return TempStorage(n->type());
}

void FunctionLowerer::StoreNode(llvm::Value* dst, const Node* n) {
  if (SizeOf(n->type()) == 0) return;
  NodeValue& v = Slot(n);
  if (v.ptr == nullptr) {
    StoreBits(m_, b_, v.reg, dst, n->type());
  } else {
    CopyValue(b_, dst, v.ptr, n->type());
  }
}

// --- calls -----------------------------------------------------------------------------

llvm::Value* FunctionLowerer::CalleeRegion() {
  if (callee_region_ == nullptr) {
    // Patched to region + region_size once the region size is known.
    auto* gep = llvm::GetElementPtrInst::CreateInBounds(m_.I8(), region_, {b_.getInt64(0)}, "callee.region");
    gep->insertInto(entry_, entry_->end());
    abi_.callee_regions.push_back(gep);
    callee_region_ = gep;
  }
  return callee_region_;
}

llvm::Value* FunctionLowerer::ArgFor(Passing passing, const Node* n) {
  switch (passing) {
    case Passing::kNone: return nullptr;
    case Passing::kValue: return Reg(n);
    case Passing::kPointer: return Ptr(n);
  }
  return nullptr;
}

llvm::CallInst* FunctionLowerer::EmitCall(const FunctionAbi& callee, std::vector<llvm::Value*> args,
                                          llvm::Value* out) {
  std::vector<llvm::Value*> call_args;
  for (size_t i = 0; i < callee.params.size(); ++i)
    if (callee.params[i] != Passing::kNone) call_args.push_back(args[i]);
  if (callee.result == Passing::kPointer) call_args.push_back(out);
  call_args.push_back(CalleeRegion());
  call_args.push_back(status_ptr_);
  call_args.push_back(ctx_);
  abi_.callees.insert(callee.function);
  return b_.CreateCall(callee.impl, call_args);
}

void FunctionLowerer::EmitIf(llvm::Value* cond, const std::function<void()>& emit) {
  auto* then_block = llvm::BasicBlock::Create(m_.context(), "then", fn_);
  auto* join = llvm::BasicBlock::Create(m_.context(), "join", fn_);
  b_.CreateCondBr(cond, then_block, join);
  b_.SetInsertPoint(then_block);
  emit();
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
}

// --- ops ------------------------------------------------------------------------------------

Status FunctionLowerer::LowerNode(const Node& n) {
  const Type* t = n.type();
  const int64_t w = t->IsBits() ? t->bit_count() : 0;
  const OpInfo& info = n.op_info();
  // Pure ops with a zero-sized result produce nothing (but an access marked
  // assumed_in_bounds=true still checks its indices).
  if (SizeOf(t) == 0 && !info.has_flag(kFlagSideEffecting) && !info.has_flag(kFlagCallsFunction)) {
    if (n.op() == Op::kArrayIndex || n.op() == Op::kArrayUpdate) CheckAssumption(n);
    SetEmpty(&n);
    return {};
  }
  auto bits = [&](size_t i) { return Reg(n.operand(i)); };
  const UDivRem divrem = [this](llvm::Value* x, llvm::Value* d, bool remainder) {
    return UnsignedDivRem(x, d, remainder);
  };
  const Shifter shift = [this](Op op, llvm::Value* x, llvm::Value* amount) { return Shift(op, x, amount); };
  switch (n.op()) {
    // --- arithmetic ---
    case Op::kAdd:
      SetBits(&n, b_.CreateAdd(bits(0), bits(1)));
      break;
    case Op::kSub:
      SetBits(&n, b_.CreateSub(bits(0), bits(1)));
      break;
    case Op::kNeg:
      SetBits(&n, b_.CreateNeg(bits(0)));
      break;
    case Op::kUMul:
    case Op::kSMul:
    case Op::kUMulp:
    case Op::kSMulp:
      XLSAOT_RETURN_IF_ERROR(LowerMultiply(n));
      break;
    case Op::kUDiv:
      SetBits(&n, EmitUDiv(b_, bits(0), bits(1), divrem));
      break;
    case Op::kSDiv:
      SetBits(&n, EmitSDiv(b_, bits(0), bits(1), divrem));
      break;
    case Op::kUMod:
      SetBits(&n, EmitUMod(b_, bits(0), bits(1), divrem));
      break;
    case Op::kSMod:
      SetBits(&n, EmitSMod(b_, bits(0), bits(1), divrem));
      break;

    // --- bitwise logic ---
    case Op::kNot:
      SetBits(&n, b_.CreateNot(bits(0)));
      break;
    case Op::kAnd:
    case Op::kOr:
    case Op::kXor:
    case Op::kNand:
    case Op::kNor: {
      llvm::Value* acc = bits(0);
      for (size_t i = 1; i < n.operand_count(); ++i) {
        llvm::Value* x = bits(i);
        if (n.op() == Op::kAnd || n.op() == Op::kNand) {
          acc = b_.CreateAnd(acc, x);
        } else if (n.op() == Op::kXor) {
          acc = b_.CreateXor(acc, x);
        } else {
          acc = b_.CreateOr(acc, x);
        }
      }
      if (n.op() == Op::kNand || n.op() == Op::kNor) acc = b_.CreateNot(acc);
      SetBits(&n, acc);
      break;
    }
    case Op::kAndReduce:
      SetBits(&n, EmitAndReduce(b_, bits(0)));
      break;
    case Op::kOrReduce:
      SetBits(&n, EmitOrReduce(b_, bits(0)));
      break;
    case Op::kXorReduce:
      SetBits(&n, EmitXorReduce(b_, bits(0)));
      break;

    // --- comparisons ---
    case Op::kEq:
    case Op::kNe: {
      const Type* operand_type = n.operand(0)->type();
      llvm::Value* eq;
      if (operand_type->IsBits()) {
        eq = EmitCompare(b_, Op::kEq, bits(0), bits(1));
      } else {
        eq = EmitEqual(m_, b_, Ptr(n.operand(0)), Ptr(n.operand(1)), operand_type);
      }
      SetBits(&n, n.op() == Op::kEq ? eq : b_.CreateNot(eq));
      break;
    }
    case Op::kULt:
    case Op::kULe:
    case Op::kUGt:
    case Op::kUGe:
    case Op::kSLt:
    case Op::kSLe:
    case Op::kSGt:
    case Op::kSGe:
      SetBits(&n, EmitCompare(b_, n.op(), bits(0), bits(1)));
      break;

    // --- shifts ---
    case Op::kShll:
    case Op::kShrl:
    case Op::kShra:
      SetBits(&n, EmitShift(b_, n.op(), bits(0), bits(1), shift));
      break;

    // --- bit manipulation ---
    case Op::kConcat: {
      std::vector<llvm::Value*> parts;
      parts.reserve(n.operand_count());
      for (size_t i = 0; i < n.operand_count(); ++i) parts.push_back(bits(i));
      SetBits(&n, EmitConcat(b_, parts));
      break;
    }
    case Op::kBitSlice:
      SetBits(&n, EmitBitSlice(b_, bits(0), n.attrs().start, w));
      break;
    case Op::kDynamicBitSlice:
      SetBits(&n, EmitDynamicBitSlice(b_, bits(0), bits(1), w, shift));
      break;
    case Op::kBitSliceUpdate:
      SetBits(&n, EmitBitSliceUpdate(b_, bits(0), bits(1), bits(2), shift));
      break;
    case Op::kReverse:
      SetBits(&n, EmitReverse(b_, bits(0)));
      break;
    case Op::kZeroExt:
      SetBits(&n, Resize(b_, bits(0), w, /*is_signed=*/false));
      break;
    case Op::kSignExt:
      SetBits(&n, Resize(b_, bits(0), w, /*is_signed=*/true));
      break;
    case Op::kDecode:
      SetBits(&n, EmitDecode(b_, bits(0), w, shift));
      break;
    case Op::kEncode:
      if (n.operand(0)->op() == Op::kOneHot && Available(n.operand(0)->operand(0))) {
        SetBits(&n, EncodeOneHot(*n.operand(0), w));
      } else {
        SetBits(&n, EmitEncode(b_, bits(0), n.operand(0)->type()->bit_count(), w));
      }
      break;
    case Op::kOneHot:
      SetBits(&n, EmitOneHot(b_, bits(0), n.operand(0)->type()->bit_count(), n.attrs().lsb_prio));
      break;
    case Op::kIdentity:
      SetAlias(&n, n.operand(0));
      break;

    // --- selects ---
    case Op::kSel:
      XLSAOT_RETURN_IF_ERROR(LowerSelect(n));
      break;
    case Op::kOneHotSel:
      XLSAOT_RETURN_IF_ERROR(LowerOneHotSelect(n));
      break;
    case Op::kPrioritySel:
      XLSAOT_RETURN_IF_ERROR(LowerPrioritySelect(n));
      break;
    case Op::kGate:
      XLSAOT_RETURN_IF_ERROR(LowerGate(n));
      break;

    // --- aggregates ---
    case Op::kTuple: {
      llvm::Value* storage = StorageFor(&n);
      const TypeLayout& layout = CachedLayout(t);
      for (size_t i = 0; i < n.operand_count(); ++i)
        StoreNode(ByteOffset(b_, storage, layout.element_offsets[i]), n.operand(i));
      SetPtr(&n, storage, true);
      break;
    }
    case Op::kTupleIndex: {
      const int64_t offset = CachedLayout(n.operand(0)->type()).element_offsets[static_cast<size_t>(n.attrs().index)];
      SetPtr(&n, ByteOffset(b_, Ptr(n.operand(0)), offset), false);
      break;
    }
    case Op::kArray: {
      llvm::Value* storage = StorageFor(&n);
      const int64_t stride = CachedLayout(t).element_stride;
      for (size_t i = 0; i < n.operand_count(); ++i)
        StoreNode(ByteOffset(b_, storage, static_cast<int64_t>(i) * stride), n.operand(i));
      SetPtr(&n, storage, true);
      break;
    }
    case Op::kArrayIndex:
      XLSAOT_RETURN_IF_ERROR(LowerArrayIndex(n));
      break;
    case Op::kArrayUpdate:
      XLSAOT_RETURN_IF_ERROR(LowerArrayUpdate(n));
      break;
    case Op::kArraySlice:
      XLSAOT_RETURN_IF_ERROR(LowerArraySlice(n));
      break;
    case Op::kArrayConcat: {
      llvm::Value* storage = StorageFor(&n);
      int64_t offset = 0;
      for (const Node* operand : n.operands()) {
        CopyValue(b_, ByteOffset(b_, storage, offset), Ptr(operand), operand->type());
        offset += SizeOf(operand->type());
      }
      SetPtr(&n, storage, true);
      break;
    }

    // --- calls and loops ---
    case Op::kInvoke:
      XLSAOT_RETURN_IF_ERROR(LowerInvoke(n));
      break;
    case Op::kMap:
      XLSAOT_RETURN_IF_ERROR(LowerMap(n));
      break;
    case Op::kCountedFor:
      XLSAOT_RETURN_IF_ERROR(LowerCountedFor(n));
      break;
    case Op::kDynamicCountedFor:
      XLSAOT_RETURN_IF_ERROR(LowerDynamicCountedFor(n));
      break;

    // --- leaves ---
    case Op::kParam:
      return Fail(n, "parameter node listed among the body nodes");
    case Op::kLiteral:
      XLSAOT_RETURN_IF_ERROR(LowerLiteral(n));
      break;

    // --- side effects and tokens ---
    case Op::kAssert:
      XLSAOT_RETURN_IF_ERROR(LowerAssert(n));
      break;
    case Op::kTrace:
      XLSAOT_RETURN_IF_ERROR(LowerTrace(n));
      break;
    case Op::kCover:
      XLSAOT_RETURN_IF_ERROR(LowerCover(n));
      break;
    case Op::kAfterAll:
    case Op::kMinDelay:
      SetEmpty(&n);
      break;
    case Op::kStateRead:
    case Op::kNextValue:
    case Op::kSend:
    case Op::kReceive:
      return MakeError(ErrorCode::kUnsupported, Where(n) + ": procs are run by the interpreter only");
  }
  Export(&n);
  return {};
}

llvm::Value* FunctionLowerer::Multiply(llvm::Value* x, llvm::Value* y, int64_t width) {
  if (width <= kMaxInlineMultiplyBits) return b_.CreateMul(x, y);
  const Type* t = Type::Bits(width);
  llvm::Value* a = TempStorage(t);
  llvm::Value* c = TempStorage(t);
  llvm::Value* product = TempStorage(t);
  StoreBits(m_, b_, x, a, t);
  StoreBits(m_, b_, y, c, t);
  b_.CreateCall(m_.MulWordsFunction(), {product, a, c, I64((width + 63) / 64)});
  return LoadBits(m_, b_, product, t);
}

llvm::Value* FunctionLowerer::UnsignedDivRem(llvm::Value* x, llvm::Value* divisor, bool remainder) {
  const int64_t width = WidthOf(x);
  if (width <= kMaxNativeDivisionBits) return NativeUDivRem(b_, x, divisor, remainder);
  const Type* t = Type::Bits(width);
  llvm::Value* a = TempStorage(t);
  llvm::Value* d = TempStorage(t);
  llvm::Value* q = TempStorage(t);
  llvm::Value* r = TempStorage(t);
  llvm::Value* scratch = TempStorage(t);
  StoreBits(m_, b_, x, a, t);
  StoreBits(m_, b_, divisor, d, t);
  b_.CreateCall(m_.UDivRemWordsFunction(), {q, r, scratch, a, d, I64((width + 63) / 64)});
  return LoadBits(m_, b_, remainder ? r : q, t);
}

llvm::Value* FunctionLowerer::Shift(Op op, llvm::Value* x, llvm::Value* amount) {
  const int64_t width = WidthOf(x);
  if (width <= kMaxInlineShiftBits) return NativeShift(b_, op, x, amount);
  const Type* t = Type::Bits(width);
  const int64_t words = (width + 63) / 64;
  llvm::Value* source = TempStorage(t);
  llvm::Value* result = TempStorage(t);
  // Right shifts bring in the container's padding bits: zeros, or copies
  // of the sign for an arithmetic shift.
  b_.CreateAlignedStore(Resize(b_, x, words * 64, op == Op::kShra), source, llvm::Align(8));
  const int kind = op == Op::kShll ? 0 : op == Op::kShrl ? 1 : 2;
  b_.CreateCall(m_.ShiftWordsFunction(), {result, source, I64(words), amount, b_.getInt32(kind)});
  return LoadBits(m_, b_, result, t);
}

Status FunctionLowerer::LowerMultiply(const Node& n) {
  const bool is_signed = n.op() == Op::kSMul || n.op() == Op::kSMulp;
  const bool partial = n.op() == Op::kUMulp || n.op() == Op::kSMulp;
  const Type* t = partial ? n.type()->elements()[0] : n.type();
  const int64_t w = t->bit_count();
  // The product modulo 2^w only needs the operands modulo 2^w.
  llvm::Value* x = Resize(b_, Reg(n.operand(0)), w, is_signed);
  llvm::Value* y = Resize(b_, Reg(n.operand(1)), w, is_signed);
  llvm::Value* product = w == 0 ? nullptr : Multiply(x, y, w);
  if (!partial) {
    SetBits(&n, product);
    return {};
  }
  // XLS's split of the product: (offset, product - offset).
  const llvm::APInt offset_bits = bits_ops::MulpOffset(w);
  llvm::Value* offset = ConstBits(b_, offset_bits);
  llvm::Value* rest = w == 0 ? nullptr : b_.CreateSub(product, offset);
  llvm::Value* storage = StorageFor(&n);
  const TypeLayout& layout = CachedLayout(n.type());
  StoreBits(m_, b_, offset, ByteOffset(b_, storage, layout.element_offsets[0]), t);
  StoreBits(m_, b_, rest, ByteOffset(b_, storage, layout.element_offsets[1]), t);
  SetPtr(&n, storage, true);
  return {};
}

// encode(one_hot(x)) is how XLS writes count-trailing/leading-zeros: the
// index of the lowest (highest) set bit, or width(x) when x is zero.
llvm::Value* FunctionLowerer::EncodeOneHot(const Node& one_hot, int64_t width) {
  llvm::Value* x = Reg(one_hot.operand(0));
  const int64_t n = WidthOf(x);
  if (n == 0) return ZeroBits(b_, width);  // one_hot of bits[0] is 1: index 0
  llvm::Value* index;
  if (one_hot.attrs().lsb_prio) {
    index = EmitLowestSetBit(b_, x);
  } else {
    index = b_.CreateSelect(b_.CreateIsNull(x), b_.getInt64(static_cast<uint64_t>(n)), EmitHighestSetBit(b_, x));
  }
  // The index is at most n, which the result (ceil(log2(n + 1)) bits) holds.
  return Resize(b_, index, width, false);
}

Status FunctionLowerer::LowerSelect(const Node& n) {
  const auto cases = n.cases();
  const Node* fallback = n.default_value() != nullptr ? n.default_value() : cases.back();
  const size_t explicit_cases = n.default_value() != nullptr ? cases.size() : cases.size() - 1;
  llvm::Value* selector = Reg(n.selector());
  const int64_t sw = WidthOf(selector);
  const bool in_register = InRegister(n.type());
  auto value_of = [&](const Node* c) { return in_register ? Reg(c) : Ptr(c); };
  llvm::Value* result = value_of(fallback);
  for (size_t k = explicit_cases; k-- > 0;) {
    llvm::Value* hit = sw == 0 ? b_.getInt1(k == 0)
                               : b_.CreateICmpEQ(selector, llvm::ConstantInt::get(m_.IntType(sw), k));
    result = b_.CreateSelect(hit, value_of(cases[k]), result);
  }
  if (in_register) {
    SetBits(&n, result);
  } else {
    SetPtr(&n, result, false);
  }
  return {};
}

Status FunctionLowerer::LowerOneHotSelect(const Node& n) {
  const auto cases = n.cases();
  llvm::Value* selector = Reg(n.selector());
  auto bit = [&](size_t k) {
    return b_.CreateTrunc(b_.CreateLShr(selector, static_cast<uint64_t>(k)), m_.I1());
  };
  if (InRegister(n.type())) {
    llvm::Value* zero = ZeroBits(b_, n.type()->bit_count());
    llvm::Value* result = zero;
    for (size_t k = 0; k < cases.size(); ++k)
      result = b_.CreateOr(result, b_.CreateSelect(bit(k), Reg(cases[k]), zero));
    SetBits(&n, result);
    return {};
  }
  const int64_t size = SizeOf(n.type());
  std::vector<llvm::Value*> sources;
  for (const Node* c : cases) sources.push_back(Ptr(c));
  llvm::Value* storage = StorageFor(&n);
  b_.CreateMemSet(storage, b_.getInt8(0), static_cast<uint64_t>(size), llvm::Align(1));
  for (size_t k = 0; k < cases.size(); ++k) {
    llvm::Value* mask = b_.CreateSExt(bit(k), m_.I8());
    b_.CreateCall(m_.OrMaskedFunction(), {storage, sources[k], I64(size), mask});
  }
  SetPtr(&n, storage, true);
  return {};
}

Status FunctionLowerer::LowerPrioritySelect(const Node& n) {
  const auto cases = n.cases();
  llvm::Value* selector = Reg(n.selector());
  const bool in_register = InRegister(n.type());
  auto value_of = [&](const Node* c) { return in_register ? Reg(c) : Ptr(c); };
  // The lowest set selector bit wins: build the chain from the last case.
  llvm::Value* result = value_of(n.default_value());
  for (size_t k = cases.size(); k-- > 0;) {
    llvm::Value* bit = b_.CreateTrunc(b_.CreateLShr(selector, static_cast<uint64_t>(k)), m_.I1());
    result = b_.CreateSelect(bit, value_of(cases[k]), result);
  }
  if (in_register) {
    SetBits(&n, result);
  } else {
    SetPtr(&n, result, false);
  }
  return {};
}

Status FunctionLowerer::LowerGate(const Node& n) {
  llvm::Value* cond = Reg(n.operand(0));
  if (InRegister(n.type())) {
    SetBits(&n, b_.CreateSelect(cond, Reg(n.operand(1)), ZeroBits(b_, n.type()->bit_count())));
    return {};
  }
  const int64_t size = SizeOf(n.type());
  llvm::Value* source = Ptr(n.operand(1));
  llvm::Value* storage = StorageFor(&n);
  b_.CreateMemSet(storage, b_.getInt8(0), static_cast<uint64_t>(size), llvm::Align(1));
  b_.CreateCall(m_.OrMaskedFunction(), {storage, source, I64(size), b_.CreateSExt(cond, m_.I8())});
  SetPtr(&n, storage, true);
  return {};
}

void FunctionLowerer::CheckAssumption(const Node& n) {
  if (!n.attrs().assumed_in_bounds || !m_.options().assumption_events) return;
  const Type* t = n.operand(0)->type();
  llvm::Value* out_of_bounds = b_.getInt1(false);
  for (const Node* index : n.indices()) {
    out_of_bounds = b_.CreateOr(out_of_bounds, b_.CreateNot(ULessThan(b_, Reg(index), static_cast<uint64_t>(t->size()))));
    t = t->element();
  }
  const uint32_t site = static_cast<uint32_t>(sites_.assumptions.size());
  sites_.assumptions.push_back(AssumptionSite{&n});
  EmitIf(out_of_bounds, [&] { b_.CreateCall(m_.AssumptionFunction(), {ctx_, b_.getInt32(site)}); });
}

Status FunctionLowerer::LowerArrayIndex(const Node& n) {
  CheckAssumption(n);
  llvm::Value* ptr = Ptr(n.operand(0));
  const Type* t = n.operand(0)->type();
  llvm::Value* offset = I64(0);
  for (const Node* index : n.indices()) {
    // Out-of-range indices clamp to the last element (arrays indexed here
    // are never empty: the verifier checks it).
    const uint64_t last = static_cast<uint64_t>(std::max<int64_t>(t->size(), 1) - 1);
    llvm::Value* i = ClampToIndex(b_, Reg(index), last);
    offset = b_.CreateAdd(offset, b_.CreateMul(i, I64(CachedLayout(t).element_stride)));
    t = t->element();
  }
  SetPtr(&n, ByteOffset(b_, ptr, offset), false);
  return {};
}

Status FunctionLowerer::LowerArrayUpdate(const Node& n) {
  CheckAssumption(n);
  const Node* array = n.operand(0);
  const Node* update = n.operand(1);
  if (n.indices().empty()) {
    SetAlias(&n, update);
    return {};
  }
  // Compute everything the update needs before branching.
  const Type* t = array->type();
  llvm::Value* in_bounds = b_.getInt1(true);
  llvm::Value* offset = I64(0);
  for (const Node* index : n.indices()) {
    llvm::Value* i = Reg(index);
    in_bounds = b_.CreateAnd(in_bounds, ULessThan(b_, i, static_cast<uint64_t>(t->size())));
    const uint64_t last = static_cast<uint64_t>(std::max<int64_t>(t->size(), 1) - 1);
    offset = b_.CreateAdd(offset, b_.CreateMul(ClampToIndex(b_, i, last), I64(CachedLayout(t).element_stride)));
    t = t->element();
  }
  const Type* element = t;
  const NodeValue& source = Slot(array);
  llvm::Value* storage;
  if (CanUpdateInPlace(n)) {
    storage = source.ptr;
  } else {
    storage = StorageFor(&n);
    CopyValue(b_, storage, Ptr(array), array->type());
  }
  const NodeValue& value = Slot(update);
  llvm::Value* value_reg = value.ptr == nullptr ? value.reg : nullptr;
  llvm::Value* value_ptr = value.ptr;
  if (SizeOf(element) > 0) {
    EmitIf(in_bounds, [&] {
      llvm::Value* dst = ByteOffset(b_, storage, offset);
      if (value_ptr != nullptr) {
        CopyValue(b_, dst, value_ptr, element);
      } else {
        StoreBits(m_, b_, value_reg, dst, element);
      }
    });
  }
  SetPtr(&n, storage, true);
  return {};
}

// Whether the result of op `op` may point into the storage of an operand.
bool MayAlias(Op op) {
  switch (op) {
    case Op::kIdentity:
    case Op::kTupleIndex:
    case Op::kArrayIndex:
    case Op::kSel:
    case Op::kPrioritySel:
    case Op::kArrayUpdate:
    case Op::kCountedFor:
    case Op::kDynamicCountedFor:
      return true;
    default:
      return false;
  }
}

// The array operand's storage may receive the update directly when no one
// can observe the old contents afterwards: the storage belongs to the array
// node alone, every other user comes earlier, and no earlier value still
// points into it (bits values read out of it are loaded now). Aliases chain
// (an identity of an array_index of the array points into it too), so the
// earlier values that may point into the storage are followed transitively.
bool FunctionLowerer::CanUpdateInPlace(const Node& update) {
  const Node* array = update.operand(0);
  const size_t a = IndexOf(array);
  const size_t self = IndexOf(&update);
  const NodeValue& source = Slot(array);
  if (!source.owned || source.ptr == nullptr || frame_slot_[a] >= 0 || frame_slot_[self] >= 0) return false;
  if (array == f_.return_node() || array == update.operand(1)) return false;
  for (uint32_t u : users_[a])
    if (u > self) return false;  // the array itself is read after the update
  std::vector<const Node*> detach;
  std::vector<size_t> sources = {a};
  while (!sources.empty()) {
    const size_t from = sources.back();
    sources.pop_back();
    for (uint32_t u : users_[from]) {
      // Later nodes are lowered after the update and read detached values.
      if (u >= self) continue;
      const Node* user = f_.nodes()[u].get();
      if (!MayAlias(user->op()) || SizeOf(user->type()) == 0) continue;
      if (std::find(detach.begin(), detach.end(), user) != detach.end()) continue;
      if (!InRegister(user->type())) return false;
      detach.push_back(user);
      sources.push_back(u);
    }
  }
  for (const Node* user : detach) {
    NodeValue& v = values_[IndexOf(user)];
    if (v.function_id != function_id_ || v.ptr == nullptr) continue;
    v.reg = Reg(user);
    v.ptr = nullptr;
  }
  return true;
}

Status FunctionLowerer::LowerArraySlice(const Node& n) {
  const Type* t = n.operand(0)->type();
  const int64_t size = t->size();
  const int64_t width = n.attrs().width;
  const int64_t stride = CachedLayout(t).element_stride;
  llvm::Value* source = Ptr(n.operand(0));
  llvm::Value* start = ClampToIndex(b_, Reg(n.operand(1)), static_cast<uint64_t>(size - 1));
  llvm::Value* storage = StorageFor(&n);
  if (stride > 0) {
    // Elements start .. size-1 exist; positions past the end repeat the
    // last element.
    llvm::Value* available = b_.CreateSub(I64(size), start);
    llvm::Value* copied = b_.CreateSelect(b_.CreateICmpULT(available, I64(width)), available, I64(width));
    b_.CreateMemCpy(storage, llvm::Align(1), ByteOffset(b_, source, b_.CreateMul(start, I64(stride))),
                    llvm::Align(1), b_.CreateMul(copied, I64(stride)));
    llvm::Value* last = ByteOffset(b_, source, (size - 1) * stride);
    const Type* element = t->element();
    m_.EmitLoop(b_, b_.CreateSub(I64(width), copied), {},
                [&](Builder& b, llvm::Value* i, std::span<llvm::Value* const>) {
                  llvm::Value* position = b.CreateAdd(copied, i);
                  CopyValue(b, ByteOffset(b, storage, b.CreateMul(position, I64(stride))), last, element);
                  return std::vector<llvm::Value*>{};
                });
  }
  SetPtr(&n, storage, true);
  return {};
}

Status FunctionLowerer::LowerInvoke(const Node& n) {
  const FunctionAbi& callee = *abis_.at(n.attrs().callee);
  std::vector<llvm::Value*> args;
  args.reserve(callee.params.size());
  for (size_t i = 0; i < callee.params.size(); ++i) args.push_back(ArgFor(callee.params[i], n.operand(i)));
  llvm::Value* out = callee.result == Passing::kPointer ? StorageFor(&n) : nullptr;
  llvm::CallInst* call = EmitCall(callee, args, out);
  switch (callee.result) {
    case Passing::kNone: SetEmpty(&n); break;
    case Passing::kValue: SetBits(&n, call); break;
    case Passing::kPointer: SetPtr(&n, out, true); break;
  }
  return {};
}

Status FunctionLowerer::LowerMap(const Node& n) {
  const FunctionAbi& callee = *abis_.at(n.attrs().callee);
  const Type* in_type = n.operand(0)->type();
  const Type* in_element = in_type->element();
  const Type* out_element = n.type()->element();
  const int64_t in_stride = CachedLayout(in_type).element_stride;
  const int64_t out_stride = CachedLayout(n.type()).element_stride;
  llvm::Value* input = Ptr(n.operand(0));
  llvm::Value* storage = StorageFor(&n);
  CalleeRegion();
  if (in_type->size() > 0) {
    m_.EmitLoop(b_, I64(in_type->size()), {}, [&](Builder& b, llvm::Value* i, std::span<llvm::Value* const>) {
      llvm::Value* in = ByteOffset(b, input, b.CreateMul(i, I64(in_stride)));
      llvm::Value* out = ByteOffset(b, storage, b.CreateMul(i, I64(out_stride)));
      llvm::Value* arg = nullptr;
      if (callee.params[0] == Passing::kValue) arg = LoadBits(m_, b, in, in_element);
      if (callee.params[0] == Passing::kPointer) arg = in;
      llvm::CallInst* call = EmitCall(callee, {arg}, out);
      if (callee.result == Passing::kValue) StoreBits(m_, b, call, out, out_element);
      return std::vector<llvm::Value*>{};
    });
  }
  SetPtr(&n, storage, true);
  return {};
}

Status FunctionLowerer::LowerCountedFor(const Node& n) {
  const FunctionAbi& body = *abis_.at(n.attrs().callee);
  const int64_t index_width = n.attrs().callee->param(0)->type()->bit_count();
  if (n.attrs().trip_count == 0) {
    SetAlias(&n, n.operand(0));
    return {};
  }
  llvm::Value* stride = ConstBits(
      b_, llvm::APInt(64, static_cast<uint64_t>(n.attrs().stride)).zextOrTrunc(static_cast<unsigned>(index_width)));
  return LowerLoop(n, body, I64(n.attrs().trip_count), stride,
                   ShouldUnrollFully(n, m_.options().full_unroll_nodes));
}

Status FunctionLowerer::LowerDynamicCountedFor(const Node& n) {
  const FunctionAbi& body = *abis_.at(n.attrs().callee);
  const int64_t w = n.attrs().callee->param(0)->type()->bit_count();
  llvm::Value* trip = Reg(n.operand(1));
  llvm::Value* stride = Reg(n.operand(2));
  const int64_t tw = WidthOf(trip);
  const int64_t sw = WidthOf(stride);
  llvm::Value* no_trips = stride == nullptr ? b_.getInt1(true) : b_.CreateIsNull(stride);
  // XLS steps the index by the signed stride until it equals
  // trip_count * stride; when that product does not fit the signed index
  // the loop never ends, which the entry point reports as a status.
  const int64_t product_width = tw + 1 + sw;
  if (tw > 0 && sw > 0 && product_width > w) {
    llvm::Value* limit = Multiply(Resize(b_, trip, product_width, false), Resize(b_, stride, product_width, true),
                                  product_width);
    llvm::Value* fits = b_.CreateICmpEQ(Resize(b_, Resize(b_, limit, w, true), product_width, true), limit);
    llvm::Value* never_ends = b_.CreateNot(fits);
    abi_.sets_status = true;
    llvm::Value* status = status_ptr_;
    EmitIf(never_ends, [&] {
      b_.CreateAlignedStore(b_.getInt32(XLSAOT_STATUS_NONTERMINATING_LOOP), status, llvm::Align(4));
    });
    no_trips = b_.CreateOr(no_trips, never_ends);
  }
  llvm::Value* trips = b_.CreateSelect(no_trips, I64(0), ClampToIndex(b_, trip, ~uint64_t{0}));
  return LowerLoop(n, body, trips, Resize(b_, stride, w, true));
}

Status FunctionLowerer::LowerLoop(const Node& n, const FunctionAbi& body, llvm::Value* trips,
                                  llvm::Value* stride, bool unroll_fully) {
  const Type* state_type = n.type();
  const Type* index_type = n.attrs().callee->param(0)->type();
  const int64_t index_width = index_type->bit_count();
  const Passing state_passing = body.params[1];
  const Passing index_passing = body.params[0];
  // Everything the body call needs is computed before the loop.
  llvm::Value* init = ArgFor(state_passing, n.operand(0));
  std::vector<llvm::Value*> invariants;
  const auto invariant_nodes = n.invariant_args();
  invariants.reserve(invariant_nodes.size());
  for (size_t k = 0; k < invariant_nodes.size(); ++k)
    invariants.push_back(ArgFor(body.params[2 + k], invariant_nodes[k]));
  llvm::Value* index_storage = index_passing == Passing::kPointer ? TempStorage(index_type) : nullptr;
  llvm::Value* state = nullptr;
  if (state_passing == Passing::kPointer) {
    // One buffer holds the state: the body reads it as its parameter and
    // writes the next state over it when it returns (bodies of loops may
    // consume their state, see FunctionAbi::state_consumable).
    state = StorageFor(&n);
    CopyValue(b_, state, init, state_type);
  }
  CalleeRegion();

  std::vector<llvm::Value*> initial;
  llvm::Value* zero_index = ZeroBits(b_, index_width);
  if (zero_index != nullptr) initial.push_back(zero_index);
  if (state_passing == Passing::kValue) initial.push_back(init);

  std::vector<llvm::Value*> final_values = m_.EmitLoop(
      b_, trips, initial, [&](Builder& b, llvm::Value*, std::span<llvm::Value* const> carried) {
        size_t c = 0;
        llvm::Value* index = zero_index != nullptr ? carried[c++] : nullptr;
        std::vector<llvm::Value*> args;
        if (index_passing == Passing::kPointer) {
          StoreBits(m_, b, index, index_storage, index_type);
          args.push_back(index_storage);
        } else {
          args.push_back(index);
        }
        std::vector<llvm::Value*> next;
        if (index != nullptr) next.push_back(b.CreateAdd(index, stride));
        if (state_passing == Passing::kValue) {
          args.push_back(carried[c]);
          args.insert(args.end(), invariants.begin(), invariants.end());
          next.push_back(EmitCall(body, args, nullptr));
        } else if (state_passing == Passing::kPointer) {
          args.push_back(state);
          args.insert(args.end(), invariants.begin(), invariants.end());
          EmitCall(body, args, state);
        } else {
          args.push_back(nullptr);
          args.insert(args.end(), invariants.begin(), invariants.end());
          EmitCall(body, args, nullptr);
        }
        return next;
      },
      unroll_fully);
  const size_t state_at = zero_index != nullptr ? 1 : 0;
  switch (state_passing) {
    case Passing::kNone: SetEmpty(&n); break;
    case Passing::kValue: SetBits(&n, final_values[state_at]); break;
    case Passing::kPointer: SetPtr(&n, state, true); break;
  }
  return {};
}

Status FunctionLowerer::LowerLiteral(const Node& n) {
  const Type* t = n.type();
  const Value& value = n.attrs().value;
  if (InRegister(t)) {
    SetBits(&n, ConstBits(b_, value.bits()));
    return {};
  }
  const TypeLayout& layout = CachedLayout(t);
  std::vector<uint8_t> bytes(static_cast<size_t>(layout.size));
  WriteValueToBuffer(value, t, bytes.data());
  SetPtr(&n, m_.ConstantBytes(bytes, layout.alignment), false);
  return {};
}

Status FunctionLowerer::LowerAssert(const Node& n) {
  llvm::Value* ok = Reg(n.operand(1));
  const uint32_t index = static_cast<uint32_t>(sites_.asserts.size());
  const std::string label = n.attrs().has_label ? n.attrs().label : std::string();
  sites_.asserts.push_back(AssertSite{&n, n.attrs().message, label});
  llvm::Value* message = m_.ConstantString(n.attrs().message);
  llvm::Value* label_text = m_.ConstantString(label);
  const uint64_t message_size = n.attrs().message.size();
  EmitIf(b_.CreateNot(ok), [&] {
    b_.CreateCall(m_.AssertFunction(), {ctx_, b_.getInt32(index), message, b_.getInt64(message_size),
                                        label_text, b_.getInt64(label.size())});
  });
  SetEmpty(&n);
  return {};
}

Status FunctionLowerer::LowerTrace(const Node& n) {
  llvm::Value* fire = Reg(n.operand(1));
  const auto data = n.data_operands();
  TraceSite site{&n, n.attrs().format, {}};
  std::vector<llvm::Value*> operands;
  for (const Node* d : data) {
    site.operand_types.push_back(d->type());
    operands.push_back(Ptr(d));
  }
  const uint32_t index = static_cast<uint32_t>(sites_.traces.size());
  sites_.traces.push_back(std::move(site));
  llvm::Value* array = NullPtr();
  if (!operands.empty()) {
    Builder entry(entry_);
    llvm::AllocaInst* slots = entry.CreateAlloca(llvm::ArrayType::get(m_.PtrType(), operands.size()));
    slots->setAlignment(llvm::Align(8));
    array = slots;
  }
  EmitIf(fire, [&] {
    for (size_t i = 0; i < operands.size(); ++i)
      b_.CreateAlignedStore(operands[i], ByteOffset(b_, array, static_cast<int64_t>(8 * i)), llvm::Align(8));
    b_.CreateCall(m_.TraceFunction(), {ctx_, b_.getInt32(index), array});
  });
  SetEmpty(&n);
  return {};
}

Status FunctionLowerer::LowerCover(const Node& n) {
  llvm::Value* hit = Reg(n.operand(0));
  const uint32_t index = static_cast<uint32_t>(sites_.covers.size());
  sites_.covers.push_back(CoverSite{&n, n.attrs().label});
  llvm::Value* label = m_.ConstantString(n.attrs().label);
  const uint64_t size = n.attrs().label.size();
  EmitIf(hit, [&] {
    b_.CreateCall(m_.CoverFunction(), {ctx_, b_.getInt32(index), label, b_.getInt64(size)});
  });
  SetEmpty(&n);
  return {};
}

}  // namespace

Status LowerFunctionBody(ModuleEmitter& m, FunctionAbi& abi, const FunctionAbiMap& abis, AbiInfo& sites) {
  return FunctionLowerer(m, abi, abis, sites).Lower();
}

}  // namespace xlsaot::codegen
