// Lowering of an XLS function (and everything it calls) to an LLVM module
// with one C-callable entry point following the ABI of xlsaot/abi.h. The
// same lowering serves the JIT and the ahead-of-time compiler.
#ifndef XLSAOT_CODEGEN_LOWERING_H_
#define XLSAOT_CODEGEN_LOWERING_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ir/function.h"
#include "ir/node.h"
#include "ir/type.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "xlsaot/result.h"

namespace xlsaot {

// Path specialisation on rare conditions (codegen/rare_paths.h): a function
// may branch on comparisons that are rarely true, with the code after each
// compiled once per outcome, when that shortens its common path enough.
struct RarePathOptions {
  // At most this many branches per function (each copies the code after it
  // once); 0 turns the specialisation off.
  int max_conditions = 6;
  // Only an eq or ne of a value at least this wide against a literal is
  // rare (true for one value in 2^min_bits).
  int64_t min_bits = 8;
  // The common path must get shorter by at least this many IR nodes, and
  // by at least this many 64ths of the function.
  int64_t min_gain_nodes = 8;
  int64_t min_gain_64ths = 8;
};

struct CodegenOptions {
  // LLVM optimisation level, 0 to 3 (-O0 .. -O3).
  int opt_level = 2;
  // Values whose buffer is larger than this many bytes never live on the
  // machine stack: they get a fixed place in the scratch buffer.
  int64_t stack_cutoff_bytes = 512;
  // Target CPU and features ("" = the host's for the JIT; the ahead-of-time
  // compiler chooses its own default).
  std::string cpu;
  std::string cpu_features;
  // Target triple ("" = the host's).
  std::string target_triple;
  // Name of the entry point symbol ("" = "xlsaot_" + the function name with
  // every character outside [A-Za-z0-9_] replaced by '_').
  std::string entry_symbol;
  // IR nodes per generated LLVM function: bigger XLS functions are split
  // into parts of about this many nodes so that no LLVM function (and no
  // basic block) grows with the design.
  int64_t partition_nodes = 1000;
  // A counted_for whose trip count times its body's size (IR nodes, calls
  // expanded) is at most this is unrolled completely by LLVM (from -O1), so
  // that its index is a constant in every copy of the body and small arrays
  // of its state stay in registers (codegen/loop_unrolling.h; bodies
  // computing on bits wider than 64 keep their loop). 0 unrolls no loop.
  int64_t full_unroll_nodes = 4096;
  // Stack bytes one generated LLVM function may use for temporaries; values
  // beyond the budget go to scratch even when below the cutoff.
  int64_t stack_budget_bytes = 16384;
  // Minimum alignment of the scratch buffer the caller provides (a power of
  // two; the compiled code needs 8).
  int64_t scratch_alignment = 8;
  // Whether an array_index or array_update marked assumed_in_bounds=true
  // checks its indices and reports a failed assumption (on_assumption). The
  // JIT always does; ahead-of-time code only when compiled with events.
  bool assumption_events = true;
  // From -O2: branching on rarely true comparisons (codegen/rare_paths.h).
  RarePathOptions rare_paths;
};

// An assert, trace or cover of the compiled code, numbered as in the
// callbacks of xlsaot_context.
struct AssertSite {
  const Node* node;
  std::string message;
  std::string label;  // "" when the assert has none
};
struct TraceSite {
  const Node* node;
  std::string format;
  std::vector<const Type*> operand_types;  // data operands, in order
};
struct CoverSite {
  const Node* node;
  std::string label;
};
struct AssumptionSite {
  const Node* node;  // an array_index or array_update
};

// Everything a caller needs to know about the compiled entry point.
struct AbiInfo {
  std::string function_name;  // the XLS top function
  std::string entry_symbol;   // xlsaot_entry_fn
  std::string info_symbol;    // xlsaot_function_info (entry_symbol + "_info")
  uint32_t abi_version = 0;
  uint32_t features = 0;      // XLSAOT_FEATURE_* bits
  int64_t scratch_size = 0;
  int64_t scratch_alignment = 1;
  std::vector<const Type*> param_types;
  const Type* return_type = nullptr;
  std::vector<AssertSite> asserts;
  std::vector<TraceSite> traces;
  std::vector<CoverSite> covers;
  std::vector<AssumptionSite> assumptions;
  // Every function compiled (the top and all it calls), callees first.
  std::vector<const Function*> functions;
};

struct LoweredModule {
  std::unique_ptr<llvm::Module> module;
  AbiInfo abi;
};

// One entry point of a module lowered from several tops.
struct EntryRequest {
  const Function* function;
  std::string entry_symbol;  // "" = DefaultEntrySymbol(function name)
};

// A module with one entry point per requested top. Functions reachable
// from several tops are lowered once and shared. Assert, trace, cover and
// assumption sites are numbered once for the whole module, because a shared
// function reports the same index whichever entry called it: every entry's
// AbiInfo holds the same, complete site lists (and the feature bits they
// imply), while its signature, scratch needs and `functions` are its own.
struct LoweredEntries {
  std::unique_ptr<llvm::Module> module;
  std::vector<AbiInfo> entries;  // in the order requested
};

// Lowers `top` (verified IR) and every function reachable from it. The
// module is target-neutral apart from assuming 64-bit little-endian
// pointers; codegen/target.h sets the target and optimises it. Errors:
// kInvalidArgument for bad options, kUnsupported for IR outside what the
// compiler handles (with the function and node named).
Result<LoweredModule> LowerToLlvm(const Function& top, llvm::LLVMContext& context,
                                  const CodegenOptions& options);

// Lowers every top of `entries` (verified IR of one package, at least one,
// each at most once; entry symbols distinct) into one module. Errors as
// LowerToLlvm, and kInvalidArgument for a repeated top or entry symbol.
// options.entry_symbol is ignored (each request names its own).
Result<LoweredEntries> LowerEntriesToLlvm(const std::vector<EntryRequest>& entries,
                                          llvm::LLVMContext& context, const CodegenOptions& options);

// The default entry symbol for a function name (see CodegenOptions).
std::string DefaultEntrySymbol(const std::string& function_name);

}  // namespace xlsaot

#endif  // XLSAOT_CODEGEN_LOWERING_H_
