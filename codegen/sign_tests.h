// A rewrite run after LLVM's optimisation pipeline, just before code
// generation.
#ifndef XLSAOT_CODEGEN_SIGN_TESTS_H_
#define XLSAOT_CODEGEN_SIGN_TESTS_H_

#include "llvm/IR/Module.h"

namespace xlsaot::codegen {

// Turns sign tests of integers whose width the machine has no registers for
// (`icmp slt i10 %x, 0`, `icmp sgt i10 %x, -1`, the canonical form LLVM
// gives a test of an XLS value's top bit) into tests of that bit
// (`and %x, 512` compared with 0). Code generation widens odd integers; a
// signed compare makes it sign-extend the value first (two shifts on x86),
// where a bit test is one instruction. Run after the pipeline, because
// instruction combining would turn the bit test back into the compare.
void RewriteOddWidthSignTests(llvm::Module& module);

}  // namespace xlsaot::codegen

#endif  // XLSAOT_CODEGEN_SIGN_TESTS_H_
