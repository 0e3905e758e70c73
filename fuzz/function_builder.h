// The builders behind the random program generator, shared by the function
// generator (program_generator.cc) and the proc network generator
// (proc_generator.cc): a proc body is built by the same FunctionBuilder as a
// function body, around the state reads, receives, sends and next values the
// proc generator places, so both exercise the same computations.
#ifndef XLSAOT_FUZZ_FUNCTION_BUILDER_H_
#define XLSAOT_FUZZ_FUNCTION_BUILDER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/program_generator.h"
#include "fuzz/random_source.h"
#include "ir/function.h"
#include "ir/node.h"
#include "ir/op.h"
#include "ir/package.h"

namespace xlsaot {

// What a helper function is shaped for; decides its signature.
enum class HelperRole { kInvoke, kMap, kCountedFor, kDynamicCountedFor };

struct Helper {
  Function* function;
  HelperRole role;
  // Loops nested on the deepest path through this function when it runs
  // (not counting a loop that uses it as a body).
  int loop_nesting;
};

class ProgramBuilder;

// Builds the body of one function: keeps a pool of the values defined so far
// (those whose type holds no token) and a chain of tokens through the side
// effects, and adds nodes exactly as the parser would build them.
class FunctionBuilder {
 public:
  // `is_top`: the function nothing calls, whose loops may run long.
  FunctionBuilder(ProgramBuilder& program, Function* function, std::vector<const Helper*> callees,
                  bool is_top = false);

  Node* AddParam(const Type* type, std::string name);
  // Adds `op_count` randomly chosen operations.
  void Generate(int op_count);
  // Sets the return value: a value of `return_type` when given, otherwise a
  // value (often a tuple of recent results) the builder chooses, which may
  // include the token chain when `allow_token` is set.
  void Finish(const Type* return_type, bool allow_token);

  int loop_nesting() const { return loop_nesting_; }

  // A type nested exactly `levels` deep (tuples and arrays around bits), at
  // most kMaxFlatBits wide.
  const Type* NestedType(int levels);
  // A random value type: bits (widths as RandomSource::Width), tuples and
  // arrays up to max_type_depth.
  const Type* RandomType(int depth = 0);

  // What the proc generator builds around the generated operations.
  // Appends a node named OP.ID; values whose type holds no token join the
  // pool of operands when `into_pool`. A state_read, or anything computed
  // from a receive, counts as varying like a parameter.
  Node* Add(Op op, const Type* type, std::vector<Node*> operands, bool into_pool = true);
  // A value of exactly `type`, preferably computed in this body.
  Node* Derive(const Type* type, int depth = 0);
  // A bits[1] value: an existing flag, a comparison or a literal.
  Node* Condition();
  // The token chain: its current end (an after_all the first time), and
  // moving it to a new side effect.
  Node* Token();
  void AdvanceToken(Node* token);
  // The text of an assert message or label for node `id`.
  std::string Text(int64_t id, std::string_view what);

 private:
  RandomSource& rng();
  const GeneratorOptions& options() const;
  int64_t max_width() const { return std::max<int64_t>(1, options().max_bit_width); }

  Node* Literal(const Type* type, bool into_pool = true);
  Node* LiteralBits(int64_t width, uint64_t value);
  const Type* BitsType() { return Type::Bits(rng().Width(max_width())); }

  // Choosing existing values; recent ones are preferred so that data flows
  // through long chains rather than fanning out of the parameters.
  Node* PickFrom(const std::vector<Node*>& nodes);
  Node* PickAny();
  Node* PickBits();
  Node* PickBitsAtLeast(int64_t min_width);
  Node* PickArray();
  // A value of exactly `type`: an existing one, or one shaped from existing
  // values (slices, extensions, concatenations, tuples, arrays), or a literal.
  Node* Obtain(const Type* type, int depth = 0);
  Node* Reshape(Node* source, int64_t width, int depth);
  // A start/offset operand for a dimension of `limit` positions, often out
  // of range; sets *in_range_literal when it is a literal below `limit`.
  Node* Offset(int64_t limit, bool* in_range_literal = nullptr);
  Node* ShiftAmount(int64_t width);
  const Helper* PickCallee(HelperRole role);
  // For a value whose type holds a token (a tuple returned by a callee or
  // passed as a parameter): its other elements join the pool and its tokens
  // join the token chain, so tokens really flow through calls and tuples.
  void OpenTokenTuple(Node* tuple);

  // One node of op `op` with random operands; nullptr when the op cannot be
  // built here (no suitable helper, or disabled by the options).
  Node* GenerateOp(Op op);
  Node* GenerateSelect(Op op);
  Node* GenerateArrayIndexing(Op op);
  Node* GenerateLoop(Op op);

  ProgramBuilder& program_;
  Function* function_;
  std::vector<const Helper*> callees_;
  bool is_top_;
  bool DependsOnParams(const Node* node) const {
    return node->id() < static_cast<int64_t>(depends_on_params_.size()) && depends_on_params_[node->id()];
  }
  void NoteDependence(const Node* node);

  std::vector<Node*> pool_;
  // Indexed by node id: whether the value can change with the arguments
  // (in a proc: with the state and the values received). Results that
  // cannot are dull (and constant-folded away by the JIT), so
  // operands are chosen mostly among those that can.
  std::vector<bool> depends_on_params_;
  std::vector<Node*> tokens_;
  // Values whose type holds a token (kept out of the pool); the top may
  // return one.
  std::vector<Node*> token_values_;
  Node* token_ = nullptr;
  Node* token_param_ = nullptr;
  int loop_nesting_ = 0;
};

class ProgramBuilder {
 public:
  explicit ProgramBuilder(const GeneratorOptions& options)
      : options_(options), rng_(options.seed) {}

  Result<GeneratedProgram> Build();

  // Creates the package (named fuzz_SEED) and its helper functions, which
  // every FunctionBuilder given helpers() may call.
  void StartPackage();
  Package& package() { return *package_; }
  std::vector<const Helper*> helpers() const;
  std::unique_ptr<Package> TakePackage() { return std::move(package_); }

  RandomSource& rng() { return rng_; }
  const GeneratorOptions& options() const { return options_; }
  int64_t NextId() { return next_id_++; }

 private:
  void AddHelper(int index, HelperRole role);

  GeneratorOptions options_;
  RandomSource rng_;
  std::unique_ptr<Package> package_;
  std::vector<std::unique_ptr<Helper>> helpers_;
  int64_t next_id_ = 1;
};

}  // namespace xlsaot

#endif  // XLSAOT_FUZZ_FUNCTION_BUILDER_H_
