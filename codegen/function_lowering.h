// Lowering of the body of one XLS function into LLVM functions, and the
// internal calling convention between generated functions.
#ifndef XLSAOT_CODEGEN_FUNCTION_LOWERING_H_
#define XLSAOT_CODEGEN_FUNCTION_LOWERING_H_

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "codegen/lowering.h"
#include "codegen/module_emitter.h"
#include "ir/function.h"
#include "llvm/IR/Instructions.h"
#include "xlsaot/result.h"

namespace xlsaot::codegen {

// How a value crosses a call between generated functions.
enum class Passing {
  kNone,     // zero-sized type: not passed at all
  kValue,    // bits up to ModuleEmitter::max_register_bits(): iN by value
  kPointer,  // everything else: a pointer to the value in buffer layout
};
Passing PassingOf(const Type* type, int64_t max_register_bits);

// The internal calling convention of one XLS function:
//   [iN] impl(<params by Passing>..., [ptr out,] ptr region, ptr status, ptr ctx)
// `out` exists when the result is passed by pointer (the callee writes the
// value there). `region` is the function's own part of the scratch buffer;
// its callees get the bytes right after it. Without recursion (the verifier
// forbids it) a function is never active twice at once, so one region per
// function, at a fixed distance from the start of scratch along every call
// path, is enough. `status` points at the entry point's status word.
struct FunctionAbi {
  const Function* function = nullptr;
  llvm::Function* impl = nullptr;
  std::vector<Passing> params;
  Passing result = Passing::kNone;
  // Bytes of scratch the function uses itself; set by the lowering.
  int64_t region_size = 0;
  // Bytes of scratch for the function and everything it calls.
  int64_t scratch_need = 0;
  // Pointers to the callees' region (region + region_size), created before
  // the size is known and patched afterwards.
  std::vector<llvm::GetElementPtrInst*> callee_regions;
  std::set<const Function*> callees;
  // Called only as the body of counted_for / dynamic_counted_for: then its
  // state parameter (parameter 1, when passed by pointer) is a buffer the
  // body may overwrite, so the state can be updated in place.
  bool state_consumable = false;
  // Whether some dynamic_counted_for here may report a status.
  bool sets_status = false;
};

using FunctionAbiMap = std::map<const Function*, FunctionAbi*>;

// Emits the body of `abi.impl` (declared already) for `abi.function`,
// splitting it into several LLVM functions when it is large. Asserts,
// traces and covers are appended to `sites` (which numbers them).
Status LowerFunctionBody(ModuleEmitter& m, FunctionAbi& abi, const FunctionAbiMap& abis,
                         AbiInfo& sites);

}  // namespace xlsaot::codegen

#endif  // XLSAOT_CODEGEN_FUNCTION_LOWERING_H_
