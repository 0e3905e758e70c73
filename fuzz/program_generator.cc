#include "fuzz/program_generator.h"

#include "fuzz/function_builder.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "fuzz/random_source.h"
#include "ir/verifier.h"

namespace xlsaot {
namespace {

// Bounds that keep every program cheap to evaluate and to compile.
// Of any aggregate the generator creates: large enough that some values
// exceed what compiled code keeps on the machine stack (512 bytes by default).
constexpr int64_t kMaxFlatBits = 8192;
constexpr int64_t kMaxArraySize = 48;
constexpr int kMaxObtainDepth = 3;      // recursion when shaping an operand
// Loops nested inside loops (through bodies that loop again); each level
// multiplies the work by up to 15 iterations.
constexpr int kMaxLoopNesting = 2;
// Trip counts of loops that may nest; only a loop of the top function whose
// body runs no loop may go beyond (GeneratorOptions::max_trip_count).
constexpr int64_t kNestedTripCount = 12;
// What compiled code keeps on the stack by default (AotOptions and
// CodegenOptions): larger loop state lives in scratch memory.
constexpr int64_t kStackCutoffBits = int64_t{512} * 8;

// Bits needed to hold `value` unsigned (0 for 0).
int64_t UnsignedBitWidth(uint64_t value) {
  int64_t bits = 0;
  for (; value != 0; value >>= 1) ++bits;
  return bits;
}

// Result width of encode: ceil(log2(width)), 0 for widths 0 and 1.
int64_t EncodeWidth(int64_t width) {
  int64_t bits = 0;
  while (bits < 63 && (int64_t{1} << bits) < width) ++bits;
  return bits;
}

int ArrayDepth(const Type* type) {
  int depth = 0;
  for (; type->IsArray(); type = type->element()) ++depth;
  return depth;
}

constexpr std::string_view kWords[] = {"alpha", "beta", "gamma", "delta", "sum", "carry",
                                       "lane", "word", "mask", "index", "state", "value"};
constexpr std::string_view kAwkwardText[] = {"\"quoted\"", "back\\slash", "tab\there", "new\nline",
                                             "caf\xc3\xa9", "it's", " ", "semi;colon", "{}"};
constexpr std::string_view kPlaceholders[] = {"{}",   "{}",   "{:u}", "{:d}", "{:x}",
                                              "{:#x}", "{:b}", "{:#b}", "{:0x}", "{:0b}"};

}  // namespace

FunctionBuilder::FunctionBuilder(ProgramBuilder& program, Function* function,
                                 std::vector<const Helper*> callees, bool is_top)
    : program_(program), function_(function), callees_(std::move(callees)), is_top_(is_top) {}

RandomSource& FunctionBuilder::rng() { return program_.rng(); }
const GeneratorOptions& FunctionBuilder::options() const { return program_.options(); }

void FunctionBuilder::NoteDependence(const Node* node) {
  // Zero-bit values carry no information whatever their origin.
  if (node->type()->flat_bit_count() == 0) return;
  bool depends = node->op() == Op::kParam || node->op() == Op::kStateRead || node->op() == Op::kReceive;
  for (const Node* operand : node->operands()) depends = depends || DependsOnParams(operand);
  if (!depends) return;
  if (depends_on_params_.size() <= static_cast<size_t>(node->id()))
    depends_on_params_.resize(static_cast<size_t>(node->id()) + 1, false);
  depends_on_params_[static_cast<size_t>(node->id())] = true;
}

Node* FunctionBuilder::AddParam(const Type* type, std::string name) {
  Node* node = function_->AddParam(type, std::move(name));
  node->set_id(program_.NextId());
  NoteDependence(node);
  if (type->IsToken() && token_param_ == nullptr) token_param_ = node;
  if (!type->ContainsToken()) pool_.push_back(node);
  return node;
}

Node* FunctionBuilder::Add(Op op, const Type* type, std::vector<Node*> operands, bool into_pool) {
  const int64_t id = program_.NextId();
  Node* node = function_->AddNode(op, type, std::string(OpName(op)) + "." + std::to_string(id));
  node->set_id(id);
  node->mutable_operands() = std::move(operands);
  NoteDependence(node);
  if (into_pool && !type->ContainsToken()) pool_.push_back(node);
  return node;
}

Node* FunctionBuilder::Literal(const Type* type, bool into_pool) {
  Node* node = Add(Op::kLiteral, type, {}, into_pool);
  node->mutable_attrs().value = rng().EdgeValue(type);
  return node;
}

Node* FunctionBuilder::LiteralBits(int64_t width, uint64_t value) {
  Node* node = Add(Op::kLiteral, Type::Bits(width), {});
  node->mutable_attrs().value =
      Value::Bits(llvm::APInt(64, value).zextOrTrunc(static_cast<unsigned>(width)));
  return node;
}

const Type* FunctionBuilder::RandomType(int depth) {
  const int64_t roll = rng().Uniform(0, 99);
  if (depth >= options().max_type_depth || roll < 70) return BitsType();
  const Type* type;
  if (roll < 85) {
    std::vector<const Type*> elements(static_cast<size_t>(rng().Uniform(0, 3)));
    for (const Type*& e : elements) e = RandomType(depth + 1);
    type = Type::Tuple(elements);
  } else {
    const Type* element = RandomType(depth + 1);
    type = Type::Array(element, rng().Percent(10) ? rng().Uniform(8, 40) : rng().Uniform(1, 4));
  }
  return type->flat_bit_count() > kMaxFlatBits ? BitsType() : type;
}

const Type* FunctionBuilder::NestedType(int levels) {
  if (levels <= 0) return BitsType();
  const Type* inner = NestedType(levels - 1);
  const Type* type;
  if (rng().Bool()) {
    // The nested value among a few plain siblings, in any position.
    std::vector<const Type*> elements(static_cast<size_t>(rng().Uniform(0, 2)), nullptr);
    for (const Type*& e : elements) e = Type::Bits(rng().Width(std::min<int64_t>(max_width(), 64)));
    elements.insert(elements.begin() + rng().Uniform(0, static_cast<int64_t>(elements.size())), inner);
    type = Type::Tuple(elements);
  } else {
    type = Type::Array(inner, rng().Uniform(1, 3));
  }
  return type->flat_bit_count() > kMaxFlatBits ? inner : type;
}

Node* FunctionBuilder::PickFrom(const std::vector<Node*>& all) {
  std::vector<Node*> varying;
  if (rng().Percent(92)) {
    for (Node* node : all)
      if (DependsOnParams(node)) varying.push_back(node);
  }
  const std::vector<Node*>& nodes = varying.empty() ? all : varying;
  const int64_t n = static_cast<int64_t>(nodes.size());
  if (rng().Percent(50)) return nodes[static_cast<size_t>(rng().Uniform(std::max<int64_t>(0, n - 6), n - 1))];
  return nodes[static_cast<size_t>(rng().Uniform(0, n - 1))];
}

Node* FunctionBuilder::PickAny() {
  if (pool_.empty() || rng().Percent(5)) return Literal(RandomType());
  return PickFrom(pool_);
}

Node* FunctionBuilder::PickBits() { return PickBitsAtLeast(0); }

Node* FunctionBuilder::PickBitsAtLeast(int64_t min_width) {
  std::vector<Node*> bits;
  for (Node* n : pool_)
    if (n->type()->IsBits() && n->type()->bit_count() >= min_width) bits.push_back(n);
  if (bits.empty() || rng().Percent(4)) {
    return Literal(Type::Bits(std::max(min_width, rng().Width(max_width()))));
  }
  if (rng().Percent(45)) {
    // Choose the width first so that a few common widths (comparison
    // results are all bits[1]) do not crowd out the rest.
    std::vector<int64_t> widths;
    for (Node* n : bits)
      if (std::find(widths.begin(), widths.end(), n->type()->bit_count()) == widths.end())
        widths.push_back(n->type()->bit_count());
    const int64_t width = rng().Pick(std::span<const int64_t>(widths));
    std::vector<Node*> same;
    for (Node* n : bits)
      if (n->type()->bit_count() == width) same.push_back(n);
    return PickFrom(same);
  }
  return PickFrom(bits);
}

Node* FunctionBuilder::PickArray() {
  std::vector<Node*> arrays;
  for (Node* n : pool_)
    if (n->type()->IsArray() && n->type()->size() > 0) arrays.push_back(n);
  if (!arrays.empty() && rng().Percent(80)) return PickFrom(arrays);
  const Type* element = rng().Percent(60) ? PickBits()->type() : RandomType(1);
  const int64_t size = rng().Uniform(1, 4);
  if (element->flat_bit_count() * size > kMaxFlatBits) element = Type::Bits(rng().Uniform(1, 16));
  return Obtain(Type::Array(element, size));
}

Node* FunctionBuilder::Obtain(const Type* type, int depth) {
  if (type->IsToken()) return Token();
  std::vector<Node*> same;
  for (Node* n : pool_)
    if (n->type() == type) same.push_back(n);
  if (!same.empty() && rng().Percent(75)) return PickFrom(same);
  if (depth >= kMaxObtainDepth || rng().Percent(8)) return Literal(type);
  switch (type->kind()) {
    case TypeKind::kBits:
      return Reshape(PickBits(), type->bit_count(), depth + 1);
    case TypeKind::kTuple: {
      std::vector<Node*> elements;
      for (const Type* e : type->elements()) elements.push_back(Obtain(e, depth + 1));
      return Add(Op::kTuple, type, std::move(elements));
    }
    case TypeKind::kArray: {
      std::vector<Node*> sources;
      for (Node* n : pool_)
        if (n->type()->IsArray() && n->type()->element() == type->element() && n->type()->size() > 0)
          sources.push_back(n);
      if (!sources.empty() && rng().Percent(40)) {
        Node* source = PickFrom(sources);
        Node* slice = Add(Op::kArraySlice, type, {source, Offset(source->type()->size())});
        slice->mutable_attrs().width = type->size();
        return slice;
      }
      std::vector<Node*> elements;
      elements.reserve(static_cast<size_t>(type->size()));
      for (int64_t i = 0; i < type->size(); ++i) elements.push_back(Obtain(type->element(), depth + 1));
      return Add(Op::kArray, type, std::move(elements));
    }
    case TypeKind::kToken:
      break;
  }
  return Token();
}

Node* FunctionBuilder::Derive(const Type* type, int depth) {
  if (depth < 2) {
    if (type->IsBits()) {
      std::vector<Node*> computed;
      for (Node* n : pool_)
        if (n->op() != Op::kParam && n->op() != Op::kLiteral && n->type()->IsBits()) computed.push_back(n);
      if (!computed.empty() && rng().Percent(75)) {
        Node* value = Reshape(PickFrom(computed), type->bit_count(), 0);
        if (rng().Percent(50)) value = Add(Op::kXor, type, {value, Obtain(type)});
        return value;
      }
    } else if (type->IsTuple() && rng().Percent(70)) {
      std::vector<Node*> elements;
      for (const Type* e : type->elements()) elements.push_back(Derive(e, depth + 1));
      return Add(Op::kTuple, type, std::move(elements));
    } else if (type->IsArray() && rng().Percent(70)) {
      std::vector<Node*> elements;
      elements.reserve(static_cast<size_t>(type->size()));
      for (int64_t i = 0; i < type->size(); ++i) elements.push_back(Derive(type->element(), depth + 1));
      return Add(Op::kArray, type, std::move(elements));
    }
  }
  return Obtain(type);
}

Node* FunctionBuilder::Reshape(Node* source, int64_t width, int depth) {
  const int64_t have = source->type()->bit_count();
  const Type* type = Type::Bits(width);
  if (have == width) return source;
  if (have > width) {
    if (rng().Percent(70)) {
      Node* slice = Add(Op::kBitSlice, type, {source});
      slice->mutable_attrs().start = rng().Uniform(0, have - width);
      slice->mutable_attrs().width = width;
      return slice;
    }
    Node* slice = Add(Op::kDynamicBitSlice, type, {source, Offset(have)});
    slice->mutable_attrs().width = width;
    return slice;
  }
  const int64_t roll = rng().Uniform(0, 99);
  if (roll < 40 || (roll < 70 && have == 0)) {
    Node* ext = Add(Op::kZeroExt, type, {source});
    ext->mutable_attrs().new_bit_count = width;
    return ext;
  }
  if (roll < 70) {
    Node* ext = Add(Op::kSignExt, type, {source});
    ext->mutable_attrs().new_bit_count = width;
    return ext;
  }
  Node* rest = Obtain(Type::Bits(width - have), depth + 1);
  return rng().Bool() ? Add(Op::kConcat, type, {source, rest}) : Add(Op::kConcat, type, {rest, source});
}

Node* FunctionBuilder::Offset(int64_t limit, bool* in_range_literal) {
  if (in_range_literal != nullptr) *in_range_literal = false;
  const int64_t roll = rng().Uniform(0, 99);
  if (roll < 55) {
    // A literal, usually in range, sometimes just past the end.
    const int64_t value = rng().Percent(80) ? rng().Uniform(0, std::max<int64_t>(limit - 1, 0))
                                            : limit + rng().Uniform(0, 2);
    const int64_t width = std::max<int64_t>(UnsignedBitWidth(static_cast<uint64_t>(value)), 1) +
                          rng().Uniform(0, 3);
    if (in_range_literal != nullptr) *in_range_literal = value < limit;
    return LiteralBits(width, static_cast<uint64_t>(value));
  }
  // Huge offsets, wider than anything else; kept out of the pool so that
  // max_bit_width still bounds every computed value.
  if (roll < 70) return Literal(Type::Bits(rng().Uniform(60, 130)), /*into_pool=*/false);
  std::vector<Node*> narrow;
  for (Node* n : pool_)
    if (n->type()->IsBits() && n->type()->bit_count() <= 10) narrow.push_back(n);
  if (!narrow.empty() && rng().Percent(60)) return PickFrom(narrow);
  return PickBits();
}

Node* FunctionBuilder::ShiftAmount(int64_t width) {
  const int64_t roll = rng().Uniform(0, 99);
  if (roll < 30) {
    // In range, so that bits survive the shift.
    const uint64_t amount = static_cast<uint64_t>(rng().Uniform(0, std::max<int64_t>(0, std::min<int64_t>(width - 1, 255))));
    return LiteralBits(std::max<int64_t>(UnsignedBitWidth(amount), 1) + rng().Uniform(0, 3), amount);
  }
  if (roll < 50) {
    // Exactly at the boundary: width - 1, width, width + 1.
    const uint64_t amount = static_cast<uint64_t>(std::max<int64_t>(0, width + rng().Uniform(-1, 1)));
    return LiteralBits(std::max<int64_t>(UnsignedBitWidth(amount), 1) + rng().Uniform(0, 2), amount);
  }
  if (roll < 70) return Literal(Type::Bits(rng().Uniform(60, 130)), /*into_pool=*/false);
  return PickBits();
}

Node* FunctionBuilder::Condition() {
  const int64_t roll = rng().Uniform(0, 99);
  if (roll < 40) {
    std::vector<Node*> flags;
    for (Node* n : pool_)
      if (n->type() == Type::Bits(1)) flags.push_back(n);
    if (!flags.empty()) return PickFrom(flags);
  }
  if (roll < 75) {
    static constexpr Op kComparisons[] = {Op::kEq,  Op::kNe,  Op::kULt, Op::kULe, Op::kUGt,
                                          Op::kUGe, Op::kSLt, Op::kSLe, Op::kSGt, Op::kSGe};
    Node* a = PickBits();
    Node* b = Obtain(a->type());
    return Add(rng().Pick(std::span<const Op>(kComparisons)), Type::Bits(1), {a, b});
  }
  return Obtain(Type::Bits(1));
}

Node* FunctionBuilder::Token() {
  if (token_ == nullptr) {
    token_ = token_param_ != nullptr ? token_param_ : Add(Op::kAfterAll, Type::Token(), {});
    tokens_.push_back(token_);
  }
  return token_;
}

void FunctionBuilder::AdvanceToken(Node* token) {
  token_ = token;
  tokens_.push_back(token);
}

void FunctionBuilder::OpenTokenTuple(Node* tuple) {
  if (!tuple->type()->IsTuple() || !tuple->type()->ContainsToken()) return;
  token_values_.push_back(tuple);
  const auto elements = tuple->type()->elements();
  for (size_t i = 0; i < elements.size(); ++i) {
    if (elements[i]->IsToken()) {
      Node* token = Add(Op::kTupleIndex, elements[i], {tuple});
      token->mutable_attrs().index = static_cast<int64_t>(i);
      // Joined with the chain so far rather than replacing it, so that the
      // order of earlier side effects stays fixed.
      AdvanceToken(token_ != nullptr ? Add(Op::kAfterAll, Type::Token(), {token_, token}) : token);
    } else if (!elements[i]->ContainsToken() && rng().Percent(70)) {
      Node* element = Add(Op::kTupleIndex, elements[i], {tuple});
      element->mutable_attrs().index = static_cast<int64_t>(i);
    }
  }
}

const Helper* FunctionBuilder::PickCallee(HelperRole role) {
  std::vector<const Helper*> fits;
  for (const Helper* h : callees_) {
    const bool is_loop = role == HelperRole::kCountedFor || role == HelperRole::kDynamicCountedFor;
    if (role != HelperRole::kInvoke && h->role != role) continue;
    if (is_loop && h->loop_nesting + 1 > kMaxLoopNesting) continue;
    fits.push_back(h);
  }
  if (fits.empty()) return nullptr;
  return rng().Pick(std::span<const Helper* const>(fits));
}

std::string FunctionBuilder::Text(int64_t id, std::string_view what) {
  std::string text = std::string(rng().Pick(std::span<const std::string_view>(kWords))) + " " +
                     std::string(what) + " " + std::to_string(id);
  // Now and then characters that the printer must escape and every engine
  // must pass through unchanged.
  if (rng().Percent(10)) text += rng().Pick(std::span<const std::string_view>(kAwkwardText));
  return text;
}

Node* FunctionBuilder::GenerateSelect(Op op) {
  // The type selected among: mostly bits, sometimes any aggregate.
  const Type* type = rng().Percent(70) ? PickBits()->type() : PickAny()->type();
  std::vector<Node*> operands;
  bool has_default = true;
  int64_t cases = 0;
  if (op == Op::kSel) {
    const int64_t roll = rng().Uniform(0, 99);
    const int64_t width =
        std::min(max_width(), roll < 45   ? 1
                              : roll < 70 ? 2
                              : roll < 85 ? 3
                              : roll < 95 ? rng().Uniform(4, 8)
                                          : rng().Uniform(9, 70));
    if (width <= 3) {
      const int64_t all = int64_t{1} << width;
      cases = rng().Percent(50) ? all : rng().Uniform(1, all);
      has_default = cases < all;
    } else {
      cases = rng().Uniform(1, 6);  // fewer than 2^width: a default is required
    }
    operands.push_back(Obtain(Type::Bits(width)));
  } else if (op == Op::kOneHotSel) {
    cases = rng().Uniform(1, 4);
    has_default = false;
    operands.push_back(Obtain(Type::Bits(cases)));
  } else {  // priority_sel: always a default
    cases = rng().Percent(5) ? 0 : rng().Uniform(1, 4);
    operands.push_back(Obtain(Type::Bits(cases)));
  }
  for (int64_t i = 0; i < cases; ++i) operands.push_back(Obtain(type));
  if (has_default) operands.push_back(Obtain(type));
  Node* node = Add(op, type, std::move(operands));
  node->mutable_attrs().has_default = has_default;
  return node;
}

Node* FunctionBuilder::GenerateArrayIndexing(Op op) {
  Node* array = PickArray();
  const int depth = ArrayDepth(array->type());
  const int count = rng().Percent(10) ? 0 : static_cast<int>(rng().Uniform(1, depth));
  std::vector<Node*> indices;
  bool all_in_range = true;
  const Type* indexed = array->type();
  for (int i = 0; i < count; ++i) {
    bool in_range = false;
    indices.push_back(Offset(indexed->size(), &in_range));
    all_in_range = all_in_range && in_range;
    indexed = indexed->element();
  }
  // assumed_in_bounds: mostly where it is true; where it is not, every
  // engine computes the clamped result and reports a failed assumption.
  const bool assumed_in_bounds = count > 0 && rng().Percent(all_in_range ? 30 : 15);
  Node* node;
  if (op == Op::kArrayIndex) {
    std::vector<Node*> operands = {array};
    operands.insert(operands.end(), indices.begin(), indices.end());
    node = Add(Op::kArrayIndex, indexed, std::move(operands));
  } else {
    std::vector<Node*> operands = {array, Obtain(indexed)};
    operands.insert(operands.end(), indices.begin(), indices.end());
    node = Add(Op::kArrayUpdate, array->type(), std::move(operands));
  }
  node->mutable_attrs().assumed_in_bounds = assumed_in_bounds;
  return node;
}

Node* FunctionBuilder::GenerateLoop(Op op) {
  const bool dynamic = op == Op::kDynamicCountedFor;
  const Helper* helper = PickCallee(dynamic ? HelperRole::kDynamicCountedFor : HelperRole::kCountedFor);
  if (helper == nullptr) return nullptr;
  const Function& body = *helper->function;
  const int64_t index_width = body.param(0)->type()->bit_count();
  const Type* state = body.param(1)->type();
  // A long loop only where it cannot be nested in another one.
  const int64_t max_trips = options().max_trip_count;
  const bool may_run_long = is_top_ && helper->loop_nesting == 0 && max_trips > kNestedTripCount;
  std::vector<Node*> operands = {Obtain(state)};
  Node* node;
  if (dynamic) {
    // The loop runs until the index equals trip_count * stride (stride is
    // signed); when that product does not fit the signed index the loop never
    // ends, so trip count and stride widths together stay within the index
    // width. A trip count of 4 bits at most keeps it to 15 iterations,
    // unless the loop may run long.
    const int64_t trip_width =
        rng().Uniform(1, std::min<int64_t>(index_width - 1, may_run_long ? UnsignedBitWidth(max_trips) : 4));
    const int64_t stride_width = rng().Uniform(1, std::min<int64_t>(index_width - trip_width, 8));
    operands.push_back(Obtain(Type::Bits(trip_width)));
    operands.push_back(Obtain(Type::Bits(stride_width)));
    for (size_t i = 2; i < body.params().size(); ++i) operands.push_back(Obtain(body.param(i)->type()));
    node = Add(Op::kDynamicCountedFor, state, std::move(operands));
  } else {
    int64_t trip_count = rng().Percent(85) ? rng().Uniform(0, 5) : rng().Uniform(6, kNestedTripCount);
    if (may_run_long && rng().Percent(30)) trip_count = rng().Uniform(kNestedTripCount + 1, max_trips);
    const int64_t stride = rng().Percent(60) ? 1 : rng().Uniform(2, 4);
    // The last index, stride * (trip_count - 1), must fit the index.
    while (trip_count > 1 && UnsignedBitWidth(static_cast<uint64_t>(stride * (trip_count - 1))) > index_width)
      --trip_count;
    for (size_t i = 2; i < body.params().size(); ++i) operands.push_back(Obtain(body.param(i)->type()));
    node = Add(Op::kCountedFor, state, std::move(operands));
    node->mutable_attrs().trip_count = trip_count;
    node->mutable_attrs().stride = stride;
  }
  node->mutable_attrs().callee = helper->function;
  loop_nesting_ = std::max(loop_nesting_, helper->loop_nesting + 1);
  return node;
}

Node* FunctionBuilder::GenerateOp(Op op) {
  switch (op) {
    case Op::kAdd:
    case Op::kSub:
    case Op::kUDiv:
    case Op::kSDiv:
    case Op::kUMod:
    case Op::kSMod: {
      Node* a = PickBits();
      const bool divides = op != Op::kAdd && op != Op::kSub;
      Node* b;
      if (divides && rng().Percent(20)) {
        b = rng().Bool() ? LiteralBits(a->type()->bit_count(), 0) : Literal(a->type());
      } else {
        b = rng().Percent(10) ? a : Obtain(a->type());
      }
      return rng().Percent(15) ? Add(op, a->type(), {b, a}) : Add(op, a->type(), {a, b});
    }
    case Op::kNeg:
    case Op::kNot:
    case Op::kReverse: {
      Node* a = PickBits();
      return Add(op, a->type(), {a});
    }
    case Op::kIdentity: {
      Node* a = PickAny();
      return Add(op, a->type(), {a});
    }
    case Op::kUMul:
    case Op::kSMul:
    case Op::kUMulp:
    case Op::kSMulp: {
      Node* a = PickBits();
      Node* b = rng().Percent(60) ? Obtain(a->type()) : PickBits();
      const int64_t wa = a->type()->bit_count(), wb = b->type()->bit_count();
      const int64_t roll = rng().Uniform(0, 99);
      const int64_t width = std::min(max_width(), roll < 30   ? wa + wb
                                                  : roll < 60 ? std::max(wa, wb)
                                                  : roll < 80 ? wa
                                                              : rng().Width(max_width()));
      const Type* type = Type::Bits(width);
      if (op == Op::kUMul || op == Op::kSMul) return Add(op, type, {a, b});
      // Only the sum of a partial-product pair is defined, so the pair
      // itself never feeds anything else.
      const Type* pair_type = Type::Tuple(std::vector<const Type*>{type, type});
      Node* pair = Add(op, pair_type, {a, b}, /*into_pool=*/false);
      Node* low = Add(Op::kTupleIndex, type, {pair}, /*into_pool=*/false);
      low->mutable_attrs().index = 0;
      Node* high = Add(Op::kTupleIndex, type, {pair}, /*into_pool=*/false);
      high->mutable_attrs().index = 1;
      return Add(Op::kAdd, type, {low, high});
    }
    case Op::kAnd:
    case Op::kOr:
    case Op::kXor:
    case Op::kNand:
    case Op::kNor: {
      Node* a = PickBits();
      std::vector<Node*> operands = {a};
      const int64_t count = rng().Uniform(1, 4);
      while (static_cast<int64_t>(operands.size()) < count)
        operands.push_back(rng().Percent(10) ? a : Obtain(a->type()));
      std::swap(operands[0], operands[static_cast<size_t>(rng().Uniform(0, count - 1))]);
      return Add(op, a->type(), std::move(operands));
    }
    case Op::kAndReduce:
    case Op::kOrReduce:
    case Op::kXorReduce:
      return Add(op, Type::Bits(1), {PickBits()});
    case Op::kEq:
    case Op::kNe:
    case Op::kULt:
    case Op::kULe:
    case Op::kUGt:
    case Op::kUGe:
    case Op::kSLt:
    case Op::kSLe:
    case Op::kSGt:
    case Op::kSGe: {
      const bool any_type = (op == Op::kEq || op == Op::kNe) && rng().Percent(30);
      Node* a = any_type ? PickAny() : PickBits();
      Node* b = rng().Percent(10) ? a : rng().Percent(25) ? Literal(a->type()) : Obtain(a->type());
      return Add(op, Type::Bits(1), {a, b});
    }
    case Op::kShll:
    case Op::kShrl:
    case Op::kShra: {
      Node* a = PickBits();
      return Add(op, a->type(), {a, ShiftAmount(a->type()->bit_count())});
    }
    case Op::kConcat: {
      const int64_t count = rng().Percent(5) ? 0 : rng().Uniform(1, 4);
      std::vector<Node*> operands;
      int64_t width = 0;
      for (int64_t i = 0; i < count; ++i) {
        Node* part = PickBits();
        if (width + part->type()->bit_count() > max_width()) continue;
        width += part->type()->bit_count();
        operands.push_back(part);
      }
      return Add(op, Type::Bits(width), std::move(operands));
    }
    case Op::kBitSlice: {
      Node* a = PickBits();
      const int64_t have = a->type()->bit_count();
      const int64_t width = rng().Percent(15) ? have : rng().Uniform(0, have);
      Node* node = Add(op, Type::Bits(width), {a});
      node->mutable_attrs().start = rng().Uniform(0, have - width);
      node->mutable_attrs().width = width;
      return node;
    }
    case Op::kDynamicBitSlice: {
      Node* a = PickBits();
      const int64_t have = a->type()->bit_count();
      const int64_t width = rng().Uniform(0, have);
      Node* node = Add(op, Type::Bits(width), {a, Offset(have)});
      node->mutable_attrs().width = width;
      return node;
    }
    case Op::kBitSliceUpdate: {
      Node* a = PickBits();
      const int64_t have = a->type()->bit_count();
      Node* start = Offset(have);
      Node* update = rng().Percent(50) ? PickBits()
                                       : Obtain(Type::Bits(rng().Uniform(0, std::min(max_width(), have + 4))));
      return Add(op, a->type(), {a, start, update});
    }
    case Op::kZeroExt:
    case Op::kSignExt: {
      Node* a = op == Op::kSignExt ? PickBitsAtLeast(1) : PickBits();
      const int64_t have = a->type()->bit_count();
      const int64_t width =
          rng().Percent(20) ? have : rng().Uniform(have, std::max(have, std::min(max_width(), have + 80)));
      Node* node = Add(op, Type::Bits(width), {a});
      node->mutable_attrs().new_bit_count = width;
      return node;
    }
    case Op::kDecode: {
      Node* a = PickBits();
      const int64_t have = a->type()->bit_count();
      const int64_t most = have < 20 ? std::min<int64_t>(int64_t{1} << have, max_width()) : max_width();
      const int64_t width = rng().Percent(30) ? most : rng().Uniform(0, most);
      Node* node = Add(op, Type::Bits(width), {a});
      node->mutable_attrs().width = width;
      return node;
    }
    case Op::kEncode: {
      Node* a = PickBits();
      return Add(op, Type::Bits(EncodeWidth(a->type()->bit_count())), {a});
    }
    case Op::kOneHot: {
      Node* a = PickBits();
      if (a->type()->bit_count() >= max_width()) a = Reshape(a, max_width() - 1, 0);
      Node* node = Add(op, Type::Bits(a->type()->bit_count() + 1), {a});
      node->mutable_attrs().lsb_prio = rng().Bool();
      return node;
    }
    case Op::kSel:
    case Op::kOneHotSel:
    case Op::kPrioritySel:
      return GenerateSelect(op);
    case Op::kGate: {
      Node* condition = Condition();
      Node* data = PickAny();
      return Add(op, data->type(), {condition, data});
    }
    case Op::kTuple: {
      const int64_t count = rng().Uniform(0, 4);
      std::vector<Node*> operands;
      std::vector<const Type*> types;
      int64_t bits = 0;
      for (int64_t i = 0; i < count; ++i) {
        Node* e = PickAny();
        if (bits + e->type()->flat_bit_count() > kMaxFlatBits) continue;
        bits += e->type()->flat_bit_count();
        operands.push_back(e);
        types.push_back(e->type());
      }
      return Add(op, Type::Tuple(types), std::move(operands));
    }
    case Op::kTupleIndex: {
      std::vector<Node*> tuples;
      for (Node* n : pool_)
        if (n->type()->IsTuple() && !n->type()->elements().empty()) tuples.push_back(n);
      Node* tuple;
      if (!tuples.empty() && rng().Percent(85)) {
        tuple = PickFrom(tuples);
      } else {
        std::vector<const Type*> types(static_cast<size_t>(rng().Uniform(1, 3)));
        for (const Type*& t : types) t = RandomType(1);
        tuple = Obtain(Type::Tuple(types));
      }
      const int64_t index = rng().Uniform(0, static_cast<int64_t>(tuple->type()->elements().size()) - 1);
      Node* node = Add(op, tuple->type()->elements()[static_cast<size_t>(index)], {tuple});
      node->mutable_attrs().index = index;
      return node;
    }
    case Op::kArray: {
      Node* first = rng().Percent(60) ? PickBits() : PickAny();
      const Type* element = first->type();
      int64_t size = rng().Uniform(1, 4);
      while (size > 1 && element->flat_bit_count() * size > kMaxFlatBits) --size;
      std::vector<Node*> operands = {first};
      while (static_cast<int64_t>(operands.size()) < size) operands.push_back(Obtain(element));
      std::swap(operands[0], operands[static_cast<size_t>(rng().Uniform(0, size - 1))]);
      return Add(op, Type::Array(element, size), std::move(operands));
    }
    case Op::kArrayIndex:
    case Op::kArrayUpdate:
      return GenerateArrayIndexing(op);
    case Op::kArraySlice: {
      Node* array = PickArray();
      const Type* element = array->type()->element();
      int64_t width = rng().Uniform(1, std::min<int64_t>(array->type()->size() + 2, 6));
      while (width > 1 && element->flat_bit_count() * width > kMaxFlatBits) --width;
      Node* node = Add(op, Type::Array(element, width), {array, Offset(array->type()->size())});
      node->mutable_attrs().width = width;
      return node;
    }
    case Op::kArrayConcat: {
      Node* first = PickArray();
      const Type* element = first->type()->element();
      std::vector<Node*> operands = {first};
      int64_t size = first->type()->size();
      const int64_t count = rng().Uniform(1, 3);
      while (static_cast<int64_t>(operands.size()) < count) {
        const int64_t part = rng().Uniform(1, 3);
        if (size + part > kMaxArraySize || element->flat_bit_count() * (size + part) > kMaxFlatBits) break;
        operands.push_back(rng().Percent(15) ? first : Obtain(Type::Array(element, part)));
        size += operands.back()->type()->size();
      }
      return Add(op, Type::Array(element, size), std::move(operands));
    }
    case Op::kInvoke: {
      const Helper* helper = PickCallee(HelperRole::kInvoke);
      if (helper == nullptr) return nullptr;
      std::vector<Node*> operands;
      for (Node* param : helper->function->params()) operands.push_back(Obtain(param->type()));
      Node* node = Add(op, helper->function->return_type(), std::move(operands));
      node->mutable_attrs().callee = helper->function;
      loop_nesting_ = std::max(loop_nesting_, helper->loop_nesting);
      OpenTokenTuple(node);
      return node;
    }
    case Op::kMap: {
      const Helper* helper = PickCallee(HelperRole::kMap);
      if (helper == nullptr) return nullptr;
      const Type* in = helper->function->param(0)->type();
      const Type* out = helper->function->return_type();
      int64_t size = rng().Uniform(1, 4);
      while (size > 1 && std::max(in->flat_bit_count(), out->flat_bit_count()) * size > kMaxFlatBits) --size;
      Node* node = Add(op, Type::Array(out, size), {Obtain(Type::Array(in, size))});
      node->mutable_attrs().callee = helper->function;
      loop_nesting_ = std::max(loop_nesting_, helper->loop_nesting);
      return node;
    }
    case Op::kCountedFor:
    case Op::kDynamicCountedFor:
      return GenerateLoop(op);
    case Op::kParam:
      return nullptr;  // parameters are declared up front
    case Op::kLiteral:
      return Literal(RandomType());
    case Op::kAssert: {
      if (!options().allow_assert) return nullptr;
      Node* token = Token();
      Node* condition = Condition();
      Node* node = Add(op, Type::Token(), {token, condition});
      node->mutable_attrs().message = Text(node->id(), "check failed at");
      if (rng().Percent(50)) {
        node->mutable_attrs().has_label = true;
        node->mutable_attrs().label = "assert_" + std::to_string(node->id());
      }
      AdvanceToken(node);
      return node;
    }
    case Op::kTrace: {
      if (!options().allow_trace) return nullptr;
      Node* token = Token();
      Node* condition = rng().Percent(30) ? LiteralBits(1, 1) : Condition();
      std::vector<Node*> operands = {token, condition};
      std::string format = rng().Percent(20) ? "" : std::string(rng().Pick(std::span<const std::string_view>(kWords)));
      const int64_t count = rng().Uniform(0, 3);
      for (int64_t i = 0; i < count; ++i) {
        Node* data = rng().Percent(65) ? PickBits() : PickAny();
        operands.push_back(data);
        format += (format.empty() ? "" : rng().Bool() ? " = " : ", ") +
                  std::string(rng().Pick(std::span<const std::string_view>(kPlaceholders)));
      }
      if (rng().Percent(30)) format += " done";
      if (rng().Percent(5)) format += " {{literal braces}}";
      if (rng().Percent(5)) {
        std::string_view extra = rng().Pick(std::span<const std::string_view>(kAwkwardText));
        if (extra != "{}") format += extra;
      }
      Node* node = Add(op, Type::Token(), std::move(operands));
      node->mutable_attrs().format = format;
      node->mutable_attrs().verbosity = rng().Percent(80) ? 0 : rng().Uniform(1, 3);
      AdvanceToken(node);
      return node;
    }
    case Op::kCover: {
      if (!options().allow_trace) return nullptr;
      Node* node = Add(op, Type::EmptyTuple(), {Condition()});
      node->mutable_attrs().label = "cover_" + std::to_string(node->id());
      return node;
    }
    case Op::kAfterAll: {
      std::vector<Node*> operands;
      const int64_t count = rng().Uniform(0, 3);
      if (count > 0) Token();
      operands.reserve(static_cast<size_t>(count) + 1);
      for (int64_t i = 0; i < count; ++i) operands.push_back(rng().Pick(std::span<Node* const>(tokens_)));
      if (count > 0 && std::find(operands.begin(), operands.end(), token_) == operands.end())
        operands.push_back(token_);  // keep the chain ordered after everything so far
      Node* node = Add(op, Type::Token(), std::move(operands));
      AdvanceToken(node);
      return node;
    }
    case Op::kMinDelay: {
      Node* node = Add(op, Type::Token(), {Token()});
      node->mutable_attrs().delay = rng().Uniform(0, 3);
      AdvanceToken(node);
      return node;
    }
    case Op::kStateRead:
    case Op::kNextValue:
    case Op::kSend:
    case Op::kReceive:
      return nullptr;  // functions only: never picked (see Generate)
  }
  return nullptr;
}

void FunctionBuilder::Generate(int op_count) {
  // Aggregate parameters are reachable only through tuple_index and
  // array_index; open some of them up front so that their contents flow.
  for (Node* param : function_->params()) {
    const Type* type = param->type();
    if (type->IsTuple() && type->ContainsToken()) {
      OpenTokenTuple(param);
    } else if (type->IsTuple() && !type->elements().empty() && rng().Percent(70)) {
      const int64_t index = rng().Uniform(0, static_cast<int64_t>(type->elements().size()) - 1);
      Node* element = Add(Op::kTupleIndex, type->elements()[static_cast<size_t>(index)], {param});
      element->mutable_attrs().index = index;
    } else if (type->IsArray() && type->size() > 0 && rng().Percent(70)) {
      Add(Op::kArrayIndex, type->element(), {param, Offset(type->size())});
    }
  }
  std::vector<Op> ops;
  for (const OpInfo& info : AllOps()) {
    if (info.op == Op::kParam || info.has_flag(kFlagProcOnly)) continue;
    if (!options().allow_assert && info.op == Op::kAssert) continue;
    if (!options().allow_trace && (info.op == Op::kTrace || info.op == Op::kCover)) continue;
    ops.push_back(info.op);
    // Calls are where the most code (argument passing, loop state, nested
    // events) hides; they get double weight.
    if (info.has_flag(kFlagCallsFunction)) ops.push_back(info.op);
  }
  for (int i = 0; i < op_count; ++i) {
    // An op that cannot be built here (no helper of the right shape) gives
    // way to another one.
    for (int attempt = 0; attempt < 3; ++attempt)
      if (GenerateOp(rng().Pick(std::span<const Op>(ops))) != nullptr) break;
  }
}

void FunctionBuilder::Finish(const Type* return_type, bool allow_token) {
  Node* result;
  if (return_type != nullptr) {
    result = Derive(return_type);
  } else if (!function_->params().empty() && rng().Percent(3)) {
    // Returning a parameter as such (printed as a param line with ret).
    result = rng().Pick(function_->params());
    if (result->type()->ContainsToken() && !allow_token) result = Literal(RandomType());
  } else if (pool_.empty() && !(allow_token && token_ != nullptr)) {
    result = Literal(RandomType());
  } else if (rng().Percent(is_top_ ? 95 : 80) || pool_.empty()) {
    // A tuple of recent results (and the token chain) keeps most of the
    // function live and observable.
    std::vector<Node*> elements;
    std::vector<const Type*> types;
    int64_t bits = 0;
    // The top returns several results, so that what the arguments changed
    // is seen even where single values lose it (a compare, a slice of
    // constant bits, an operation with a zero).
    const int64_t count = pool_.empty() ? 0 : rng().Uniform(is_top_ ? 3 : 1, 6);
    for (int64_t i = 0; i < count; ++i) {
      // Of two candidates, the one carrying more bits: single-bit results
      // (comparisons, reductions) hide most of what happened.
      Node* e = PickFrom(pool_);
      Node* other = PickFrom(pool_);
      if (other->type()->flat_bit_count() > e->type()->flat_bit_count()) e = other;
      if (bits + e->type()->flat_bit_count() > kMaxFlatBits) continue;
      bits += e->type()->flat_bit_count();
      elements.push_back(e);
    }
    if (allow_token && token_ != nullptr && (elements.empty() || rng().Percent(40)))
      elements.insert(elements.begin() + rng().Uniform(0, static_cast<int64_t>(elements.size())), token_);
    if (allow_token && !token_values_.empty() && rng().Percent(30))
      elements.push_back(rng().Pick(std::span<Node* const>(token_values_)));
    types.reserve(elements.size());
    for (Node* e : elements) types.push_back(e->type());
    result = Add(Op::kTuple, Type::Tuple(types), std::move(elements));
  } else {
    // A single computed value (a literal or parameter makes a dull result).
    std::vector<Node*> computed;
    for (Node* n : pool_)
      if (n->op() != Op::kLiteral && n->op() != Op::kParam) computed.push_back(n);
    result = computed.empty() ? PickFrom(pool_) : PickFrom(computed);
  }
  function_->set_return_node(result);
  function_->set_return_type(result->type());
}

void ProgramBuilder::AddHelper(int index, HelperRole role) {
  static constexpr std::string_view kPrefix[] = {"callee", "map_fn", "for_body", "dyn_body"};
  Function* function =
      package_->AddFunction(std::string(kPrefix[static_cast<int>(role)]) + "_" + std::to_string(index));
  FunctionBuilder builder(*this, function, helpers());
  auto random_type = [&] {
    // Parameter types of helpers: flatter than body types, so that callers
    // can usually shape arguments from values they already have.
    const int64_t roll = rng_.Uniform(0, 99);
    const int64_t max_width = std::max(1, options_.max_bit_width);
    if (roll < 75) return Type::Bits(rng_.Width(max_width));
    if (roll < 88) {
      std::vector<const Type*> elements(static_cast<size_t>(rng_.Uniform(0, 3)));
      for (const Type*& e : elements) e = Type::Bits(rng_.Width(std::min<int64_t>(max_width, 64)));
      return Type::Tuple(elements);
    }
    return Type::Array(Type::Bits(rng_.Width(std::min<int64_t>(max_width, 64))), rng_.Uniform(1, 4));
  };
  const Type* loop_state = nullptr;
  switch (role) {
    case HelperRole::kInvoke: {
      const int64_t count = rng_.Uniform(0, 3);
      if (rng_.Percent(15)) builder.AddParam(Type::Token(), "tkn");
      for (int64_t i = 0; i < count; ++i) builder.AddParam(random_type(), "x" + std::to_string(i));
      break;
    }
    case HelperRole::kMap:
      builder.AddParam(random_type(), "element");
      break;
    case HelperRole::kCountedFor:
    case HelperRole::kDynamicCountedFor: {
      static constexpr int64_t kStaticIndexWidths[] = {1, 2, 3, 4, 5, 8, 16, 32};
      static constexpr int64_t kDynamicIndexWidths[] = {2, 3, 4, 5, 6, 8, 16, 32, 64};
      const int64_t index_width = std::min<int64_t>(
          std::max(options_.max_bit_width, 2), role == HelperRole::kCountedFor
                                                    ? rng_.Pick(std::span<const int64_t>(kStaticIndexWidths))
                                                    : rng_.Pick(std::span<const int64_t>(kDynamicIndexWidths)));
      builder.AddParam(Type::Bits(index_width), "i");
      loop_state = random_type();
      if (rng_.Percent(options_.large_loop_state_percent)) {
        // An array just past the stack cutoff and at most kMaxFlatBits.
        const int64_t element_width = rng_.Uniform(130, 256);
        const int64_t size = rng_.Uniform(kStackCutoffBits / element_width + 1,
                                          std::min<int64_t>(kMaxArraySize, kMaxFlatBits / element_width));
        loop_state = Type::Array(Type::Bits(element_width), size);
      }
      builder.AddParam(loop_state, "acc");
      const int64_t invariants = rng_.Uniform(0, 2);
      for (int64_t i = 0; i < invariants; ++i) builder.AddParam(random_type(), "inv" + std::to_string(i));
      break;
    }
  }
  builder.Generate(std::max(2, options_.max_nodes / 4));
  // Plain callees may hand tokens back to their callers; map functions and
  // loop bodies return plain data.
  builder.Finish(loop_state, /*allow_token=*/role == HelperRole::kInvoke);
  helpers_.push_back(std::make_unique<Helper>(Helper{function, role, builder.loop_nesting()}));
}

void ProgramBuilder::StartPackage() {
  package_ = std::make_unique<Package>("fuzz_" + std::to_string(options_.seed));
  const int helper_count = static_cast<int>(rng_.Uniform(0, std::max(0, options_.max_helpers)));
  for (int i = 0; i < helper_count; ++i) {
    static constexpr HelperRole kRoles[] = {HelperRole::kInvoke, HelperRole::kMap, HelperRole::kCountedFor,
                                            HelperRole::kDynamicCountedFor};
    AddHelper(i, rng_.Pick(std::span<const HelperRole>(kRoles)));
  }
}

std::vector<const Helper*> ProgramBuilder::helpers() const {
  std::vector<const Helper*> callees;
  callees.reserve(helpers_.size());
  for (const auto& h : helpers_) callees.push_back(h.get());
  return callees;
}

Result<GeneratedProgram> ProgramBuilder::Build() {
  StartPackage();
  Function* top = package_->AddFunction("main");
  package_->set_top_name(top->name());
  FunctionBuilder builder(*this, top, helpers(), /*is_top=*/true);
  // A top without parameters (or with only zero-width ones) computes one
  // constant whatever the arguments: kept, but rare.
  const int64_t param_count = rng_.Percent(1) ? 0 : rng_.Uniform(1, 4);
  if (rng_.Percent(10)) builder.AddParam(Type::Token(), "tkn");
  for (int64_t i = 0; i < param_count; ++i) {
    // Top parameters get the full variety of types.
    const int64_t roll = rng_.Uniform(0, 99);
    const int64_t max_width = std::max(1, options_.max_bit_width);
    const Type* type = Type::Bits(i == 0 ? std::max<int64_t>(1, rng_.Width(max_width)) : rng_.Width(max_width));
    if (roll >= 75) {
      const Type* element = Type::Bits(rng_.Width(std::min<int64_t>(max_width, 130)));
      if (roll < 88) {
        std::vector<const Type*> elements = {element, Type::Bits(rng_.Width(std::min<int64_t>(max_width, 64)))};
        if (rng_.Bool()) {
          elements.push_back(
              Type::Array(Type::Bits(rng_.Width(std::min<int64_t>(max_width, 32))), rng_.Uniform(1, 3)));
        }
        type = Type::Tuple(elements);
      } else {
        if (rng_.Percent(20)) {
          // A long array of wide elements: several hundred bytes or more.
          if (max_width >= 64 && rng_.Bool()) element = Type::Bits(rng_.Uniform(64, std::min<int64_t>(max_width, 200)));
          type = Type::Array(element, rng_.Uniform(8, 40));
        } else {
          type = Type::Array(element, rng_.Uniform(1, 4));
        }
        if (rng_.Percent(30)) type = Type::Array(type, rng_.Uniform(1, 3));
      }
    }
    if (rng_.Percent(options_.deep_param_percent)) type = builder.NestedType(options_.max_type_depth);
    if (rng_.Percent(4)) type = Type::Tuple(std::vector<const Type*>{Type::Token(), type});
    builder.AddParam(type, "p" + std::to_string(i));
  }
  builder.Generate(std::max(1, options_.max_nodes));
  builder.Finish(nullptr, /*allow_token=*/true);

  if (Status verified = VerifyPackage(*package_); !verified.ok()) {
    return MakeError(ErrorCode::kInternal, "generated program for seed " + std::to_string(options_.seed) +
                                               " does not verify: " + verified.error());
  }

  GeneratedProgram program;
  program.top = top;
  for (int s = 0; s < std::max(0, options_.arg_sets); ++s) {
    std::vector<Value> args;
    for (Node* param : top->params()) args.push_back(rng_.EdgeValue(param->type()));
    program.arg_sets.push_back(std::move(args));
  }
  program.package = std::move(package_);
  return program;
}

GeneratorOptions StressGeneratorOptions() {
  GeneratorOptions options;
  options.max_bit_width = 4096;
  options.max_type_depth = 5;
  options.max_trip_count = 1000;
  options.large_loop_state_percent = 40;
  options.deep_param_percent = 25;
  return options;
}

Result<GeneratedProgram> GenerateProgram(const GeneratorOptions& options) {
  ProgramBuilder builder(options);
  return builder.Build();
}

}  // namespace xlsaot
