// The only symbols compiled code may reference besides its own: the C
// library's memory functions and the compiler runtime's 128-bit division
// routines (docs/abi.md). In-process loaders (the JIT, and `eval --backend
// aot`, which links an emitted object into the process) define exactly these.
#ifndef XLSAOT_CODEGEN_EXTERNAL_SYMBOLS_H_
#define XLSAOT_CODEGEN_EXTERNAL_SYMBOLS_H_

#include "llvm/ExecutionEngine/Orc/Core.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"

namespace xlsaot {

// Adds the allowed external symbols to `symbols`, named through `mangle`.
void AddAllowedExternalSymbols(llvm::orc::MangleAndInterner& mangle, llvm::orc::SymbolMap& symbols);

}  // namespace xlsaot

#endif  // XLSAOT_CODEGEN_EXTERNAL_SYMBOLS_H_
